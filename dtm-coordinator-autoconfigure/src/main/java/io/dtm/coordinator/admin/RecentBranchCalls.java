package io.dtm.coordinator.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.dtm.coordinator.engine.call.BranchCallListener;
import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.protocol.ReplyOutcome;
import org.jspecify.annotations.Nullable;

/**
 * The last branch calls this replica made, in memory and bounded: the oldest is dropped
 * when a new one arrives at capacity. The store keeps only each branch's latest status;
 * this log shows the attempts behind it, but only those made by this replica since it
 * started. A call's reply text is kept only when the call did not succeed: a successful
 * reply is the branch's business (and, from a URL that reaches a service meant for this
 * host only, could be anything that service serves), while a failure's text is what an
 * operator needs to see.
 */
public class RecentBranchCalls implements BranchCallListener {

    /**
     * Characters of a call's result message kept (the engine already cuts reply bodies to
     * 256).
     */
    private static final int MAX_MESSAGE = 300;

    private final CoordinatorClock clock;

    private final Entry[] ring;

    private long written;

    public RecentBranchCalls(int capacity, CoordinatorClock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.admin.recent-calls must be at least 1, got " + capacity);
        }
        this.ring = new Entry[capacity];
        this.clock = clock;
    }

    public int capacity() {
        return ring.length;
    }

    @Override
    public Ending started(Call call) {
        Entry entry = new Entry(call, clock.instant(), System.nanoTime());
        synchronized (ring) {
            ring[(int) (written % ring.length)] = entry;
            written++;
        }
        return entry::end;
    }

    /** The calls of one transaction still remembered, oldest first. */
    public List<Record> callsOf(String gid) {
        List<Entry> entries = new ArrayList<>();
        synchronized (ring) {
            long first = Math.max(0, written - ring.length);
            for (long i = first; i < written; i++) {
                Entry e = ring[(int) (i % ring.length)];
                if (e.call.gid() != null && e.call.gid().equals(gid)) {
                    entries.add(e);
                }
            }
        }
        return entries.stream().map(Entry::snapshot).toList();
    }

    /**
     * One call as seen at the time of asking.
     *
     * @param result {@code null} while the call has not ended
     * @param durationMillis {@code null} while the call has not ended
     * @param httpStatus the reply's status, 0 without a reply
     * @param message what the reply said when the call did not succeed; {@code null}
     * while the call runs and after a success
     */
    public record Record(String branchId, String op, String url, Instant startTime, @Nullable Long durationMillis,
            @Nullable ReplyOutcome result, int httpStatus, @Nullable String message) {
    }

    private static final class Entry {

        private final Call call;

        private final Instant startTime;

        private final long startNanos;

        private @Nullable ReplyOutcome result;

        private int httpStatus;

        private @Nullable String message;

        /** Written last by {@link #end}: once set, the other fields are visible too. */
        private volatile long durationNanos = -1;

        Entry(Call call, Instant startTime, long startNanos) {
            this.call = call;
            this.startTime = startTime;
            this.startNanos = startNanos;
        }

        void end(BranchCallResult outcome, int status) {
            result = outcome.result();
            httpStatus = status;
            if (outcome.result() == ReplyOutcome.SUCCESS) {
                message = null;
            }
            else {
                String text = outcome.message() == null ? "" : outcome.message();
                message = text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
            }
            durationNanos = Math.max(0, System.nanoTime() - startNanos);
        }

        Record snapshot() {
            long nanos = durationNanos;
            if (nanos < 0) {
                return new Record(call.branchId(), call.op(), call.url(), startTime, null, null, 0, null);
            }
            return new Record(call.branchId(), call.op(), call.url(), startTime, nanos / 1_000_000, result, httpStatus,
                    message);
        }

    }

}
