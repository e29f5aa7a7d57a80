package io.dtm.coordinator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.coordinator.store.TransStore;

/**
 * Deletes finished transactions some time after they finished, in bounded batches, every
 * interval. Every replica runs one, with no coordination: a batch is a plain delete of
 * finished rows, so replicas deleting the same transactions at once do each other no
 * harm; the first look waits a random part of the interval, so replicas started together
 * spread out.
 */
public class FinishedRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FinishedRetention.class);

    private final TransStore store;

    private final CoordinatorClock clock;

    private final Duration finishedAge;

    private final Duration interval;

    private final int batchSize;

    private final int maxBatches;

    private volatile ScheduledExecutorService scheduler;

    public FinishedRetention(TransStore store, CoordinatorClock clock, Duration finishedAge, Duration interval,
            int batchSize, int maxBatches) {
        if (finishedAge.isNegative() || interval.isNegative() || interval.isZero() || batchSize < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("retention needs a finished age of zero or more, a positive interval, "
                    + "and at least one batch of at least one transaction");
        }
        this.store = store;
        this.clock = clock;
        this.finishedAge = finishedAge;
        this.interval = interval;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    /**
     * Deletes the transactions that finished more than the finished age ago, batch by
     * batch until a batch comes back short or the batches of one look are used up.
     * @return how many were deleted
     */
    public int deleteOnce() {
        Instant finishedBefore = clock.instant().minus(finishedAge);
        int deleted = 0;
        for (int batch = 0; batch < maxBatches; batch++) {
            int n = store.deleteFinished(finishedBefore, batchSize);
            deleted += n;
            if (n < batchSize) {
                break;
            }
        }
        return deleted;
    }

    private void deleteQuietly() {
        try {
            int deleted = deleteOnce();
            if (deleted > 0) {
                log.debug("deleted {} transactions that finished more than {} ago", deleted, finishedAge);
            }
        }
        catch (RuntimeException ex) {
            log.warn("deleting finished transactions failed; trying again in {}: {}", interval,
                    LogSafe.reply(ex.toString()));
        }
    }

    @Override
    public void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dtm-retention");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        s.scheduleWithFixedDelay(this::deleteQuietly, ThreadLocalRandom.current().nextLong(millis + 1), millis,
                TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

}
