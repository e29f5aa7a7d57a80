package io.dtm.coordinator.store.jdbc;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a write requires of its global row: the gid, the status and, when not null, the
 * owner (the fence of a processing pass) and the transaction type.
 */
record GlobalGuard(String gid, String status, @Nullable String owner, @Nullable String transType) {

    GlobalGuard(String gid, String status, @Nullable String owner) {
        this(gid, status, owner, null);
    }

    /**
     * {@code " AND owner = ?"} and {@code " AND trans_type = ?"} with the columns after
     * {@code prefix}, each only when it is required.
     */
    String extraConditions(String prefix) {
        return (owner == null ? "" : " AND " + prefix + "owner = ?")
                + (transType == null ? "" : " AND " + prefix + "trans_type = ?");
    }

    /**
     * Adds the parameters of {@code gid = ? AND status = ?} and of
     * {@link #extraConditions}.
     */
    void addArgs(List<Object> args) {
        args.add(gid);
        args.add(status);
        if (owner != null) {
            args.add(owner);
        }
        if (transType != null) {
            args.add(transType);
        }
    }
}
