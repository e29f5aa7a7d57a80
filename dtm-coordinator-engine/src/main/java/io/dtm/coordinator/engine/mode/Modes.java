package io.dtm.coordinator.engine.mode;

import java.util.Map;

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
        return Map.of(TransType.SAGA, new SagaProcessor(), TransType.MSG, new MsgProcessor(topics), TransType.TCC,
                new TccProcessor(), TransType.XA, new XaProcessor(), TransType.WORKFLOW, new WorkflowProcessor());
    }

}
