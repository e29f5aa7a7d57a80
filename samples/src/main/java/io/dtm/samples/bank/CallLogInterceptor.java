package io.dtm.samples.bank;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Records every call to the bank in the {@link CallLog}: the operation is the last path
 * segment ({@code TransOut}, {@code TransInRevert}, ...), and for dtm's XA phase-2
 * endpoint {@code XA commit} or {@code XA rollback}.
 */
class CallLogInterceptor implements HandlerInterceptor {

    private static final String CALL_ATTRIBUTE = CallLogInterceptor.class.getName() + ".call";

    static final String FAILURE_MESSAGE_ATTRIBUTE = CallLogInterceptor.class.getName() + ".message";

    private final CallLog log;

    CallLogInterceptor(CallLog log) {
        this.log = log;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String gid = request.getParameter("gid");
        if (gid == null || gid.isEmpty()) {
            return true;
        }
        String op = request.getParameter("op");
        String uri = request.getRequestURI();
        String name = uri.endsWith("/xa/phase2") ? "XA " + op : uri.substring(uri.lastIndexOf('/') + 1);
        request.setAttribute(CALL_ATTRIBUTE, this.log.start(gid, name, request.getParameter("branch_id"), op));
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (request.getAttribute(CALL_ATTRIBUTE) instanceof CallLog.Call call) {
            Object message = request.getAttribute(FAILURE_MESSAGE_ATTRIBUTE);
            // dtm's XA phase-2 endpoint is built in: a 200 there means the branch was
            // committed or rolled back
            boolean ran = CallLog.ran(request) || (call.name().startsWith("XA ") && response.getStatus() == 200);
            call.complete(response.getStatus(), ran, (message != null) ? message.toString() : "");
        }
    }

}
