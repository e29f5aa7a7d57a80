package io.dtm.protocol;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The operations of a branch in dtm's protocol ({@code op}): what the coordinator asks a
 * branch to do, and the {@code op} column of a branch row. A workflow branch may carry an
 * op of its own that is none of these.
 */
public enum BranchOp implements WireWord {

    /** A saga or msg step, an XA branch's local work. */
    ACTION("action"),
    /** Undoes a saga action. */
    COMPENSATE("compensate"), TRY("try"), CONFIRM("confirm"), CANCEL("cancel"),
    /** XA phase 2 and workflow branches. */
    COMMIT("commit"), ROLLBACK("rollback"),
    /** A msg's own local transaction and the back-check of a prepared msg. */
    MSG("msg");

    private final String wireName;

    BranchOp(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The wire word, so that messages and logs show dtm's words. */
    @Override
    public String toString() {
        return wireName;
    }

    @JsonCreator
    public static BranchOp fromWire(String wireName) {
        return WireWord.require(values(), wireName, "op");
    }

    public static Optional<BranchOp> find(String wireName) {
        return WireWord.find(values(), wireName);
    }

}
