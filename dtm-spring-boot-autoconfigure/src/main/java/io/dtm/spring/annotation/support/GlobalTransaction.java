package io.dtm.spring.annotation.support;

import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

/**
 * The global transaction an annotated initiator method is running in, for code inside it: the saga or message
 * being recorded (to add steps by URL) and the gid.
 */
public final class GlobalTransaction {

	private static final ThreadLocal<Object> recording = new ThreadLocal<>();

	private GlobalTransaction() {
	}

	/**
	 * The saga of the enclosing {@link GlobalSaga} method, e.g. to add a step by URL.
	 * @throws IllegalStateException outside a {@code @GlobalSaga} method
	 */
	public static Saga currentSaga() {
		if (recording.get() instanceof Saga saga) {
			return saga;
		}
		throw new IllegalStateException("currentSaga() is only available inside a @GlobalSaga method");
	}

	/**
	 * The message of the enclosing {@link DtmMsg} method, e.g. to add a step by URL.
	 * @throws IllegalStateException outside a {@code @DtmMsg} method
	 */
	public static Msg currentMsg() {
		if (recording.get() instanceof Msg msg) {
			return msg;
		}
		throw new IllegalStateException("currentMsg() is only available inside a @DtmMsg method");
	}

	/**
	 * The gid of the enclosing annotated initiator ({@code @GlobalSaga}, {@code @DtmMsg}, {@code @GlobalTcc},
	 * {@code @GlobalXa}) or of the branch being handled, or {@code null} if there is none.
	 */
	public static String currentGid() {
		Object current = recording.get();
		if (current instanceof Saga saga) {
			return saga.gid();
		}
		if (current instanceof Msg msg) {
			return msg.gid();
		}
		DtmTransaction bound = DtmContextHolder.get();
		return (bound != null) ? bound.gid() : null;
	}

	/**
	 * The saga or msg whose steps are being recorded on this thread, or {@code null}: where the Feign glue puts the
	 * calls of {@code @DtmStep} methods.
	 */
	public static Object recording() {
		return recording.get();
	}

	/** Starts recording into {@code saga} or {@code msg} and returns what was recorded before. */
	static Object startRecording(Object trans) {
		Object previous = recording.get();
		recording.set(trans);
		return previous;
	}

	static void restoreRecording(Object previous) {
		if (previous != null) {
			recording.set(previous);
		}
		else {
			recording.remove();
		}
	}

}
