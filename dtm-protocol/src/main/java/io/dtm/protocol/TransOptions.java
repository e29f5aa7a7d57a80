package io.dtm.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The options of a global transaction (dtm's TransOptions) as stored and queried: zero
 * values mean "the coordinator's default" and are left out of the JSON, except
 * {@code concurrent}, as in dtm.
 */
@JsonPropertyOrder({ "wait_result", "timeout_to_fail", "request_timeout", "retry_interval", "branch_headers",
        "concurrent", "retry_limit", "retry_count" })
@JsonIgnoreProperties(ignoreUnknown = true)
public class TransOptions {

    @JsonProperty("wait_result")
    @JsonInclude(Include.NON_DEFAULT)
    private boolean waitResult;

    @JsonProperty("timeout_to_fail")
    @JsonInclude(Include.NON_DEFAULT)
    private long timeoutToFail;

    @JsonProperty("request_timeout")
    @JsonInclude(Include.NON_DEFAULT)
    private long requestTimeout;

    @JsonProperty("retry_interval")
    @JsonInclude(Include.NON_DEFAULT)
    private long retryInterval;

    @JsonProperty("branch_headers")
    @JsonInclude(Include.NON_EMPTY)
    private Map<String, String> branchHeaders = new LinkedHashMap<>();

    @JsonProperty("concurrent")
    @JsonInclude(Include.ALWAYS)
    private boolean concurrent;

    @JsonProperty("retry_limit")
    @JsonInclude(Include.NON_DEFAULT)
    private long retryLimit;

    @JsonProperty("retry_count")
    @JsonInclude(Include.NON_DEFAULT)
    private long retryCount;

    /** The options as the JSON text of the {@code options} column. */
    public String toJson() {
        return WireJson.MAPPER.writeValueAsString(this);
    }

    /** Reads the {@code options} column; empty or blank text gives the defaults. */
    public static TransOptions fromJson(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return new TransOptions();
        }
        return WireJson.MAPPER.readValue(json, TransOptions.class);
    }

    public boolean isWaitResult() {
        return waitResult;
    }

    public void setWaitResult(boolean waitResult) {
        this.waitResult = waitResult;
    }

    public long getTimeoutToFail() {
        return timeoutToFail;
    }

    public void setTimeoutToFail(long timeoutToFail) {
        this.timeoutToFail = timeoutToFail;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getRetryInterval() {
        return retryInterval;
    }

    public void setRetryInterval(long retryInterval) {
        this.retryInterval = retryInterval;
    }

    public Map<String, String> getBranchHeaders() {
        return branchHeaders;
    }

    public void setBranchHeaders(@Nullable Map<String, String> branchHeaders) {
        this.branchHeaders = branchHeaders == null ? new LinkedHashMap<>() : branchHeaders;
    }

    public boolean isConcurrent() {
        return concurrent;
    }

    public void setConcurrent(boolean concurrent) {
        this.concurrent = concurrent;
    }

    public long getRetryLimit() {
        return retryLimit;
    }

    public void setRetryLimit(long retryLimit) {
        this.retryLimit = retryLimit;
    }

    public long getRetryCount() {
        return retryCount;
    }

    public void setRetryCount(long retryCount) {
        this.retryCount = retryCount;
    }

    /**
     * Writes options as a JSON string holding their JSON text, as dtm's {@code options}
     * field does.
     */
    static final class TextSerializer extends StdSerializer<TransOptions> {

        TextSerializer() {
            super(TransOptions.class);
        }

        @Override
        public void serialize(TransOptions value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(value.toJson());
        }

    }

    /** Reads what {@link TextSerializer} wrote. */
    static final class TextDeserializer extends StdDeserializer<TransOptions> {

        TextDeserializer() {
            super(TransOptions.class);
        }

        @Override
        public TransOptions deserialize(JsonParser p, DeserializationContext ctxt) {
            return fromJson(p.getValueAsString());
        }

    }

}
