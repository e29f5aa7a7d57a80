package io.dtm.protocol;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A word of dtm's protocol, as it is written in JSON bodies, query strings and stored
 * rows.
 */
public interface WireWord {

    /** The word as it goes over the wire. */
    String wireName();

    /** Whether {@code value} is this word, compared exactly as dtm does. */
    default boolean is(String value) {
        return wireName().equals(value);
    }

    /** The wire name of {@code word}, {@code null} for {@code null}. */
    static @Nullable String nameOf(@Nullable WireWord word) {
        return (word != null) ? word.wireName() : null;
    }

    /** The constant of {@code values} whose wire name is {@code value}. */
    static <E extends WireWord> Optional<E> find(E[] values, String value) {
        for (E word : values) {
            if (word.is(value)) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #find}, for a value that must be one of them.
     * @throws IllegalArgumentException naming {@code what} if it is none
     */
    static <E extends WireWord> E require(E[] values, String value, String what) {
        return find(values, value)
            .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + value + "'"));
    }

}
