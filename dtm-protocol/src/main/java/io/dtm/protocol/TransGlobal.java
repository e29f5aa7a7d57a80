package io.dtm.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A global transaction: the columns of dtm's {@code trans_global} table with the options
 * parsed. Its JSON is dtm's (the {@code transaction} of {@code query}, {@code all} and
 * {@code prepareWorkflow}): empty fields left out, the options both as the JSON text of
 * {@code options} and inline; read back, the options come from {@code options}.
 */
@JsonPropertyOrder({ "id", "create_time", "update_time", "gid", "trans_type", "steps", "payloads", "status",
        "query_prepared", "protocol", "finish_time", "rollback_time", "result", "rollback_reason", "options",
        "custom_data", "next_cron_interval", "next_cron_time", "owner", "ext_data" })
@JsonIgnoreProperties(ignoreUnknown = true)
public class TransGlobal {

    @JsonProperty("id")
    @JsonInclude(Include.ALWAYS)
    private @Nullable Long id;

    @JsonProperty("gid")
    @JsonInclude(Include.NON_EMPTY)
    private String gid;

    @JsonProperty("trans_type")
    @JsonInclude(Include.NON_NULL)
    private @Nullable TransType transType;

    @JsonProperty("status")
    @JsonInclude(Include.NON_NULL)
    private @Nullable TransStatus status;

    @JsonProperty("query_prepared")
    @JsonInclude(Include.NON_EMPTY)
    private String queryPrepared = "";

    @JsonProperty("protocol")
    @JsonInclude(Include.NON_EMPTY)
    private String protocol = TransProtocol.HTTP.wireName();

    @JsonProperty("create_time")
    @JsonInclude(Include.ALWAYS)
    @JsonSerialize(using = WireTime.Serializer.class)
    @JsonDeserialize(using = WireTime.Deserializer.class)
    private @Nullable Instant createTime;

    @JsonProperty("update_time")
    @JsonInclude(Include.ALWAYS)
    @JsonSerialize(using = WireTime.Serializer.class)
    @JsonDeserialize(using = WireTime.Deserializer.class)
    private @Nullable Instant updateTime;

    @JsonProperty("finish_time")
    @JsonInclude(Include.NON_NULL)
    @JsonSerialize(using = WireTime.Serializer.class)
    @JsonDeserialize(using = WireTime.Deserializer.class)
    private @Nullable Instant finishTime;

    @JsonProperty("rollback_time")
    @JsonInclude(Include.NON_NULL)
    @JsonSerialize(using = WireTime.Serializer.class)
    @JsonDeserialize(using = WireTime.Deserializer.class)
    private @Nullable Instant rollbackTime;

    @JsonProperty("options")
    @JsonInclude(Include.ALWAYS)
    @JsonSerialize(using = TransOptions.TextSerializer.class)
    @JsonDeserialize(using = TransOptions.TextDeserializer.class)
    private TransOptions options = new TransOptions();

    @JsonProperty("custom_data")
    @JsonInclude(Include.NON_EMPTY)
    private String customData = "";

    @JsonProperty("next_cron_interval")
    @JsonInclude(Include.NON_DEFAULT)
    private long nextCronInterval;

    @JsonProperty("next_cron_time")
    @JsonInclude(Include.NON_NULL)
    @JsonSerialize(using = WireTime.Serializer.class)
    @JsonDeserialize(using = WireTime.Deserializer.class)
    private @Nullable Instant nextCronTime;

    @JsonProperty("owner")
    @JsonInclude(Include.NON_EMPTY)
    private String owner = "";

    @JsonProperty("ext_data")
    @JsonInclude(Include.NON_EMPTY)
    private String extData = "";

    @JsonProperty("result")
    @JsonInclude(Include.NON_EMPTY)
    private String result = "";

    @JsonProperty("rollback_reason")
    @JsonInclude(Include.NON_EMPTY)
    private String rollbackReason = "";

    /**
     * Saga and msg steps as submitted; kept with the global by stores that hold whole
     * documents.
     */
    @JsonProperty("steps")
    @JsonInclude(Include.NON_EMPTY)
    private List<Map<String, String>> steps = new ArrayList<>();

    @JsonProperty("payloads")
    @JsonInclude(Include.NON_EMPTY)
    private List<String> payloads = new ArrayList<>();

    public @Nullable Long getId() {
        return id;
    }

    public void setId(@Nullable Long id) {
        this.id = id;
    }

    public String getGid() {
        return gid;
    }

    public void setGid(String gid) {
        this.gid = gid;
    }

    public @Nullable TransType getTransType() {
        return transType;
    }

    public void setTransType(@Nullable TransType transType) {
        this.transType = transType;
    }

    /**
     * Sets the type from its wire word.
     * @deprecated since 0.1.0 for removal in favor of {@link #setTransType(TransType)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    @JsonIgnore
    public void setTransType(@Nullable String transType) {
        this.transType = transType == null ? null : TransType.fromWire(transType);
    }

    public @Nullable TransStatus getStatus() {
        return status;
    }

    /** Whether the status is {@code status}. */
    public boolean hasStatus(TransStatus status) {
        return this.status == status;
    }

    public void setStatus(@Nullable TransStatus status) {
        this.status = status;
    }

    /**
     * Sets the status from its wire word.
     * @deprecated since 0.1.0 for removal in favor of {@link #setStatus(TransStatus)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    @JsonIgnore
    public void setStatus(@Nullable String status) {
        this.status = status == null ? null : TransStatus.fromWire(status);
    }

    public String getQueryPrepared() {
        return queryPrepared;
    }

    public void setQueryPrepared(@Nullable String queryPrepared) {
        this.queryPrepared = nullToEmpty(queryPrepared);
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(@Nullable String protocol) {
        this.protocol = protocol == null || protocol.isEmpty() ? TransProtocol.HTTP.wireName() : protocol;
    }

    public @Nullable Instant getCreateTime() {
        return createTime;
    }

    public void setCreateTime(@Nullable Instant createTime) {
        this.createTime = createTime;
    }

    public @Nullable Instant getUpdateTime() {
        return updateTime;
    }

    public void setUpdateTime(@Nullable Instant updateTime) {
        this.updateTime = updateTime;
    }

    public @Nullable Instant getFinishTime() {
        return finishTime;
    }

    public void setFinishTime(@Nullable Instant finishTime) {
        this.finishTime = finishTime;
    }

    public @Nullable Instant getRollbackTime() {
        return rollbackTime;
    }

    public void setRollbackTime(@Nullable Instant rollbackTime) {
        this.rollbackTime = rollbackTime;
    }

    public TransOptions getOptions() {
        return options;
    }

    public void setOptions(@Nullable TransOptions options) {
        this.options = options == null ? new TransOptions() : options;
    }

    /**
     * The options once more, inline after the other fields, as dtm's JSON has them;
     * written only.
     */
    @JsonUnwrapped
    @JsonProperty(value = "inline_options", access = JsonProperty.Access.READ_ONLY)
    private TransOptions inlineOptions() {
        return options;
    }

    public String getCustomData() {
        return customData;
    }

    public void setCustomData(@Nullable String customData) {
        this.customData = nullToEmpty(customData);
    }

    public long getNextCronInterval() {
        return nextCronInterval;
    }

    public void setNextCronInterval(long nextCronInterval) {
        this.nextCronInterval = nextCronInterval;
    }

    public @Nullable Instant getNextCronTime() {
        return nextCronTime;
    }

    public void setNextCronTime(@Nullable Instant nextCronTime) {
        this.nextCronTime = nextCronTime;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(@Nullable String owner) {
        this.owner = nullToEmpty(owner);
    }

    public String getExtData() {
        return extData;
    }

    public void setExtData(@Nullable String extData) {
        this.extData = nullToEmpty(extData);
    }

    public String getResult() {
        return result;
    }

    public void setResult(@Nullable String result) {
        this.result = nullToEmpty(result);
    }

    public String getRollbackReason() {
        return rollbackReason;
    }

    public void setRollbackReason(@Nullable String rollbackReason) {
        this.rollbackReason = nullToEmpty(rollbackReason);
    }

    public List<Map<String, String>> getSteps() {
        return steps;
    }

    public void setSteps(@Nullable List<Map<String, String>> steps) {
        this.steps = steps == null ? new ArrayList<>() : steps;
    }

    public List<String> getPayloads() {
        return payloads;
    }

    public void setPayloads(@Nullable List<String> payloads) {
        this.payloads = payloads == null ? new ArrayList<>() : payloads;
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

}
