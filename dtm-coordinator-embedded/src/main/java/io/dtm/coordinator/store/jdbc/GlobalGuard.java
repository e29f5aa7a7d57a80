package io.dtm.coordinator.store.jdbc;

import java.util.List;

/**
 * What a write requires of its global row: the gid, the status and, when {@code owner} is
 * not null, the owner (the fence of a processing pass).
 */
record GlobalGuard(String gid, String status, String owner) {

    /**
     * {@code " AND owner = ?"} with the column after {@code prefix}, or nothing when no
     * owner is required.
     */
    String ownerCondition(String prefix) {
        return owner == null ? "" : " AND " + prefix + "owner = ?";
    }

    /**
     * Adds the parameters of {@code gid = ? AND status = ?} and of
     * {@link #ownerCondition}.
     */
    void addArgs(List<Object> args) {
        args.add(gid);
        args.add(status);
        if (owner != null) {
            args.add(owner);
        }
    }
}
