package io.dtm.spring.annotation.support;

import java.time.Duration;
import java.util.function.Supplier;

import io.dtm.spring.annotation.UnfinishedStepTasksException;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.PropertyResolver;

/**
 * {@code dtm.annotations.async-step-wait}, read from the environment on first use (the
 * interceptors are created before configuration properties are bound).
 */
final class AsyncStepWait implements Supplier<Duration> {

    static final Duration DEFAULT = Duration.ofSeconds(10);

    private final PropertyResolver propertyResolver;

    private volatile Duration wait;

    AsyncStepWait(PropertyResolver propertyResolver) {
        this.propertyResolver = propertyResolver;
    }

    @Override
    public Duration get() {
        Duration wait = this.wait;
        if (wait == null) {
            wait = read();
            this.wait = wait;
        }
        return wait;
    }

    private Duration read() {
        String value = this.propertyResolver.getProperty(UnfinishedStepTasksException.WAIT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            Duration wait = DurationStyle.detectAndParse(value.trim());
            if (!wait.isNegative()) {
                return wait;
            }
        }
        catch (IllegalArgumentException ex) {
            // reported below
        }
        throw new IllegalStateException(UnfinishedStepTasksException.WAIT_PROPERTY + "=" + value
                + " is not a duration of 0 or more: write it like 10s or 500ms");
    }

}
