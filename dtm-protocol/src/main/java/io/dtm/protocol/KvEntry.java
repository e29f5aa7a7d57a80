package io.dtm.protocol;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/** A row of dtm's {@code kv} table: topics are stored here with cat {@code topics}. */
@JsonPropertyOrder({ "id", "create_time", "update_time", "cat", "k", "v", "version" })
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(Include.ALWAYS)
public record KvEntry(@JsonProperty("id") Long id, @JsonProperty("cat") String cat, @JsonProperty("k") String k,
        @JsonProperty("v") String v, @JsonProperty("version") long version,
        @JsonProperty("create_time") @JsonSerialize(using = WireTime.Serializer.class) @JsonDeserialize(
                using = WireTime.Deserializer.class) Instant createTime,
        @JsonProperty("update_time") @JsonSerialize(using = WireTime.Serializer.class) @JsonDeserialize(
                using = WireTime.Deserializer.class) Instant updateTime) {

    public static final String CAT_TOPICS = "topics";

    public KvEntry withValue(String newValue, Instant now) {
        return new KvEntry(id, cat, k, newValue, version + 1, createTime, now);
    }
}
