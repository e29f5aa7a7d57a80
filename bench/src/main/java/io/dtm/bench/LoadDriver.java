package io.dtm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import io.dtm.coordinator.engine.call.BranchCaller;

/**
 * Runs one case at a fixed concurrency for a fixed time (closed loop), or at a fixed
 * arrival rate (open loop), and measures throughput and latency.
 */
class LoadDriver {

    record Result(String name, long operations, long errors, double seconds, Histogram latencyMicros) {

        double throughput() {
            return operations / seconds;
        }

        double p50Millis() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }
    }

    private static final RequestConfig REQUEST_TIMEOUT = RequestConfig.custom()
        .setResponseTimeout(Timeout.ofSeconds(30))
        .build();

    private final CloseableHttpClient http;

    private final int concurrency;

    /**
     * Clients use the coordinator's pooled blocking client for branch calls, with a
     * connection for each of them (the JDK's client serialises its request timers on one
     * lock under load).
     */
    LoadDriver(int concurrency) {
        this.concurrency = concurrency;
        this.http = BranchCaller.defaultHttpClient(concurrency * 4);
    }

    Result run(String name, Duration warmup, Duration duration, IntConsumer operation) throws Exception {
        runFor(warmup, operation, null, new AtomicLong(), new AtomicLong());
        Histogram histogram = new ConcurrentHistogram(3);
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        runFor(duration, operation, histogram, ops, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, ops.get(), errors.get(), seconds, histogram);
    }

    /**
     * Open loop: operation {@code i} is due at {@code start + i / rate}, for
     * {@code duration} (at most {@code rate × duration} operations), on at most
     * {@code concurrency} threads. Latency counts from when an operation was due, not
     * from when a thread took it, so time spent waiting for a free thread is part of it
     * (no coordinated omission). An operation not started by the end of the window is
     * counted as an error: the rate was above what the system sustains.
     */
    Result runAtRate(String name, int rate, Duration duration, IntConsumer operation) throws Exception {
        Histogram histogram = new ConcurrentHistogram(3);
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long total = Math.max(1, Math.round(rate * (duration.toNanos() / 1e9)));
        double period = 1e9 / rate;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        long due = start + (long) (i * period);
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (System.nanoTime() >= end) {
                            break;
                        }
                        try {
                            operation.accept(worker);
                            ops.incrementAndGet();
                            histogram.recordValue((System.nanoTime() - due) / 1000);
                        }
                        catch (RuntimeException ex) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("bench operation failed: " + ex.getMessage());
                            }
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        long missed = total - ops.get() - errors.get();
        if (missed > 0) {
            System.err.printf("%s: %d of %d operations due at %d/s were not started by the end of the window%n", name,
                    missed, total, rate);
        }
        return new Result(name, ops.get(), errors.get() + missed, duration.toNanos() / 1e9, histogram);
    }

    private void runFor(Duration time, IntConsumer operation, Histogram histogram, AtomicLong ops, AtomicLong errors)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + time.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            operation.accept(worker);
                            ops.incrementAndGet();
                            if (histogram != null) {
                                histogram.recordValue((System.nanoTime() - t0) / 1000);
                            }
                        }
                        catch (RuntimeException ex) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("bench operation failed: " + ex.getMessage());
                            }
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** POSTs and requires exactly 200, as dtm's rules count success. */
    void post(String url, String body) {
        HttpPost request = new HttpPost(url);
        request.setConfig(REQUEST_TIMEOUT);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        Reply reply;
        try {
            reply = http.execute(request,
                    response -> new Reply(response.getCode(), EntityUtils.toString(response.getEntity())));
        }
        catch (Exception ex) {
            throw new IllegalStateException("POST " + url + " failed: " + ex, ex);
        }
        if (reply.status() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + reply.status() + " " + reply.body());
        }
    }

    private record Reply(int status, String body) {
    }

    static String newGid() {
        return UUID.randomUUID().toString();
    }

}
