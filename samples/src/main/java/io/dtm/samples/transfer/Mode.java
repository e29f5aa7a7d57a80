package io.dtm.samples.transfer;

/** The transaction modes the sample runs, in order. */
public enum Mode {

    SAGA("saga", "@GlobalSaga: the coordinator runs TransOut then TransIn; on FAILURE the compensations, last first"),

    TCC("tcc", "@GlobalTcc: the initiator calls both tries; the coordinator confirms both, or cancels both"),

    MSG("msg", "@DtmMsg: TransOut in a local transaction, then TransIn delivered by the coordinator"),

    XA("xa", "@GlobalXa: each call prepares an XA branch; the coordinator commits both, or rolls back"),

    WORKFLOW("workflow", "Workflow API, as dtm's seed example: newBranch + onRollback, then the call");

    private final String label;

    private final String description;

    Mode(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return this.label;
    }

    public String description() {
        return this.description;
    }

}
