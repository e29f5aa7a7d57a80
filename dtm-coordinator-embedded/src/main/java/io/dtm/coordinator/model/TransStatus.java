package io.dtm.coordinator.model;

/** Global and branch status words of dtm's protocol. */
public final class TransStatus {

    public static final String PREPARED = "prepared";
    public static final String SUBMITTED = "submitted";
    public static final String ABORTING = "aborting";
    public static final String SUCCEED = "succeed";
    public static final String FAILED = "failed";

    private TransStatus() {
    }

    public static boolean isFinished(String status) {
        return SUCCEED.equals(status) || FAILED.equals(status);
    }
}
