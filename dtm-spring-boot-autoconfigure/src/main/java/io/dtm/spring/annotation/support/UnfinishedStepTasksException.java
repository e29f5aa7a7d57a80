package io.dtm.spring.annotation.support;

/**
 * Where {@link io.dtm.spring.annotation.UnfinishedStepTasksException} was before it
 * moved.
 *
 * @deprecated since 0.1.0 for removal: catch
 * {@link io.dtm.spring.annotation.UnfinishedStepTasksException}, which dtm throws
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class UnfinishedStepTasksException extends io.dtm.spring.annotation.UnfinishedStepTasksException {

    public UnfinishedStepTasksException(String message) {
        super(message);
    }

    public UnfinishedStepTasksException(String message, Throwable cause) {
        super(message, cause);
    }

}
