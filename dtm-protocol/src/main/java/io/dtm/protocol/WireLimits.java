package io.dtm.protocol;

/**
 * The sizes of dtm's storage schema, which bound what a request may carry: the
 * coordinator refuses longer values before storing anything, and a client can check them
 * before sending.
 */
public final class WireLimits {

    /** The {@code gid} column. */
    public static final int MAX_GID_LENGTH = 128;

    /** The {@code branch_id} column. */
    public static final int MAX_BRANCH_ID_LENGTH = 128;

    /** The {@code op} and {@code status} columns and the other short words. */
    public static final int MAX_OP_LENGTH = 45;

    /** URLs, {@code custom_data}, {@code rollback_reason} and the other text columns. */
    public static final int MAX_TEXT_LENGTH = 1024;

    /** A branch body: {@code bin_data} is a BLOB in dtm's MySQL schema. */
    public static final int MAX_PAYLOAD_BYTES = 65535;

    private WireLimits() {
    }

}
