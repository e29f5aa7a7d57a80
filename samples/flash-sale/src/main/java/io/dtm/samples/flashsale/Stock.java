package io.dtm.samples.flashsale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** The stock of each item: one Redis counter per item, {@code <prefix>stock:<item>}. */
@Component
public class Stock {

    private final StringRedisTemplate redis;

    private final FlashSaleProperties properties;

    public Stock(StringRedisTemplate redis, FlashSaleProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    public String key(long item) {
        return this.properties.getRedisPrefix() + "stock:" + item;
    }

    public void put(long item, long quantity) {
        this.redis.opsForValue().set(key(item), Long.toString(quantity));
    }

    /** What is left of the item's stock; -1 when the item has no stock key. */
    public long left(long item) {
        String value = this.redis.opsForValue().get(key(item));
        return (value != null) ? Long.parseLong(value) : -1;
    }

}
