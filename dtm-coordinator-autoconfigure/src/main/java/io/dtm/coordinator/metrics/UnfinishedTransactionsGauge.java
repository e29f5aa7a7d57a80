package io.dtm.coordinator.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.TransStore.UnfinishedCount;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;

/**
 * {@code dtm.transactions.unfinished}: unfinished transactions in the store by status and
 * mode, refreshed on an interval by one grouped count
 * ({@link TransStore#countUnfinished}) on a thread of its own. Every replica reports the
 * same store-wide numbers: aggregate them with max, not sum. Between refreshes, and when
 * the store cannot be reached, the gauge keeps the last counts.
 */
public class UnfinishedTransactionsGauge implements AutoCloseable {

    static final String NAME = "dtm.transactions.unfinished";

    private static final Logger log = LoggerFactory.getLogger(UnfinishedTransactionsGauge.class);

    private static final List<String> STATUSES = List.of(TransStatus.PREPARED.wireName(),
            TransStatus.SUBMITTED.wireName(), TransStatus.ABORTING.wireName());

    private final TransStore store;

    private final MultiGauge gauge;

    private final Duration interval;

    private @Nullable ScheduledExecutorService refresher;

    public UnfinishedTransactionsGauge(MeterRegistry registry, TransStore store, Duration interval) {
        if (interval == null || interval.toMillis() < 1000) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.metrics.unfinished-refresh-interval must be at least 1s, got " + interval);
        }
        this.store = store;
        this.interval = interval;
        this.gauge = MultiGauge.builder(NAME)
            .description("Unfinished transactions in the store, by status and mode")
            .baseUnit("transactions")
            .register(registry);
    }

    /** Refreshes now, then on the interval. */
    public synchronized void start() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dtm-unfinished-gauge");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the counts from the store and publishes them; each status and mode has a row,
     * 0 when none.
     */
    public void refresh() {
        Map<Tags, Long> counts = new LinkedHashMap<>();
        for (String status : STATUSES) {
            for (TransType type : TransType.values()) {
                counts.put(Tags.of("status", status, "model", type.wireName()), 0L);
            }
        }
        for (UnfinishedCount c : store.countUnfinished()) {
            String status = STATUSES.contains(c.status()) ? c.status() : WireTags.OTHER;
            String model = "unknown".equals(c.transType()) ? WireTags.OTHER : WireTags.model(c.transType());
            counts.merge(Tags.of("status", status, "model", model), c.count(), Long::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((tags, n) -> rows.add(MultiGauge.Row.of(tags, n)));
        gauge.register(rows, true);
    }

    private void refreshQuietly() {
        try {
            refresh();
        }
        catch (RuntimeException ex) {
            log.debug("unfinished transactions could not be counted; the gauge keeps the last counts", ex);
        }
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

}
