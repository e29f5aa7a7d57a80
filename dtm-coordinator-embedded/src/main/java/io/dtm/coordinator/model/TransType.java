package io.dtm.coordinator.model;

import java.util.Set;

/** Transaction types and branch operations of dtm's protocol. */
public final class TransType {

    public static final String SAGA = "saga";
    public static final String TCC = "tcc";
    public static final String XA = "xa";
    public static final String MSG = "msg";
    public static final String WORKFLOW = "workflow";

    public static final Set<String> ALL = Set.of(SAGA, TCC, XA, MSG, WORKFLOW);

    public static final String OP_ACTION = "action";
    public static final String OP_COMPENSATE = "compensate";
    public static final String OP_CONFIRM = "confirm";
    public static final String OP_CANCEL = "cancel";
    public static final String OP_COMMIT = "commit";
    public static final String OP_ROLLBACK = "rollback";
    public static final String OP_MSG = "msg";

    public static final String PROTOCOL_HTTP = "http";
    public static final String PROTOCOL_JSON_RPC = "json-rpc";

    private TransType() {
    }
}
