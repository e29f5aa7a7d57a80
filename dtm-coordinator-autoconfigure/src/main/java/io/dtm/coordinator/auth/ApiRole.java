package io.dtm.coordinator.auth;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** What a token may do with the coordinator's API; OPERATE includes READ. */
public enum ApiRole {

    /**
     * Query transactions, topics and KV rows, get a gid or the version: nothing that
     * changes a transaction.
     */
    READ,

    /**
     * Everything: prepare, submit, abort, registerBranch, forceStop, the cron resets,
     * topics.
     */
    OPERATE;

    public boolean allows(ApiRole required) {
        return compareTo(required) >= 0;
    }

    /**
     * The role named in configuration, case-insensitive; null if there is none of that
     * name.
     */
    static @Nullable ApiRole parse(@Nullable String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

}
