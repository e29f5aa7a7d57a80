package io.dtm.spring.context;

/**
 * The saga or message an annotated initiator method ({@code @GlobalSaga},
 * {@code @DtmMsg}) is building on this thread, as kept by {@link DtmContextHolder}.
 */
public interface InitiatorRecording {

    /** The gid of the transaction being recorded. */
    String gid();

    /** The saga or message being built. */
    Object transaction();

    /**
     * Whether steps may still be added: false once the initiator returned or threw.
     */
    boolean isOpen();

}
