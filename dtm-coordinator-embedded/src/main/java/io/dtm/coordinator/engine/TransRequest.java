package io.dtm.coordinator.engine;

import java.util.List;
import java.util.Map;

/**
 * The trans body of prepare, submit, abort and prepareWorkflow (protocol §2.2). Every field may be absent or
 * null; unknown fields (such as {@code passthrough_headers} or the Java SDK's {@code subType}) are ignored.
 */
public record TransRequest(String gid, String transType, List<Map<String, String>> steps, List<String> payloads,
        String queryPrepared, String protocol, String customData, String rollbackReason, Boolean waitResult,
        Long timeoutToFail, Long requestTimeout, Long retryInterval, Long retryLimit, Long retryCount,
        Map<String, String> branchHeaders, Boolean concurrent, Map<String, String> reqExtra) {

    /** dtm strips these from gids received over HTTP. */
    public TransRequest cleaned() {
        return new TransRequest(clean(gid), transType, steps, payloads, queryPrepared, protocol, customData,
                rollbackReason, waitResult, timeoutToFail, requestTimeout, retryInterval, retryLimit, retryCount,
                branchHeaders, concurrent, reqExtra);
    }

    public boolean isWaitResult() {
        return Boolean.TRUE.equals(waitResult);
    }

    static String clean(String value) {
        return value == null ? null : value.replace("\n", "").replace("\r", "").replace(";", "");
    }
}
