package io.dtm.coordinator.api;

import java.time.Duration;

/**
 * Caps on what one API request may carry (see {@code dtm.coordinator.limits.*} and
 * docs/security.md).
 *
 * @param maxBodyBytes largest request body read; a larger one gets 413 and is not parsed
 * @param maxSteps most steps of one saga or msg
 * @param maxStepPayloadBytes largest body of one branch: a step payload or a registered
 * branch's data
 * @param bodyReadTimeout time allowed to receive a whole request body; a slower sender
 * gets 408
 */
public record ApiLimits(long maxBodyBytes, int maxSteps, int maxStepPayloadBytes, Duration bodyReadTimeout) {

    /** {@code bin_data} is a BLOB in dtm's MySQL schema: no branch body can be larger. */
    public static final int STORABLE_PAYLOAD_BYTES = 65535;

    public ApiLimits {
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.limits.max-body-size must be at least 1KB, got " + maxBodyBytes + " bytes");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("dtm.coordinator.limits.max-steps must be at least 1, got " + maxSteps);
        }
        if (maxStepPayloadBytes < 1 || maxStepPayloadBytes > STORABLE_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("dtm.coordinator.limits.max-step-payload-size must be between 1 and "
                    + STORABLE_PAYLOAD_BYTES + " bytes (a BLOB column), got " + maxStepPayloadBytes);
        }
        if (bodyReadTimeout == null || bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.limits.body-read-timeout must be positive, got " + bodyReadTimeout);
        }
    }

    public static ApiLimits defaults() {
        return new ApiLimits(1024 * 1024, 1000, STORABLE_PAYLOAD_BYTES, Duration.ofSeconds(10));
    }
}
