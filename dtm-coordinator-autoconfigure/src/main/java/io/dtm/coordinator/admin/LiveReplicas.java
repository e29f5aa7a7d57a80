package io.dtm.coordinator.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.dtm.protocol.KvEntry;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.TransStore.KvPage;

/** Reads the replicas' heartbeat rows and tells which replicas are live. */
public class LiveReplicas {

    /** Heartbeat rows read at most: far more replicas than one store serves. */
    static final int MAX_ROWS = 1000;

    private static final int PAGE = 200;

    private final TransStore store;

    private final Clock clock;

    public LiveReplicas(TransStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Replicas whose last heartbeat is less than three of their intervals old, by id. */
    public List<ReplicaInfo> live() {
        Instant now = clock.instant();
        return rows().stream()
            .map(e -> ReplicaInfo.fromJson(e.v()))
            .filter(r -> r != null && r.isLive(now))
            .sorted(Comparator.comparing(ReplicaInfo::id))
            .toList();
    }

    List<KvEntry> rows() {
        List<KvEntry> rows = new ArrayList<>();
        String position = "";
        while (rows.size() < MAX_ROWS) {
            KvPage page = store.scanKv(ReplicaInfo.KV_CATEGORY, position, PAGE);
            rows.addAll(page.kv());
            if (page.nextPosition() == null || page.nextPosition().isEmpty() || page.kv().isEmpty()) {
                break;
            }
            position = page.nextPosition();
        }
        return rows;
    }

}
