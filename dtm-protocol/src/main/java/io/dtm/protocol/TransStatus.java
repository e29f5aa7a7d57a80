package io.dtm.protocol;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The status of a global transaction or of a branch in dtm's protocol. */
public enum TransStatus implements WireWord {

    PREPARED("prepared"), SUBMITTED("submitted"), ABORTING("aborting"), SUCCEED("succeed"), FAILED("failed");

    private final String wireName;

    TransStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The wire word, so that messages and logs show dtm's words. */
    @Override
    public String toString() {
        return wireName;
    }

    /** Whether this is a final status: succeed or failed. */
    public boolean isFinished() {
        return this == SUCCEED || this == FAILED;
    }

    /** Whether {@code status} is the wire name of a final status. */
    public static boolean isFinished(String status) {
        return find(status).map(TransStatus::isFinished).orElse(false);
    }

    @JsonCreator
    public static TransStatus fromWire(String wireName) {
        return WireWord.require(values(), wireName, "status");
    }

    public static Optional<TransStatus> find(String wireName) {
        return WireWord.find(values(), wireName);
    }

}
