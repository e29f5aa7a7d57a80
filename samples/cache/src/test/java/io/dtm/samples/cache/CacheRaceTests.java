package io.dtm.samples.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.samples.cache.PriceService.Update;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Readers and writers race on one product with the embedded coordinator running for real:
 * every read that starts after a message's branch marked the entry deleted returns that
 * message's price or a newer one, never an older one, and once everything is done the
 * cache holds the database's price.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:cache-race;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:cache-race-dtm;DB_CLOSE_DELAY=-1",
                "samples.cache.key-prefix=dtm-sample-cache-race-${random.uuid}:" })
class CacheRaceTests {

    private static final long PRODUCT = 1;

    private static final int READERS = 8;

    private static final int WRITERS = 2;

    private static final int UPDATES_PER_WRITER = 15;

    @Autowired
    PriceReader reader;

    @Autowired
    PriceService prices;

    @Autowired
    Products products;

    @Autowired
    CacheController branch;

    @Autowired
    ConsistentRedisCacheManager caches;

    record Read(long startNanos, long price) {
    }

    @Test
    void noReadThatStartsAfterAMarkReturnsAPriceOlderThanThatMessages() throws Exception {
        this.products.reset(PRODUCT, 1000);
        Map<String, Long> markedAt = new ConcurrentHashMap<>();
        this.branch.afterMark((gid) -> markedAt.putIfAbsent(gid, System.nanoTime()));
        Map<String, Long> committed = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger readsAfterWriting = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(READERS + WRITERS);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(pool.submit(() -> {
                    while (writing.get() || readsAfterWriting.incrementAndGet() < 400) {
                        long start = System.nanoTime();
                        reads.add(new Read(start, this.reader.price(PRODUCT)));
                    }
                    return null;
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(pool.submit(() -> {
                    for (int u = 0; u < UPDATES_PER_WRITER; u++) {
                        Update update = this.prices.addToPrice(PRODUCT, 1);
                        committed.put(update.gid(), update.price());
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            await("every message's branch done").atMost(Duration.ofSeconds(60))
                .until(() -> markedAt.keySet().containsAll(committed.keySet()));
            writing.set(false);
            for (Future<?> r : readers) {
                r.get(2, TimeUnit.MINUTES);
            }
        }
        finally {
            this.branch.afterMark((gid) -> {
            });
            pool.shutdownNow();
        }

        long checked = 0;
        List<String> stale = new ArrayList<>();
        for (Read read : reads) {
            long required = markedAt.entrySet()
                .stream()
                .filter((mark) -> mark.getValue() < read.startNanos())
                .mapToLong((mark) -> committed.get(mark.getKey()))
                .max()
                .orElse(1000);
            if (required > 1000) {
                checked++;
            }
            if (read.price() < required) {
                stale.add("read " + read.price() + " after the mark of " + required);
            }
        }
        long finalPrice = 1000 + WRITERS * UPDATES_PER_WRITER;
        System.out.printf(
                "cache race: %d readers, %d writers x %d updates, %d reads (%d after a mark), "
                        + "%d stale, %d stale write-backs refused%n",
                READERS, WRITERS, UPDATES_PER_WRITER, reads.size(), checked, stale.size(),
                this.caches.getCache(PriceReader.CACHE).refusedWrites());
        assertThat(stale).as("stale reads").isEmpty();
        assertThat(checked).as("reads that started after a mark").isPositive();
        assertThat(this.products.price(PRODUCT)).isEqualTo(finalPrice);
        assertThat(this.reader.price(PRODUCT)).as("the cached price at the end").isEqualTo(finalPrice);
    }

}
