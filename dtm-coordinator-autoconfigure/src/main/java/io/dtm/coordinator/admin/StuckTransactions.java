package io.dtm.coordinator.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.run.TransMarks;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import org.jspecify.annotations.Nullable;

/**
 * Transactions that should have ended by now: every {@code aborting} one (its
 * compensations are still being retried), every unfinished one whose branch calls have
 * been failing since its last successful call (from the first failed call on), and
 * {@code submitted} or {@code prepared} ones past their timeout ({@code create_time +
 * timeout_to_fail}, as the engine reckons it) or, without a timeout, older than a
 * threshold. The scan reads at most a bounded number of the newest transactions of each
 * status.
 */
public class StuckTransactions {

    private static final List<String> UNFINISHED = List.of(TransStatus.ABORTING.wireName(),
            TransStatus.SUBMITTED.wireName(), TransStatus.PREPARED.wireName());

    private static final int PAGE = 500;

    private final TransService transactions;

    private final CoordinatorClock clock;

    private final EngineSettings settings;

    private final Duration defaultThreshold;

    private final int scanLimit;

    public StuckTransactions(TransService transactions, CoordinatorClock clock, EngineSettings settings,
            Duration defaultThreshold, int scanLimit) {
        if (scanLimit < 1) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.admin.stuck-scan-limit must be at least 1, got " + scanLimit);
        }
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.defaultThreshold = defaultThreshold;
        this.scanLimit = scanLimit;
    }

    public Duration defaultThreshold() {
        return defaultThreshold;
    }

    public int scanLimit() {
        return scanLimit;
    }

    /**
     * @param threshold age after which a transaction without a timeout is stuck;
     * {@code null} for the default
     * @param limit most transactions returned, the oldest first
     */
    public Result find(@Nullable Duration threshold, int limit) {
        Duration olderThan = threshold == null ? defaultThreshold : threshold;
        Instant now = clock.instant();
        List<Stuck> found = new ArrayList<>();
        int scanned = 0;
        List<String> cutShort = new ArrayList<>();
        for (String status : UNFINISHED) {
            String position = "";
            int read = 0;
            while (true) {
                GlobalPage page = transactions
                    .all(new GlobalQuery(position, Math.min(PAGE, scanLimit - read), status, null, null, null));
                for (TransGlobal g : page.transactions()) {
                    Stuck stuck = check(g, now, olderThan);
                    if (stuck != null) {
                        found.add(stuck);
                    }
                }
                read += page.transactions().size();
                position = page.nextPosition();
                if (position == null || position.isEmpty()) {
                    break;
                }
                if (read >= scanLimit) {
                    cutShort.add(status);
                    break;
                }
            }
            scanned += read;
        }
        found.sort(Comparator
            .comparing((Stuck s) -> s.transaction().getCreateTime(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(s -> s.transaction().getGid()));
        return new Result(found.size() > limit ? found.subList(0, limit) : found, found.size(), scanned, cutShort,
                olderThan, now);
    }

    private @Nullable Stuck check(TransGlobal g, Instant now, Duration olderThan) {
        Instant created = g.getCreateTime();
        if (g.getStatus() == TransStatus.ABORTING) {
            return new Stuck(g, "aborting: its compensations have not all succeeded yet", null);
        }
        if (TransMarks.read(g).get(TransMarks.FAILING_SINCE) instanceof String since) {
            return new Stuck(g, g.getStatus() + ": its branch calls have failed since " + since, null);
        }
        if (created == null) {
            return null;
        }
        long timeout = timeoutSeconds(g);
        if (timeout > 0) {
            Instant due = created.plusSeconds(timeout);
            return now.isBefore(due) ? null
                    : new Stuck(g, g.getStatus() + " past its timeout of " + timeout + " s", due);
        }
        return created.plus(olderThan).isAfter(now) ? null : new Stuck(g,
                g.getStatus() + " for longer than " + olderThan.toSeconds() + " s (it has no timeout)", null);
    }

    /**
     * As the engine: the transaction's own timeout, else the coordinator's, except that
     * saga has none by default.
     */
    private long timeoutSeconds(TransGlobal g) {
        long own = g.getOptions() == null ? 0 : g.getOptions().getTimeoutToFail();
        if (own > 0 || g.getTransType() == TransType.SAGA) {
            return own;
        }
        return settings.timeoutToFail().toSeconds();
    }

    /**
     * @param timeoutAt when its timeout expired, {@code null} for aborting ones and those
     * without a timeout
     */
    public record Stuck(TransGlobal transaction, String reason, @Nullable Instant timeoutAt) {
    }

    /**
     * @param stuck the oldest first, at most the limit asked for
     * @param total how many stuck transactions the scan found
     * @param scanned unfinished transactions read
     * @param cutShort statuses whose scan stopped at the scan limit: older transactions
     * of them were not read
     */
    public record Result(List<Stuck> stuck, int total, int scanned, List<String> cutShort, Duration threshold,
            Instant now) {
    }

}
