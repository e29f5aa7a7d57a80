package io.dtm.samples.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The consistent Redis cache's times and key prefix. */
@ConfigurationProperties("samples.cache")
public class ConsistentRedisCacheProperties {

    /** Prefix of every cache entry's Redis key: {@code <prefix><cache name>::<key>}. */
    private String keyPrefix = "dtm-sample-cache:";

    /** How long a cached value lives. */
    private Duration timeToLive = Duration.ofMinutes(10);

    /**
     * How long a reader owns the load of a missing or deleted value; after that another
     * reader may take it over (a reader that died while loading).
     */
    private Duration lockTime = Duration.ofSeconds(3);

    /** How long a reader waits for another reader's load before giving up. */
    private Duration maxWait = Duration.ofSeconds(10);

    /** How long an entry marked deleted stays before Redis removes it. */
    private Duration deletedEntryTime = Duration.ofSeconds(10);

    public String getKeyPrefix() {
        return this.keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getTimeToLive() {
        return this.timeToLive;
    }

    public void setTimeToLive(Duration timeToLive) {
        this.timeToLive = timeToLive;
    }

    public Duration getLockTime() {
        return this.lockTime;
    }

    public void setLockTime(Duration lockTime) {
        this.lockTime = lockTime;
    }

    public Duration getMaxWait() {
        return this.maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public Duration getDeletedEntryTime() {
        return this.deletedEntryTime;
    }

    public void setDeletedEntryTime(Duration deletedEntryTime) {
        this.deletedEntryTime = deletedEntryTime;
    }

}
