package io.dtm.coordinator.engine;

/** An error the API turns into dtm's reply for its {@link #result()}: 409 FAILURE, 425 ONGOING or 500. */
public class DtmException extends RuntimeException {

    private final DtmResult result;

    public DtmException(DtmResult result, String message) {
        super(message);
        this.result = result;
    }

    public DtmResult result() {
        return result;
    }

    public static DtmException failure(String message) {
        return new DtmException(DtmResult.FAILURE, message);
    }

    public static DtmException ongoing(String message) {
        return new DtmException(DtmResult.ONGOING, message);
    }
}
