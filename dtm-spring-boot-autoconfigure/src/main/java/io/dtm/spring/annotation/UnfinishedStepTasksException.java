package io.dtm.spring.annotation;

/**
 * Thrown by a {@code @GlobalSaga} or {@code @DtmMsg} method, instead of sending its
 * transaction, when a task it handed to another thread with dtm's context had not ended
 * within {@code dtm.annotations.async-step-wait} after the method returned, or threw: the
 * steps the task was to record could be missing. Nothing was sent, so nothing is done;
 * the message names the task.
 */
public class UnfinishedStepTasksException extends IllegalStateException {

    /** How long an initiator waits for the tasks it handed out. */
    public static final String WAIT_PROPERTY = "dtm.annotations.async-step-wait";

    public UnfinishedStepTasksException(String message) {
        super(message);
    }

    public UnfinishedStepTasksException(String message, Throwable cause) {
        super(message, cause);
    }

}
