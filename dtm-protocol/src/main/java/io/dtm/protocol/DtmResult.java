package io.dtm.protocol;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The result words of dtm's replies, as in
 * {@code {"dtm_result":"FAILURE","message":...}}. dtm reads a reply by its status and by
 * these words anywhere in its body: see {@link DtmReply}.
 */
public enum DtmResult implements WireWord {

    SUCCESS("SUCCESS"),
    /**
     * Final: the branch will not succeed, the global transaction rolls back. Answered
     * with 409.
     */
    FAILURE("FAILURE"),
    /** Not final: asked again later at the normal interval. Answered with 425. */
    ONGOING("ONGOING"),
    /**
     * The msg barrier's word for a message whose back-check already decided it; never
     * sent by a branch.
     */
    DUPLICATED("DUPLICATED");

    private final String wireName;

    DtmResult(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static DtmResult fromWire(String wireName) {
        return WireWord.require(values(), wireName, "dtm_result");
    }

    public static Optional<DtmResult> find(String wireName) {
        return WireWord.find(values(), wireName);
    }

}
