package io.dtm.coordinator.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the coordinator's admin UI ({@code /admin}) and its JSON endpoints
 * ({@code /api/admin}).
 */
@ConfigurationProperties("dtm.coordinator.admin")
public class DtmCoordinatorAdminProperties {

    /**
     * Serve the admin UI and its endpoints with the coordinator. Off by default in an
     * application that embeds the coordinator; on in the standalone coordinator.
     */
    private boolean enabled;

    /**
     * How often this replica writes its heartbeat (KV category {@code replicas}); a
     * replica is listed as live while its last heartbeat is less than three intervals
     * old.
     */
    private Duration heartbeatInterval = Duration.ofSeconds(5);

    /**
     * Branch calls this replica remembers, newest kept, for the "calls seen by this
     * replica" of a transaction's page. Held in memory only: lost on restart, and each
     * replica sees only the calls it made itself.
     */
    private int recentCalls = 10_000;

    /**
     * Age after which a submitted or prepared transaction without a timeout of its own (a
     * saga that sets no timeout_to_fail) counts as stuck.
     */
    private Duration stuckAfter = Duration.ofMinutes(5);

    /**
     * Most unfinished transactions of each status (aborting, submitted, prepared) the
     * stuck view reads, newest first; the view says when it stopped there.
     */
    private int stuckScanLimit = 5_000;

    /**
     * Most transactions one bulk "retry now" ({@code POST /api/admin/retry}) makes due;
     * the reply says when more matched.
     */
    private int maxBulkRetry = 200;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public int getRecentCalls() {
        return recentCalls;
    }

    public void setRecentCalls(int recentCalls) {
        this.recentCalls = recentCalls;
    }

    public Duration getStuckAfter() {
        return stuckAfter;
    }

    public void setStuckAfter(Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
    }

    public int getMaxBulkRetry() {
        return maxBulkRetry;
    }

    public void setMaxBulkRetry(int maxBulkRetry) {
        this.maxBulkRetry = maxBulkRetry;
    }

    public int getStuckScanLimit() {
        return stuckScanLimit;
    }

    public void setStuckScanLimit(int stuckScanLimit) {
        this.stuckScanLimit = stuckScanLimit;
    }

}
