package io.dtm.protocol;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the coordinator calls a transaction's branches ({@code protocol}); absent means
 * HTTP.
 */
public enum TransProtocol implements WireWord {

    HTTP("http"), JSON_RPC("json-rpc");

    private final String wireName;

    TransProtocol(String wireName) {
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

    @JsonCreator
    public static TransProtocol fromWire(String wireName) {
        return WireWord.require(values(), wireName, "protocol");
    }

    public static Optional<TransProtocol> find(String wireName) {
        return WireWord.find(values(), wireName);
    }

}
