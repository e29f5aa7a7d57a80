package io.dtm.spring.barrier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransType;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.util.StringUtils;

/**
 * The identity of one branch operation for the branch barrier: trans type, gid, branch id
 * and op, plus the per-handler barrier id counter.
 */
public final class BranchBarrier {

    /**
     * The branch id of a msg's own local transaction, whose barrier row the back-check
     * reads.
     */
    public static final String MSG_BRANCH_ID = "00";

    /** The barrier id of that row, and of an XA branch's row. */
    public static final String MSG_BARRIER_ID = "01";

    private final String transType;

    private final String gid;

    private final String branchId;

    private final String op;

    private final Supplier<String> barrierIds;

    private BranchBarrier(String transType, String gid, String branchId, String op, Supplier<String> barrierIds) {
        this.transType = transType;
        this.gid = gid;
        this.branchId = branchId;
        this.op = op;
        this.barrierIds = barrierIds;
    }

    public static BranchBarrier of(String transType, String gid, String branchId, String op) {
        validate(transType, gid, branchId, op);
        AtomicInteger counter = new AtomicInteger();
        return new BranchBarrier(transType, gid, branchId, op, () -> String.format("%02d", counter.incrementAndGet()));
    }

    /** The barrier of a msg's own local transaction, whose row the back-check reads. */
    public static BranchBarrier msg(String gid) {
        return of(TransType.MSG.wireName(), gid, MSG_BRANCH_ID, BranchOp.MSG.wireName());
    }

    public static BranchBarrier from(DtmTransaction transaction) {
        validate(transaction.transType(), transaction.gid(), transaction.branchId(), transaction.op());
        return new BranchBarrier(transaction.transType(), transaction.gid(), transaction.branchId(), transaction.op(),
                transaction::nextBarrierId);
    }

    /** The barrier of the request being handled (bound by the inbound filter). */
    public static BranchBarrier current() {
        return from(DtmContextHolder.require());
    }

    private static void validate(String transType, String gid, String branchId, String op) {
        List<String> missing = new ArrayList<>();
        if (!StringUtils.hasText(transType)) {
            missing.add("trans_type");
        }
        if (!StringUtils.hasText(gid)) {
            missing.add("gid");
        }
        if (!StringUtils.hasText(branchId)) {
            missing.add("branch_id");
        }
        if (!StringUtils.hasText(op)) {
            missing.add("op");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The branch barrier needs gid, trans_type, branch_id and op; missing: "
                    + String.join(", ", missing));
        }
    }

    public String transType() {
        return this.transType;
    }

    public String gid() {
        return this.gid;
    }

    public String branchId() {
        return this.branchId;
    }

    public String op() {
        return this.op;
    }

    public String nextBarrierId() {
        return this.barrierIds.get();
    }

    /**
     * The op whose row a compensation inserts to block a late original: try for cancel,
     * action otherwise.
     */
    public String originOp() {
        if (BranchOp.CANCEL.is(this.op)) {
            return BranchOp.TRY.wireName();
        }
        if (BranchOp.COMPENSATE.is(this.op) || BranchOp.ROLLBACK.is(this.op)) {
            return BranchOp.ACTION.wireName();
        }
        return "";
    }

    @Override
    public String toString() {
        return "BranchBarrier[" + this.transType + " " + this.gid + " " + this.branchId + " " + this.op + "]";
    }

}
