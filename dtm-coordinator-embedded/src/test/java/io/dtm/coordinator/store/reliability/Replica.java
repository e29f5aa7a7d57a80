package io.dtm.coordinator.store.reliability;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.dtm.coordinator.engine.Coordinator;
import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.store.TransStore;

/**
 * One coordinator engine on a store instance of its own, built by the same Coordinator
 * builder the auto-configuration uses, with its recovery poller running: what one replica
 * of the coordinator is, without the HTTP layer.
 */
final class Replica implements AutoCloseable {

    final TransStore store;

    final TransService service;

    private final CronPoller poller;

    private final BranchCaller caller;

    private final ExecutorService branchExecutor;

    private final ExecutorService processExecutor;

    Replica(TransStore store, EngineSettings settings) {
        this.store = store;
        branchExecutor = new ThreadPoolExecutor(0, 16, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        processExecutor = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000));
        caller = new BranchCaller(BranchCaller.defaultHttpClient(64), settings.requestTimeout());
        Coordinator coordinator = Coordinator.builder(store)
            .settings(settings)
            .branchCaller(caller)
            .executors(branchExecutor, processExecutor)
            .build();
        service = coordinator.service();
        poller = coordinator.poller();
        poller.start();
    }

    /**
     * Fast retries for tests: base interval as the transactions set it, poller idle 200
     * ms.
     */
    static EngineSettings settings() {
        return new EngineSettings(Duration.ofSeconds(3), Duration.ofSeconds(35), Duration.ofSeconds(3),
                Duration.ofMillis(200), 3, "", Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        poller.stop();
        processExecutor.shutdownNow();
        branchExecutor.shutdownNow();
        try {
            caller.close();
        }
        catch (Exception ignored) {
            // shutting down
        }
        store.close();
    }

}
