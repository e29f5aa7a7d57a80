package io.dtm.samples.cache;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** The read path: through the cache, loading from the database on a miss. */
@Service
public class PriceReader {

    public static final String CACHE = "product-price";

    private final Products products;

    public PriceReader(Products products) {
        this.products = products;
    }

    // sync: the load goes through ConsistentRedisCache.get(key, loader), which owns the
    // write-back
    @Cacheable(cacheNames = CACHE, key = "#id", sync = true)
    public Long price(long id) {
        return this.products.price(id);
    }

}
