package io.dtm.samples.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The race a delete-after-update cache loses, played step by step with latches: a reader
 * misses, reads the old price from the database, stalls; the update commits and the entry
 * is evicted; the reader writes back. Spring's plain {@code RedisCache} keeps the old
 * price from then on; the {@link ConsistentRedisCache} refuses the write-back.
 */
class StaleWriteBackTests {

    static LettuceConnectionFactory connectionFactory;

    final AtomicLong database = new AtomicLong(100);

    final String key = "product-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        connectionFactory = new LettuceConnectionFactory("127.0.0.1", 6379);
        connectionFactory.afterPropertiesSet();
    }

    @AfterAll
    static void disconnect() {
        connectionFactory.destroy();
    }

    @Test
    void theConsistentCacheRefusesTheStaleWriteBackAndTheNextReaderLoadsTheCommittedPrice() throws Exception {
        ConsistentRedisCache cache = consistentCache();

        Long staleRead = readerThatStallsAfterItsDatabaseRead(cache);

        assertThat(staleRead).as("what the stalled reader returns to its own caller (it started before the update)")
            .isEqualTo(100);
        assertThat(cache.refusedWrites()).isOne();
        assertThat(cache.get(this.key, this.database::get)).as("the next read").isEqualTo(200);
        assertThat(cache.get(this.key, () -> -1L)).as("then a hit").isEqualTo(200);
    }

    @Test
    void springsPlainRedisCacheKeepsTheStalePriceAfterTheSameRace() throws Exception {
        Cache cache = RedisCacheManager.create(connectionFactory).getCache("stale-write-back-" + UUID.randomUUID());

        readerThatStallsAfterItsDatabaseRead(cache);

        assertThat(cache.get(this.key, this.database::get)).as("the next read, after the update ended").isEqualTo(100L);
        cache.evict(this.key);
    }

    @Test
    void aReaderWaitsForTheLoadInProgressInsteadOfUsingTheValueMarkedDeleted() throws Exception {
        ConsistentRedisCache cache = consistentCache();
        assertThat(cache.get(this.key, this.database::get)).isEqualTo(100);
        this.database.set(200);
        cache.evict(this.key);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> loader = CompletableFuture.supplyAsync(() -> cache.get(this.key, () -> {
            loading.countDown();
            release.await(10, TimeUnit.SECONDS);
            return this.database.get();
        }));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(cache.get(this.key)).as("a plain lookup while the load is in progress").isNull();
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> cache.get(this.key, () -> -1L));
        release.countDown();

        assertThat(loader.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(waiter.get(10, TimeUnit.SECONDS)).as("the waiting reader gets the new load, not 100").isEqualTo(200);
    }

    @Test
    void putIsRefusedBecauseOnlyTheLoadOwnerWrites() {
        ConsistentRedisCache cache = consistentCache();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.put(this.key, 1L))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("sync = true");
    }

    /**
     * A reader misses and reads 100 from the database; then the price becomes 200 and the
     * entry is evicted; then the reader writes back what it read.
     */
    private Long readerThatStallsAfterItsDatabaseRead(Cache cache) throws Exception {
        CountDownLatch readTheDatabase = new CountDownLatch(1);
        CountDownLatch updated = new CountDownLatch(1);
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> cache.get(this.key, () -> {
            long read = this.database.get();
            readTheDatabase.countDown();
            updated.await(10, TimeUnit.SECONDS);
            return read;
        }));
        assertThat(readTheDatabase.await(10, TimeUnit.SECONDS)).isTrue();
        this.database.set(200);
        cache.evict(this.key);
        updated.countDown();
        return reader.get(10, TimeUnit.SECONDS);
    }

    private ConsistentRedisCache consistentCache() {
        ConsistentRedisCacheProperties properties = new ConsistentRedisCacheProperties();
        properties.setKeyPrefix("dtm-sample-cache-test:" + UUID.randomUUID() + ":");
        return new ConsistentRedisCache("product-price", new StringRedisTemplate(connectionFactory), properties);
    }

}
