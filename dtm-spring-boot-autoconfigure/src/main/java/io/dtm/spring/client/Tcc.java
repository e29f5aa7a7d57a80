package io.dtm.spring.client;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.BranchRegistration;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A TCC transaction in progress: each {@link #callBranch} registers a branch with its
 * confirm and cancel URLs, then calls its try.
 */
public class Tcc {

    private final DtmClient client;

    private final DtmTransaction transaction;

    Tcc(DtmClient client, DtmTransaction transaction) {
        this.client = client;
        this.transaction = transaction;
    }

    public String gid() {
        return this.transaction.gid();
    }

    /**
     * Registers a branch and calls its try with {@code payload}.
     * @return the try's reply body
     * @throws DtmFailureException if the try answers FAILURE (the caller then aborts)
     */
    public String callBranch(Object payload, String tryUrl, String confirmUrl, String cancelUrl) {
        Assert.isTrue(StringUtils.hasText(tryUrl), "tcc branch needs a try URL");
        Assert.isTrue(StringUtils.hasText(confirmUrl), "tcc branch needs a confirm URL");
        Assert.isTrue(StringUtils.hasText(cancelUrl), "tcc branch needs a cancel URL");
        String branchId = this.transaction.branchIds().next();
        String data = this.client.toJson(payload);
        this.client.registerBranch(this.transaction.dtm(),
                BranchRegistration.tcc(gid(), branchId, confirmUrl, cancelUrl, data));
        return this.client.callBranch(this.transaction, branchId, BranchOp.TRY.wireName(), tryUrl, data, null).body();
    }

}
