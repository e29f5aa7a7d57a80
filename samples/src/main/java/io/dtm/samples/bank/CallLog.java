package io.dtm.samples.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the bank was asked to do, per global transaction, in the order the calls arrived:
 * the sample prints it. Filled by {@link CallLogInterceptor} for every HTTP call to the
 * bank (and to the XA phase-2 endpoint); a handler calls {@link #ran()} when its business
 * actually ran, so that a call the branch barrier turned into a no-op shows as such.
 */
@Component
public class CallLog {

    static final String RAN_ATTRIBUTE = CallLog.class.getName() + ".ran";

    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();

    /**
     * Marks the business of the call being handled as run (not skipped by the barrier).
     */
    public static void ran() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(RAN_ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    static boolean ran(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(RAN_ATTRIBUTE));
    }

    /** Records the start of a call; complete it with {@link Call#complete}. */
    public Call start(String gid, String name, String branchId, String op) {
        Call call = new Call(name, branchId, op);
        this.calls.computeIfAbsent(gid, (key) -> new ArrayList<>());
        List<Call> list = this.calls.get(gid);
        synchronized (list) {
            list.add(call);
        }
        return call;
    }

    /** Records a step the initiator ran itself (the msg's local transaction). */
    public void local(String gid, String name, int status, boolean ran, String message) {
        start(gid, name, "", "local").complete(status, ran, message);
    }

    /** The calls of {@code gid} so far, in arrival order. */
    public List<Call> calls(String gid) {
        List<Call> list = this.calls.get(gid);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** One call: its name (the bank operation), branch id and op, then how it ended. */
    public static final class Call {

        private final String name;

        private final String branchId;

        private final String op;

        private volatile boolean completed;

        private volatile int status;

        private volatile boolean ran;

        private volatile String message = "";

        Call(String name, String branchId, String op) {
            this.name = name;
            this.branchId = (branchId != null) ? branchId : "";
            this.op = (op != null) ? op : "";
        }

        public void complete(int status, boolean ran, String message) {
            this.status = status;
            this.ran = ran;
            this.message = (message != null) ? message : "";
            this.completed = true;
        }

        public String name() {
            return this.name;
        }

        public String branchId() {
            return this.branchId;
        }

        public String op() {
            return this.op;
        }

        public boolean completed() {
            return this.completed;
        }

        /**
         * HTTP status of the reply: 200 success, 409 FAILURE, 425 ONGOING, else an error.
         */
        public int status() {
            return this.status;
        }

        /** Whether the business ran (false: the barrier skipped it, or it failed). */
        public boolean ran() {
            return this.ran;
        }

        public String message() {
            return this.message;
        }

        @Override
        public String toString() {
            return this.name + "(" + this.status + (this.ran ? "" : ", no-op") + ")";
        }

    }

}
