package io.dtm.coordinator.engine.mode;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.dtm.protocol.TransType;

/**
 * The five transaction modes, one processor each.
 */
public final class Modes {

    private Modes() {
    }

    /**
     * One processor per mode.
     * @param topics the subscribers of the topics message steps may name
     * @return the processors by mode
     */
    public static Map<TransType, ModeProcessor> processors(TopicSubscribers topics) {
        return Stream
            .of(new SagaProcessor(), new MsgProcessor(topics), new TccProcessor(), new XaProcessor(),
                    new WorkflowProcessor())
            .collect(Collectors.toUnmodifiableMap(ModeProcessor::type, Function.identity()));
    }

}
