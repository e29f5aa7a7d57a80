package io.dtm.spring.client;

/**
 * Words of dtm's protocol: result words, trans types and ops.
 */
public final class Dtm {

	public static final String SUCCESS = "SUCCESS";

	public static final String FAILURE = "FAILURE";

	public static final String ONGOING = "ONGOING";

	public static final String DUPLICATED = "DUPLICATED";

	public static final String SAGA = "saga";

	public static final String TCC = "tcc";

	public static final String XA = "xa";

	public static final String MSG = "msg";

	public static final String WORKFLOW = "workflow";

	public static final String OP_ACTION = "action";

	public static final String OP_COMPENSATE = "compensate";

	public static final String OP_TRY = "try";

	public static final String OP_CONFIRM = "confirm";

	public static final String OP_CANCEL = "cancel";

	public static final String OP_COMMIT = "commit";

	public static final String OP_ROLLBACK = "rollback";

	public static final String OP_MSG = "msg";

	public static final String STATUS_PREPARED = "prepared";

	public static final String STATUS_SUBMITTED = "submitted";

	public static final String STATUS_SUCCEED = "succeed";

	public static final String STATUS_FAILED = "failed";

	public static final String STATUS_ABORTING = "aborting";

	/** Branch id and op of the msg back-check and of the DoAndSubmit barrier row. */
	public static final String MSG_BRANCH_ID = "00";

	public static final String MSG_BARRIER_ID = "01";

	private Dtm() {
	}

}
