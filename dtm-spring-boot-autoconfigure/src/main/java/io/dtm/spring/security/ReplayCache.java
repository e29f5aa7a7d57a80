package io.dtm.spring.security;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signatures seen recently, each kept until it would be too old to be accepted anyway.
 * Bounded: when full, the oldest entries go first. Only valid signatures are added, so
 * only a holder of the key can fill it.
 */
class ReplayCache {

    private final int maxEntries;

    private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

    ReplayCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * Records {@code key} until {@code expiresAtMillis}; {@code false} if it was already
     * there and not expired.
     */
    synchronized boolean firstSeen(String key, long expiresAtMillis, long nowMillis) {
        Iterator<Map.Entry<String, Long>> oldest = this.expiries.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (entry.getValue() > nowMillis && this.expiries.size() < this.maxEntries) {
                break;
            }
            oldest.remove();
        }
        Long existing = this.expiries.get(key);
        if (existing != null && existing > nowMillis) {
            return false;
        }
        this.expiries.put(key, expiresAtMillis);
        return true;
    }

    synchronized int size() {
        return this.expiries.size();
    }

}
