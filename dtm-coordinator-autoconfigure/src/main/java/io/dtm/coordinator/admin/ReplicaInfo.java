package io.dtm.coordinator.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.coordinator.model.TransJson;
import org.jspecify.annotations.Nullable;

/**
 * A coordinator replica as its heartbeat describes it: the value of its KV row (category
 * {@code replicas}, key {@link #id}).
 *
 * @param id host:port and start time, unique per run of a replica
 * @param lastSeen when the replica last wrote its heartbeat, by its own clock
 */
public record ReplicaInfo(String id, String host, int port, String version, Instant started, Instant lastSeen,
        Duration heartbeatInterval) {

    public static final String KV_CATEGORY = "replicas";

    /** Host names are cut to this length so that the id fits the KV key column (128). */
    private static final int MAX_HOST = 80;

    public static ReplicaInfo starting(String host, int port, String version, Instant started, Duration interval) {
        String h = host.length() > MAX_HOST ? host.substring(0, MAX_HOST) : host;
        Instant start = started.truncatedTo(ChronoUnit.MILLIS);
        return new ReplicaInfo(h + ":" + port + "@" + start, h, port, version, start, start, interval);
    }

    public ReplicaInfo seenAt(Instant now) {
        return new ReplicaInfo(id, host, port, version, started, now, heartbeatInterval);
    }

    /** Live while its last heartbeat is less than three of its intervals old. */
    public boolean isLive(Instant now) {
        return lastSeen != null && lastSeen.plus(heartbeatInterval.multipliedBy(3)).isAfter(now);
    }

    String toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("host", host);
        map.put("port", port);
        map.put("version", version);
        map.put("started", started.toString());
        map.put("last_seen", lastSeen.toString());
        map.put("heartbeat_interval_ms", heartbeatInterval.toMillis());
        return TransJson.write(map);
    }

    /**
     * Reads a heartbeat row's value; {@code null} when it is not one (another program's
     * row, a damaged value).
     */
    static @Nullable ReplicaInfo fromJson(String json) {
        try {
            Map<String, Object> m = TransJson.readObject(json);
            if (!(m.get("id") instanceof String id) || !(m.get("last_seen") instanceof String lastSeen)
                    || !(m.get("heartbeat_interval_ms") instanceof Number interval) || interval.longValue() <= 0) {
                return null;
            }
            return new ReplicaInfo(id, m.get("host") instanceof String h ? h : "",
                    m.get("port") instanceof Number p ? p.intValue() : 0, m.get("version") instanceof String v ? v : "",
                    m.get("started") instanceof String s ? Instant.parse(s) : null, Instant.parse(lastSeen),
                    Duration.ofMillis(interval.longValue()));
        }
        catch (RuntimeException ex) {
            return null;
        }
    }
}
