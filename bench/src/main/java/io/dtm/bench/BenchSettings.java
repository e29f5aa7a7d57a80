package io.dtm.bench;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What to measure:
 * {@code --bench.store=mysql --bench.cases=direct,saga --bench.sqls=2 ...}.
 * {@code strict}: exit non-zero if a case had errors or completed no operation (the smoke
 * run, {@code bash bench/run.sh --smoke}). {@code coordinatorUrl}: a coordinator running
 * in another process (e.g. {@code http://127.0.0.1:36789/api/dtmsvr}) instead of the
 * embedded one; {@code coordinatorPid}: that process, whose CPU time is then reported.
 * {@code poolSize}: connections of the bench service's and the storage floor's pools (the
 * coordinator's: {@code dtm.coordinator.store.jdbc.max-pool-size}).
 * {@code preloadFinished} finished and {@code preloadDue} due transactions are written to
 * the store before the cases run (see {@link StorePreload}). {@code jitWarmup}: the least
 * time all cases run together before the first measurement (see {@link #firstWarmup()}).
 * {@code rate}: when above 0, each case is measured a second time, after its closed-loop
 * window, at this fixed arrival rate (transactions per second, open loop) for
 * {@code duration}, with at most {@code concurrency} in flight: the latency users see
 * below saturation; a separate coordinator's memory is sampled after that window.
 * {@code startupOnly}: start the application, run no case and exit (its start-up time,
 * with or without the embedded coordinator).
 */
@ConfigurationProperties("bench")
public record BenchSettings(String store, List<String> cases, int concurrency, Duration warmup, Duration duration,
        int users, String output, boolean strict, String coordinatorUrl, long coordinatorPid, int poolSize,
        int preloadFinished, int preloadDue, Duration jitWarmup, int rate, boolean startupOnly) {

    public BenchSettings {
        store = store == null ? "h2" : store;
        cases = cases == null || cases.isEmpty() ? List.of("direct0", "saga0", "direct2", "saga2", "sagab2", "direct10",
                "saga10", "sagab10", "tcc2", "msg2", "atcc0", "asaga2", "empty", "floor") : cases;
        concurrency = concurrency <= 0 ? 20 : concurrency;
        warmup = warmup == null ? Duration.ofSeconds(3) : warmup;
        duration = duration == null ? Duration.ofSeconds(10) : duration;
        users = users <= 0 ? 10_000 : users;
        output = output == null ? "" : output;
        coordinatorUrl = coordinatorUrl == null ? "" : coordinatorUrl;
        poolSize = poolSize <= 0 ? 40 : poolSize;
        jitWarmup = jitWarmup == null ? Duration.ofSeconds(30) : jitWarmup;
        if (rate < 0) {
            throw new IllegalArgumentException(
                    "bench.rate must be 0 (closed loop only) or a rate above 0, was " + rate);
        }
    }

    /**
     * The warm-up of each case in the first pass over all of them: {@code warmup}, longer
     * when the cases are few, so that the processes run their paths for {@code jitWarmup}
     * in all before the first measurement (a coordinator that has just started is still
     * compiling them for tens of seconds).
     */
    Duration firstWarmup() {
        Duration share = this.jitWarmup.dividedBy(this.cases.size());
        return share.compareTo(this.warmup) > 0 ? share : this.warmup;
    }

    /** Whether the coordinator runs in another process. */
    boolean separateCoordinator() {
        return !this.coordinatorUrl.isEmpty();
    }

}
