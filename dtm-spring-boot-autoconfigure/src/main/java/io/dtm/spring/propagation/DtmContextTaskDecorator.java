package io.dtm.spring.propagation;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Carries dtm's context to tasks run by an executor ({@code @Async}, the executors Spring
 * Boot builds): the transaction bound to the submitting thread and the saga or message it
 * is recording. Only dtm's own {@code ThreadLocalAccessor}s are captured, so other
 * contexts propagate only where the application asks for it (e.g. with its own
 * {@link ContextPropagatingTaskDecorator}). For an executor Spring Boot did not build,
 * wrap the task: {@code executor.execute(decorator.decorate(task))}.
 */
public class DtmContextTaskDecorator extends ContextPropagatingTaskDecorator {

    private static final String KEY_PREFIX = "io.dtm.";

    public DtmContextTaskDecorator() {
        super(ContextSnapshotFactory.builder()
            .contextRegistry(ContextRegistry.getInstance())
            .captureKeyPredicate((key) -> key instanceof String name && name.startsWith(KEY_PREFIX))
            .build());
    }

}
