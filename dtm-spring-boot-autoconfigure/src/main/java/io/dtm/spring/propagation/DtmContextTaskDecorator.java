package io.dtm.spring.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.dtm.spring.annotation.support.StepRecording;
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
 * <p>
 * A task decorated while a {@code @GlobalSaga} or {@code @DtmMsg} method records its
 * steps is registered with that recording from the moment it is decorated (queued) until
 * it ends: the initiator waits for it before it sends the transaction (see
 * {@link StepRecording}), so that a step recorded by an {@code @Async} method nobody
 * joins is part of it.
 */
public class DtmContextTaskDecorator extends ContextPropagatingTaskDecorator {

    private static final String KEY_PREFIX = "io.dtm.";

    /** Frames skipped when describing where a task was handed out. */
    private static final Set<String> FRAMEWORK_PREFIXES = Set.of("java.", "javax.", "jdk.", "sun.", "jakarta.",
            "org.springframework.", "org.aopalliance.", "io.micrometer.", "io.dtm.spring.propagation.",
            "io.dtm.spring.annotation.support.");

    public DtmContextTaskDecorator() {
        super(ContextSnapshotFactory.builder()
            .contextRegistry(ContextRegistry.getInstance())
            .captureKeyPredicate((key) -> key instanceof String name && name.startsWith(KEY_PREFIX))
            .build());
    }

    @Override
    public Runnable decorate(Runnable runnable) {
        Runnable withContext = super.decorate(runnable);
        StepRecording recording = StepRecording.current();
        StepRecording.HandedOutTask task = (recording != null) ? recording.handOut(describeCaller()) : null;
        if (task == null) {
            return withContext;
        }
        return () -> {
            task.started();
            try {
                withContext.run();
            }
            catch (RuntimeException | Error ex) {
                task.ended(ex);
                throw ex;
            }
            task.ended(null);
        };
    }

    /**
     * Where the task was handed out: the first application frames on the submitting
     * thread, e.g. the {@code @Async} method's proxy and its caller.
     */
    static String describeCaller() {
        List<String> frames = StackWalker.getInstance()
            .walk((stack) -> stack.filter((frame) -> !isFramework(frame.getClassName()))
                .limit(2)
                .map(DtmContextTaskDecorator::describe)
                .toList());
        if (frames.isEmpty()) {
            return "submitted on thread '" + Thread.currentThread().getName() + "'";
        }
        List<String> parts = new ArrayList<>(frames);
        return "submitted by " + String.join(", called from ", parts) + " on thread '"
                + Thread.currentThread().getName() + "'";
    }

    private static boolean isFramework(String className) {
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(StackWalker.StackFrame frame) {
        String className = frame.getClassName();
        int proxy = className.indexOf("$$");
        if (proxy > 0) {
            className = className.substring(0, proxy);
        }
        String method = className.substring(className.lastIndexOf('.') + 1) + "." + frame.getMethodName() + "()";
        return (frame.getFileName() != null && frame.getLineNumber() > 0 && proxy < 0)
                ? method.substring(0, method.length() - 1) + frame.getFileName() + ":" + frame.getLineNumber() + ")"
                : method;
    }

}
