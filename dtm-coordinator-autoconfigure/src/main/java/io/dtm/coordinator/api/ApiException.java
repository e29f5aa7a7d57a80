package io.dtm.coordinator.api;

/**
 * A request refused by the API layer itself with a status other than 400 (413 too large,
 * 408 too slow, ...).
 */
class ApiException extends RuntimeException {

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException tooLarge(long maxBodyBytes) {
        return new ApiException(413, "request body is larger than " + maxBodyBytes
                + " bytes (dtm.coordinator.limits.max-body-size): send smaller transactions");
    }

}
