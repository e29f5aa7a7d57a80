package io.dtm.samples.cache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cache.CacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;

/** {@link ConsistentRedisCache}s, one per cache name, created on first use. */
public class ConsistentRedisCacheManager implements CacheManager {

    private final StringRedisTemplate redis;

    private final ConsistentRedisCacheProperties properties;

    private final Map<String, ConsistentRedisCache> caches = new ConcurrentHashMap<>();

    public ConsistentRedisCacheManager(StringRedisTemplate redis, ConsistentRedisCacheProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public ConsistentRedisCache getCache(String name) {
        return this.caches.computeIfAbsent(name, (n) -> new ConsistentRedisCache(n, this.redis, this.properties));
    }

    @Override
    public Collection<String> getCacheNames() {
        return List.copyOf(this.caches.keySet());
    }

}
