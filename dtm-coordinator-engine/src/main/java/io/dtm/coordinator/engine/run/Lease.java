package io.dtm.coordinator.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.dtm.protocol.Gids;

/**
 * A processing pass's hold on one transaction, stored in dtm's {@code owner} column as
 * {@code token@epochMillis}: who holds it and until when. A pass writes only while the
 * stored owner is still its own, and the transaction's next_cron_time is never before
 * {@link #until()} while the hold lasts, so no other pass is started on it before. An
 * owner written by another program (dtm's shortuuid, or empty) is a hold that has already
 * ended.
 */
public record Lease(String token, Instant until) {

    /**
     * A new hold from {@code now} for {@code hold}, ending on a whole second as every
     * store keeps cron times.
     */
    public static Lease take(Instant now, Duration hold) {
        Instant end = now.plus(hold);
        Instant whole = end.truncatedTo(ChronoUnit.SECONDS);
        return new Lease(Gids.newGid(), whole.equals(end) ? whole : whole.plusSeconds(1));
    }

    public static Lease of(String owner) {
        int at = owner == null ? -1 : owner.lastIndexOf('@');
        if (at > 0) {
            try {
                return new Lease(owner.substring(0, at), Instant.ofEpochMilli(Long.parseLong(owner.substring(at + 1))));
            }
            catch (NumberFormatException ignored) {
                // not one of ours: an ended hold
            }
        }
        return new Lease(owner == null ? "" : owner, Instant.EPOCH);
    }

    public String owner() {
        return token + "@" + until.toEpochMilli();
    }

    public boolean heldAt(Instant now) {
        return now.isBefore(until);
    }

    /** The same holder, ended at {@code now}. */
    public Lease endedAt(Instant now) {
        return new Lease(token, now);
    }
}
