package io.dtm.spring.annotation;

/**
 * Thrown instead of running an annotated call outside the global transaction it belongs
 * to: a {@code @DtmStep} or {@code @TccTry} Feign call made while no saga, message or TCC
 * is being built on the calling thread, a step recorded after its initiator returned, or
 * an {@code @XaBranch} handler called outside an XA branch. Sent as a plain call instead,
 * the business action would run with no compensation.
 */
public class NoGlobalTransactionException extends IllegalStateException {

    /** How to send such calls as plain calls instead. */
    public static final String PLAIN_CALLS_PROPERTY = "dtm.annotations.plain-calls-outside-transaction";

    static final String LIKELY_CAUSES = "Likely causes: the initiator method was self-invoked (this.x() bypasses the "
            + "Spring proxy that starts the transaction: call it through the injected bean, move it to another bean, or "
            + "weave dtm's aspects with AspectJ and set dtm.annotations.mode=aspectj), or the call runs on a thread that did not get dtm's context (use @Async or an executor built by "
            + "Spring Boot, or wrap the task with DtmContextTaskDecorator).";

    public NoGlobalTransactionException(String message) {
        super(message);
    }

    /**
     * A call of {@code what} (e.g. "the @DtmStep Feign method X.y()") made outside
     * {@code where} (e.g. "a {@code @GlobalSaga} or {@code @DtmMsg} method").
     */
    public static NoGlobalTransactionException outside(String what, String where, String detail) {
        return new NoGlobalTransactionException(what + " was called outside " + where
                + ", so it was not sent: as a plain call its action would run with no compensation. "
                + ((detail != null) ? detail + " " : "") + LIKELY_CAUSES + " To send such calls as plain calls, set "
                + PLAIN_CALLS_PROPERTY + "=true.");
    }

}
