package io.dtm.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Times as dtm writes them in JSON: Go's RFC 3339 with the local offset, whole seconds.
 */
public final class WireTime {

    private WireTime() {
    }

    /** {@code instant} as dtm writes it, or {@code null}. */
    public static @Nullable String format(@Nullable Instant instant) {
        if (instant == null) {
            return null;
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME
            .format(OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault()));
    }

    /** Reads an RFC 3339 time with an offset; {@code null} or empty is {@code null}. */
    public static @Nullable Instant parse(@Nullable String text) {
        return text == null || text.isEmpty() ? null : OffsetDateTime.parse(text).toInstant();
    }

    /** Writes an {@link Instant} with {@link #format}. */
    public static final class Serializer extends StdSerializer<Instant> {

        public Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(format(value));
        }

    }

    /** Reads an {@link Instant} with {@link #parse}. */
    public static final class Deserializer extends StdDeserializer<Instant> {

        public Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            return parse(p.getValueAsString());
        }

    }

}
