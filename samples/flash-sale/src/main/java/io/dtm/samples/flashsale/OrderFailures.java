package io.dtm.samples.flashsale;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * A switch that makes the order branch answer 500 (the order service is down) while it is
 * on, so that the coordinator must retry: the load test turns it on for a while.
 */
@Component
public class OrderFailures {

    private final AtomicBoolean failing = new AtomicBoolean();

    private final AtomicLong failed = new AtomicLong();

    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    /** How many order calls failed on purpose. */
    public long failed() {
        return this.failed.get();
    }

    void maybeFail() {
        if (this.failing.get()) {
            this.failed.incrementAndGet();
            throw new OrderServiceDownException();
        }
    }

    static class OrderServiceDownException extends RuntimeException {

        OrderServiceDownException() {
            super("the order service is failing on purpose");
        }

    }

}
