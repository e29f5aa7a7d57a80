package io.dtm.coordinator.admin;

import java.util.ArrayList;
import java.util.List;

import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.support.TransNotFoundException;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import org.jspecify.annotations.Nullable;

/**
 * "Retry now" for every unfinished transaction a filter selects, at most a bounded number
 * a call. Each one goes through {@link TransService#resetNextCronTime}, the fenced
 * compare-and-set of the single retry: a transaction a pass holds becomes due when that
 * hold ends, one that finished in the meantime is left alone, and two bulk retries at
 * once only both move the same retry time to now. Nothing here changes a status.
 */
public class BulkRetry {

    static final List<String> UNFINISHED = List.of(TransStatus.SUBMITTED.wireName(), TransStatus.ABORTING.wireName(),
            TransStatus.PREPARED.wireName());

    private static final int PAGE = 200;

    private final TransService transactions;

    private final StuckTransactions stuck;

    private final int maxPerCall;

    public BulkRetry(TransService transactions, StuckTransactions stuck, int maxPerCall) {
        if (maxPerCall < 1) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.admin.max-bulk-retry must be at least 1, got " + maxPerCall);
        }
        this.transactions = transactions;
        this.stuck = stuck;
        this.maxPerCall = maxPerCall;
    }

    public int maxPerCall() {
        return maxPerCall;
    }

    /**
     * @param limit at most this many transactions, at most {@link #maxPerCall()}
     */
    public Result retry(Filter filter, int limit) {
        List<String> selected = new ArrayList<>();
        boolean more = filter.stuckOnly() ? selectStuck(filter, limit, selected) : select(filter, limit, selected);
        int reset = 0;
        int skipped = 0;
        for (String gid : selected) {
            try {
                if (transactions.resetNextCronTime(gid)) {
                    reset++;
                }
                else {
                    skipped++;
                }
            }
            catch (TransNotFoundException | DtmException ex) {
                // deleted, or changed five times in a row while being reset: left as it
                // is
                skipped++;
            }
        }
        return new Result(selected.size(), reset, skipped, more);
    }

    private boolean select(Filter filter, int limit, List<String> selected) {
        List<String> statuses = filter.status() == null ? UNFINISHED : List.of(filter.status());
        for (String status : statuses) {
            String position = "";
            do {
                GlobalPage page = transactions
                    .all(new GlobalQuery(position, Math.min(PAGE, limit + 1 - selected.size()), status,
                            filter.transType(), null, null, filter.gidPrefix()));
                for (TransGlobal g : page.transactions()) {
                    if (selected.size() == limit) {
                        return true;
                    }
                    selected.add(g.getGid());
                }
                position = page.nextPosition();
            }
            while (position != null && !position.isEmpty() && selected.size() <= limit);
        }
        return false;
    }

    private boolean selectStuck(Filter filter, int limit, List<String> selected) {
        StuckTransactions.Result found = stuck.find(null, Integer.MAX_VALUE);
        for (StuckTransactions.Stuck s : found.stuck()) {
            TransGlobal g = s.transaction();
            if (filter.matches(g)) {
                if (selected.size() == limit) {
                    return true;
                }
                selected.add(g.getGid());
            }
        }
        return !found.cutShort().isEmpty();
    }

    /**
     * Each part ignored when null.
     *
     * @param status one of the unfinished statuses
     * @param stuckOnly only transactions the Stuck view lists
     */
    public record Filter(@Nullable String status, @Nullable String transType, @Nullable String gidPrefix,
            boolean stuckOnly) {

        boolean matches(TransGlobal g) {
            return (status == null || g.getStatus().is(status)) && (transType == null || g.getTransType().is(transType))
                    && (gidPrefix == null || g.getGid().startsWith(gidPrefix));
        }

    }

    /**
     * @param matched transactions selected, at most the limit
     * @param reset those made due now (or when the pass holding them ends)
     * @param skipped those that finished, were deleted or kept changing meanwhile
     * @param more whether more transactions match than were selected
     */
    public record Result(int matched, int reset, int skipped, boolean more) {
    }

}
