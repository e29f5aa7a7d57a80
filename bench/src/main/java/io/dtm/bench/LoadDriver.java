package io.dtm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Runs one case at a fixed concurrency for a fixed time and measures throughput and
 * latency.
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

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final int concurrency;

    LoadDriver(int concurrency) {
        this.concurrency = concurrency;
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException("POST " + url + " failed: " + ex, ex);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "POST " + url + " answered " + response.statusCode() + " " + response.body());
        }
    }

    static String newGid() {
        return UUID.randomUUID().toString();
    }

}
