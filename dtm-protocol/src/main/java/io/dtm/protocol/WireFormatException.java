package io.dtm.protocol;

/**
 * A request that does not follow dtm's wire format: malformed JSON, a value of the wrong
 * JSON type, an unknown word. The message names the field and the rule and is safe to
 * send back (a 400).
 */
public class WireFormatException extends IllegalArgumentException {

    public WireFormatException(String message) {
        super(message);
    }

}
