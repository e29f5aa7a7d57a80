package io.dtm.samples.cache;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * A Spring {@link org.springframework.cache.Cache} on Redis that never keeps a value read
 * from the database before the last update, the approach of dtm's rockscache: an entry is
 * a hash of the value and a load lock (until when, and whose). A reader with no usable
 * value takes the lock, loads, and writes only if it still owns the lock. {@link #evict}
 * does not delete the entry, it marks it deleted: the value becomes unusable and the
 * lock's owner loses it. So a reader that read the database before the update and writes
 * after the mark is refused, and every read that starts after the mark loads the
 * committed value. While someone else holds the lock, readers wait for its value instead
 * of using the old one (strong consistency).
 * <p>
 * Use it with {@code @Cacheable(sync = true)} (which loads through
 * {@link #get(Object, Callable)}) and evict after the database commit, e.g. from a
 * 2-phase message's branch. {@link #put} is refused: a write that does not own the load
 * could write a value older than the database's.
 */
public class ConsistentRedisCache extends AbstractValueAdaptingCache {

    private static final RedisScript<List> FETCH = RedisScript
        .of(new ClassPathResource("io/dtm/samples/cache/fetch.lua"), List.class);

    private static final RedisScript<String> SET = RedisScript.of(new ClassPathResource("io/dtm/samples/cache/set.lua"),
            String.class);

    private static final RedisScript<String> MARK_DELETED = RedisScript
        .of(new ClassPathResource("io/dtm/samples/cache/mark-deleted.lua"), String.class);

    private static final Duration WAIT_STEP = Duration.ofMillis(20);

    private final String name;

    private final StringRedisTemplate redis;

    private final ConsistentRedisCacheProperties properties;

    private final RedisSerializer<Object> serializer = RedisSerializer.java();

    private final AtomicLong refusedWrites = new AtomicLong();

    public ConsistentRedisCache(String name, StringRedisTemplate redis, ConsistentRedisCacheProperties properties) {
        super(true);
        this.name = name;
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public Object getNativeCache() {
        return this.redis;
    }

    /**
     * Loads written back that a mark-deleted refused (a value that may have been stale).
     */
    public long refusedWrites() {
        return this.refusedWrites.get();
    }

    /** A usable value, or null: never takes the load lock, never waits. */
    @Override
    protected Object lookup(Object key) {
        List<Object> fields = this.redis.opsForHash().multiGet(redisKey(key), List.of("value", "lockUntil"));
        // a value being replaced or marked deleted is not usable
        if (fields.get(0) != null && fields.get(1) == null) {
            return decode((String) fields.get(0));
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        String redisKey = redisKey(key);
        String owner = UUID.randomUUID().toString();
        long lockMillis = this.properties.getLockTime().toMillis();
        long deadline = System.nanoTime() + this.properties.getMaxWait().toNanos();
        while (true) {
            List<?> reply = this.redis.execute(FETCH, List.of(redisKey), Long.toString(System.currentTimeMillis()),
                    owner, Long.toString(lockMillis));
            String state = (reply != null && !reply.isEmpty()) ? (String) reply.get(0) : "";
            switch (state) {
                case "HIT" -> {
                    return (T) fromStoreValue(decode((String) reply.get(1)));
                }
                case "LOCKED" -> {
                    T value = load(key, valueLoader);
                    String result = this.redis.execute(SET, List.of(redisKey), owner, encode(toStoreValue(value)),
                            Long.toString(this.properties.getTimeToLive().toMillis()));
                    if (!"SET".equals(result)) {
                        this.refusedWrites.incrementAndGet();
                    }
                    return value;
                }
                case "WAIT" -> {
                    if (System.nanoTime() > deadline) {
                        throw new ValueRetrievalException(key, valueLoader, new IllegalStateException(
                                "another reader held the load of " + redisKey + " longer than the maximum wait"));
                    }
                    sleep(WAIT_STEP);
                }
                default -> throw new IllegalStateException("unexpected reply from Redis for " + redisKey);
            }
        }
    }

    @Override
    public void put(Object key, Object value) {
        throw new UnsupportedOperationException("cache '" + this.name + "' is written only by the reader that owns "
                + "the load: use @Cacheable(sync = true), and evict after the database commit");
    }

    /** Marks the entry deleted (see the class description). */
    @Override
    public void evict(Object key) {
        this.redis.execute(MARK_DELETED, List.of(redisKey(key)),
                Long.toString(this.properties.getDeletedEntryTime().toMillis()));
    }

    @Override
    public boolean evictIfPresent(Object key) {
        evict(key);
        return true;
    }

    /** Marks every entry of this cache deleted. */
    @Override
    public void clear() {
        ScanOptions options = ScanOptions.scanOptions().match(keyPrefix() + "*").count(1000).build();
        try (Cursor<String> keys = this.redis.scan(options)) {
            keys.forEachRemaining((redisKey) -> this.redis.execute(MARK_DELETED, List.of(redisKey),
                    Long.toString(this.properties.getDeletedEntryTime().toMillis())));
        }
    }

    private <T> T load(Object key, Callable<T> valueLoader) {
        try {
            return valueLoader.call();
        }
        catch (Exception ex) {
            throw new ValueRetrievalException(key, valueLoader, ex);
        }
    }

    private String keyPrefix() {
        return this.properties.getKeyPrefix() + this.name + "::";
    }

    private String redisKey(Object key) {
        return keyPrefix() + key;
    }

    private String encode(Object storeValue) {
        return Base64.getEncoder().encodeToString(this.serializer.serialize(storeValue));
    }

    private Object decode(String stored) {
        return this.serializer.deserialize(Base64.getDecoder().decode(stored));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another reader's load", ex);
        }
    }

}
