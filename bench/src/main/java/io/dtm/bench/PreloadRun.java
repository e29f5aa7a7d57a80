package io.dtm.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * Fills the store before the cases run and measures the poller on it: the finished
 * transactions (copies of a 2-step saga with 2 statements per branch; written once per
 * database, kept for the next runs), then the due ones (copies of a 2-step saga with
 * empty branch URLs, new ones each run), the time the poller takes to drain them and the
 * latency of its claims, then the latency of a claim that finds nothing due.
 */
class PreloadRun {

    private static final String FINISHED = "pre-f-";

    private static final int PROBES = 500;

    private final BenchSettings settings;

    private final StoreConnections connections;

    private final BenchCases cases;

    private final TimedClaims claims;

    PreloadRun(BenchSettings settings, StoreConnections connections, BenchCases cases, TimedClaims claims) {
        this.settings = settings;
        this.connections = connections;
        this.cases = cases;
        this.claims = claims;
    }

    /** The report lines. */
    String run() throws InterruptedException {
        StringBuilder report = new StringBuilder();
        try (StorePreload preload = StorePreload.forStore(connections)) {
            int finished = settings.preloadFinished();
            if (finished > 0 && !preload.exists(FINISHED + (finished - 1))) {
                String template = LoadDriver.newGid();
                cases.saga(template, 2, false);
                long start = System.nanoTime();
                preload.copy(template, FINISHED, finished, false);
                line(report, "preload %s: %d finished transactions written in %.1f s", settings.store(), finished,
                        seconds(start));
            }
            else if (finished > 0) {
                line(report, "preload %s: %d finished transactions already in the store", settings.store(), finished);
            }
            if (settings.preloadDue() > 0) {
                drainDue(preload, report);
            }
        }
        probeNoneDue(report);
        return report.toString();
    }

    private void drainDue(StorePreload preload, StringBuilder report) throws InterruptedException {
        int due = settings.preloadDue();
        String prefix = "pre-d-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        String template = LoadDriver.newGid();
        cases.empty(template);
        claims.countFinished(prefix);
        claims.reset();
        long start = System.nanoTime();
        preload.copy(template, prefix, due, true);
        line(report, "preload %s: %d due transactions written in %.1f s", settings.store(), due, seconds(start));
        long written = System.nanoTime();
        long deadline = written + Duration.ofMinutes(10).toNanos();
        while (claims.preloadedFinished() < due && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long done = claims.preloadedFinished();
        double drain = (claims.lastFinishedNanos() - written) / 1e9;
        Histogram claimed = claims.claimed();
        line(report,
                "drain %s: %d of %d due transactions finished by the poller %.1f s after they were written "
                        + "(%.0f/s); claims that found one: %d, p50 %.2f ms, p99 %.2f ms",
                settings.store(), done, due, drain, done / drain, claimed.getTotalCount(), millis(claimed, 50),
                millis(claimed, 99));
    }

    /**
     * Claims with a time before anything due, so they find nothing and change nothing:
     * the query the poller runs when it is idle.
     */
    private void probeNoneDue(StringBuilder report) {
        claims.reset();
        for (int i = 0; i < PROBES; i++) {
            Instant past = Instant.now().minus(Duration.ofHours(1));
            claims.lockOneDue(past, past.plusSeconds(1), "bench-probe");
        }
        Histogram none = claims.noneDue();
        line(report, "claim %s: %d claims that found nothing due, p50 %.2f ms, p99 %.2f ms", settings.store(),
                none.getTotalCount(), millis(none, 50), millis(none, 99));
    }

    private static double millis(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args) + System.lineSeparator();
        System.out.print(line);
        report.append(line);
    }

}
