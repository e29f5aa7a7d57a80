package io.dtm.coordinator.model;

import java.time.Instant;

/** A row of dtm's {@code kv} table: topics are stored here with cat {@code topics}. */
public record KvEntry(Long id, String cat, String k, String v, long version, Instant createTime, Instant updateTime) {

    public static final String CAT_TOPICS = "topics";

    public KvEntry withValue(String newValue, Instant now) {
        return new KvEntry(id, cat, k, newValue, version + 1, createTime, now);
    }
}
