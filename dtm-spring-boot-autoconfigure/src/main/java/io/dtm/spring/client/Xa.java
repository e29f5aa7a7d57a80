package io.dtm.spring.client;

import java.util.Map;

import io.dtm.protocol.BranchOp;
import io.dtm.spring.context.DtmTransaction;

/**
 * An XA transaction in progress: each {@link #callBranch} calls a participant, which runs
 * its local work in an XA branch ({@link io.dtm.spring.xa.XaParticipant#xaLocal}) and
 * registers it for phase 2.
 */
public class Xa {

    private final DtmClient client;

    private final DtmTransaction transaction;

    Xa(DtmClient client, DtmTransaction transaction) {
        this.client = client;
        this.transaction = transaction;
    }

    public String gid() {
        return this.transaction.gid();
    }

    /**
     * Calls the participant at {@code url} as a new XA branch.
     * @return the participant's reply body
     */
    public String callBranch(Object payload, String url) {
        String branchId = this.transaction.branchIds().next();
        return this.client
            .callBranch(this.transaction, branchId, BranchOp.ACTION.wireName(), url, this.client.toJson(payload),
                    Map.of("phase2_url", url))
            .body();
    }

}
