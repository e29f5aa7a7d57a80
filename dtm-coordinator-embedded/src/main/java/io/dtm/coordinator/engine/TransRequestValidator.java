package io.dtm.coordinator.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.model.TransStatus;
import io.dtm.coordinator.model.TransType;

/**
 * Checks a request against the protocol and the storage schema's sizes before anything is stored, so a bad
 * request changes nothing and its error says what to fix.
 */
final class TransRequestValidator {

    static final int MAX_GID = 128;
    static final int MAX_TEXT = 1024;
    static final int MAX_BRANCH_ID = 128;
    static final int MAX_OP = 45;
    /** {@code bin_data} is a BLOB in dtm's MySQL schema. */
    static final int MAX_PAYLOAD_BYTES = 65535;

    private TransRequestValidator() {
    }

    static void requireGid(String gid) {
        if (gid == null || gid.isBlank()) {
            throw new InvalidRequestException("gid is required: send the gid from newGid or one of your own");
        }
        if (gid.length() > MAX_GID) {
            throw new InvalidRequestException("gid is " + gid.length() + " characters long; at most " + MAX_GID
                    + " are allowed");
        }
    }

    static void requireTransType(String transType) {
        if (transType == null || transType.isBlank()) {
            throw new InvalidRequestException("trans_type is required: one of saga, tcc, xa, msg, workflow");
        }
        if (!TransType.ALL.contains(transType)) {
            throw new InvalidRequestException("unknown trans_type '" + transType
                    + "': use one of saga, tcc, xa, msg, workflow");
        }
    }

    static void validate(TransRequest r) {
        requireGid(r.gid());
        requireTransType(r.transType());
        String protocol = r.protocol() == null ? "" : r.protocol();
        if (!protocol.isEmpty() && !TransType.PROTOCOL_HTTP.equals(protocol)
                && !TransType.PROTOCOL_JSON_RPC.equals(protocol)) {
            throw new InvalidRequestException("protocol '" + protocol
                    + "' is not supported: use http (the default) or json-rpc");
        }
        maxLength("query_prepared", r.queryPrepared(), MAX_TEXT);
        maxLength("custom_data", r.customData(), MAX_TEXT);
        maxLength("rollback_reason", r.rollbackReason(), MAX_TEXT);
        nonNegative("timeout_to_fail", r.timeoutToFail());
        nonNegative("request_timeout", r.requestTimeout());
        nonNegative("retry_interval", r.retryInterval());
        nonNegative("retry_limit", r.retryLimit());
        nonNegative("retry_count", r.retryCount());
        validateSteps(r);
        validateCustomData(r);
    }

    static void validateSubmitExtra(TransRequest r) {
        Map<String, String> extra = r.reqExtra() == null ? Map.of() : r.reqExtra();
        String status = extra.get("status");
        if (!TransStatus.SUCCEED.equals(status) && !TransStatus.FAILED.equals(status)) {
            throw new InvalidRequestException("a workflow submit needs req_extra.status 'succeed' or 'failed', got '"
                    + status + "'");
        }
        maxLength("req_extra.rollback_reason", extra.get("rollback_reason"), MAX_TEXT);
        maxLength("req_extra.result", extra.get("result"), MAX_TEXT);
    }

    private static void validateSteps(TransRequest r) {
        List<Map<String, String>> steps = r.steps() == null ? List.of() : r.steps();
        List<String> payloads = r.payloads() == null ? List.of() : r.payloads();
        if (!payloads.isEmpty() && payloads.size() != steps.size()) {
            throw new InvalidRequestException("payloads has " + payloads.size() + " entries but steps has "
                    + steps.size() + ": send one payload per step");
        }
        for (int i = 0; i < steps.size(); i++) {
            Map<String, String> step = steps.get(i);
            if (step == null) {
                throw new InvalidRequestException("steps[" + i + "] is null: each step is an object of URLs");
            }
            for (Map.Entry<String, String> e : step.entrySet()) {
                maxLength("steps[" + i + "]." + e.getKey(), e.getValue(),
                        "data".equals(e.getKey()) ? MAX_PAYLOAD_BYTES : MAX_TEXT);
            }
            if (TransType.SAGA.equals(r.transType()) || TransType.MSG.equals(r.transType())) {
                if (!step.containsKey(TransType.OP_ACTION)) {
                    throw new InvalidRequestException("steps[" + i + "] has no action URL");
                }
            }
            if (i < payloads.size() && payloads.get(i) != null
                    && payloads.get(i).getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                throw new InvalidRequestException("payloads[" + i + "] is larger than " + MAX_PAYLOAD_BYTES
                        + " bytes: keep branch payloads small and pass references to large data");
            }
        }
    }

    private static void validateCustomData(TransRequest r) {
        String custom = r.customData();
        if (custom == null || custom.isBlank()) {
            return;
        }
        try {
            if (TransType.SAGA.equals(r.transType())) {
                SagaProcessor.SagaCustomData data = SagaProcessor.SagaCustomData.parse(custom);
                int steps = r.steps() == null ? 0 : r.steps().size();
                data.orders().forEach((step, pres) -> {
                    if (step < 0 || step >= steps || pres.stream().anyMatch(p -> p < 0 || p >= steps)) {
                        throw new InvalidRequestException("custom_data.orders refers to a step that does not exist;"
                                + " steps are numbered 0.." + (steps - 1));
                    }
                });
            }
            else {
                TransJson.readObject(custom);
                MsgProcessor.delaySeconds(custom);
            }
        }
        catch (InvalidRequestException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw new InvalidRequestException("custom_data is not valid for trans_type " + r.transType() + ": "
                    + ex.getMessage());
        }
    }

    static void maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidRequestException(field + " is " + value.length() + " characters long; at most " + max
                    + " are allowed");
        }
    }

    private static void nonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw new InvalidRequestException(field + " must not be negative, got " + value);
        }
    }
}
