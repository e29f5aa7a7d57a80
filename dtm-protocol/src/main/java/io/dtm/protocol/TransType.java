package io.dtm.protocol;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The transaction types of dtm's protocol ({@code trans_type}). */
public enum TransType implements WireWord {

    SAGA("saga"), TCC("tcc"), XA("xa"), MSG("msg"), WORKFLOW("workflow");

    private final String wireName;

    TransType(String wireName) {
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
    public static TransType fromWire(String wireName) {
        return WireWord.require(values(), wireName, "trans_type");
    }

    public static Optional<TransType> find(String wireName) {
        return WireWord.find(values(), wireName);
    }

}
