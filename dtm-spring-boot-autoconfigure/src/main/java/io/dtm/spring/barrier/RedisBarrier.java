package io.dtm.spring.barrier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.DtmDuplicatedException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmResult;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The branch barrier for a balance kept in Redis (dtm's {@code RedisCheckAdjustAmount}):
 * one Lua script checks the balance, the barrier keys and adjusts the amount atomically.
 */
public class RedisBarrier {

    private static final RedisScript<String> CHECK_ADJUST_AMOUNT = RedisScript
        .of(new ClassPathResource("io/dtm/spring/barrier/redis-check-adjust-amount.lua"), String.class);

    private static final RedisScript<String> QUERY_PREPARED = RedisScript
        .of(new ClassPathResource("io/dtm/spring/barrier/redis-query-prepared.lua"), String.class);

    private final StringRedisTemplate redis;

    private final Duration expire;

    private final List<BarrierListener> listeners = new CopyOnWriteArrayList<>();

    public RedisBarrier(StringRedisTemplate redis, Duration expire) {
        this.redis = redis;
        this.expire = expire;
    }

    /**
     * Adjusts the balance at {@code key} by {@code amount} behind the barrier of the
     * request being handled.
     */
    public void checkAdjustAmount(String key, long amount) {
        checkAdjustAmount(BranchBarrier.current(), key, amount);
    }

    /**
     * Adjusts the balance at {@code key} by {@code amount}: FAILURE if the key is missing
     * or the balance would go below zero; a repeat is a no-op; a compensation whose
     * original never ran is a null compensation.
     */
    public void checkAdjustAmount(BranchBarrier barrier, String key, long amount) {
        String barrierId = barrier.nextBarrierId();
        String currentKey = barrierKey(barrier, barrier.op(), barrierId);
        String originOp = barrier.originOp();
        String originKey = barrierKey(barrier, originOp, barrierId);
        String result = this.redis.execute(CHECK_ADJUST_AMOUNT, List.of(key, currentKey, originKey),
                Long.toString(amount), originOp, Long.toString(this.expire.toSeconds()));
        if (DtmResult.FAILURE.is(result)) {
            throw new DtmFailureException("balance of " + key + " is missing or insufficient for " + amount);
        }
        BarrierListener.Outcome outcome = switch (String.valueOf(result)) {
            case "DUPLICATE" -> BarrierListener.Outcome.DUPLICATE;
            case "HANGING" -> BarrierListener.Outcome.HANGING_REFUSED;
            case "NULL_COMPENSATION" -> BarrierListener.Outcome.EMPTY_COMPENSATION;
            default -> BarrierListener.Outcome.APPLIED;
        };
        for (BarrierListener listener : this.listeners) {
            listener.decided(barrier.op(), outcome);
        }
        boolean skipped = outcome == BarrierListener.Outcome.DUPLICATE
                || outcome == BarrierListener.Outcome.HANGING_REFUSED;
        if (skipped && BranchOp.MSG.is(barrier.op())) {
            throw new DtmDuplicatedException(
                    DtmResult.DUPLICATED.wireName() + ": msg " + barrier.gid() + " was already decided");
        }
    }

    /** Adds a listener told what the barrier decided for every operation from now on. */
    public void addListener(BarrierListener listener) {
        this.listeners.add(listener);
    }

    /**
     * The msg back-check for a message whose local work was done with
     * {@link #checkAdjustAmount}.
     */
    public void queryPrepared(String gid) {
        String key = gid + "-" + BranchBarrier.MSG_BRANCH_ID + "-" + BranchOp.MSG.wireName() + "-"
                + BranchBarrier.MSG_BARRIER_ID;
        String result = this.redis.execute(QUERY_PREPARED, List.of(key), Long.toString(this.expire.toSeconds()));
        if (DtmResult.FAILURE.is(result)) {
            throw new DtmFailureException("msg " + gid + " was rolled back");
        }
    }

    private static String barrierKey(BranchBarrier barrier, String op, String barrierId) {
        return barrier.gid() + "-" + barrier.branchId() + "-" + op + "-" + barrierId;
    }

}
