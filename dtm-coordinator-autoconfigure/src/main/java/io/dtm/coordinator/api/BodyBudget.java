package io.dtm.coordinator.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes the coordinator holds in memory at once, across all requests
 * ({@code dtm.coordinator.limits.max-buffered-bytes}): a body is counted from before its
 * first byte is read until its request has been answered.
 */
public final class BodyBudget {

    static final String PROPERTY = "dtm.coordinator.limits.max-buffered-bytes";

    private final long maxBytes;

    private final AtomicLong inUse = new AtomicLong();

    public BodyBudget(long maxBytes) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1KB, got " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Counts {@code bytes} if they fit under the cap; {@code false}, counting nothing, if
     * not.
     */
    boolean reserve(long bytes) {
        long current;
        do {
            current = inUse.get();
            if (current + bytes > maxBytes) {
                return false;
            }
        }
        while (!inUse.compareAndSet(current, current + bytes));
        return true;
    }

    void release(long bytes) {
        inUse.addAndGet(-bytes);
    }

    /** Bytes counted now. */
    public long inUse() {
        return inUse.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    String exhaustedMessage() {
        return "the coordinator holds " + maxBytes + " bytes of request bodies already (" + PROPERTY
                + "): try again shortly";
    }

}
