package io.dtm.coordinator.metrics;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;

/**
 * Counts transactions that reached a final status and times them from creation to that
 * moment. Told by {@link MeteredTransStore} when its compare-and-set of the global status
 * wrote {@code succeed} or {@code failed} over an unfinished status: that write succeeds
 * once per transaction, whichever replica, pass or request (forceStop, a workflow's
 * submit) made it, so nothing is counted twice.
 */
public class TransactionMeters {

    static final String PROCESS = "dtm.transaction.process";
    static final String DURATION = "dtm.transaction.handled.duration";

    private final MeterRegistry registry;

    public TransactionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void statusChanged(String oldStatus, TransGlobal global) {
        if (TransStatus.isFinished(oldStatus) || !global.getStatus().isFinished()) {
            return;
        }
        String model = WireTags.model(global.getTransType());
        Counter.builder(PROCESS)
            .description("Transactions that reached a final status")
            .tag("model", model)
            .tag("status", global.getStatus().wireName())
            .register(registry)
            .increment();
        Instant finished = global.getStatus() == TransStatus.SUCCEED ? global.getFinishTime()
                : global.getRollbackTime();
        if (global.getCreateTime() != null && finished != null && !finished.isBefore(global.getCreateTime())) {
            Timer.builder(DURATION)
                .description("Time from a transaction's creation to its final status")
                .tag("model", model)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Histograms.TRANSACTION_SLOS)
                .minimumExpectedValue(Histograms.TRANSACTION_MIN)
                .maximumExpectedValue(Histograms.TRANSACTION_MAX)
                .register(registry)
                .record(Duration.between(global.getCreateTime(), finished));
        }
    }

}
