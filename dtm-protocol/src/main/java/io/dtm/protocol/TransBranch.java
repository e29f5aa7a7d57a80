package io.dtm.protocol;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One operation of a branch: a row of dtm's {@code trans_branch_op} table. Its JSON is
 * dtm's: empty fields left out, {@code bin_data} in standard base64.
 */
@JsonPropertyOrder({ "id", "create_time", "update_time", "gid", "url", "bin_data", "branch_id", "op", "status",
        "finish_time", "rollback_time" })
@JsonIgnoreProperties(ignoreUnknown = true)
public class TransBranch {

    @JsonProperty("id")
    @JsonInclude(Include.ALWAYS)
    private @Nullable Long id;

    @JsonProperty("gid")
    @JsonInclude(Include.NON_EMPTY)
    private String gid;

    @JsonProperty("url")
    @JsonInclude(Include.NON_EMPTY)
    private String url = "";

    @JsonProperty("bin_data")
    @JsonInclude(Include.NON_EMPTY)
    private byte[] binData = new byte[0];

    @JsonProperty("branch_id")
    @JsonInclude(Include.NON_EMPTY)
    private String branchId;

    @JsonProperty("op")
    @JsonInclude(Include.NON_EMPTY)
    private @Nullable String op;

    @JsonProperty("status")
    @JsonInclude(Include.NON_NULL)
    private @Nullable TransStatus status;

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

    public TransBranch() {
    }

    public TransBranch(String gid, @Nullable String url, byte @Nullable [] binData, String branchId,
            @Nullable String op, @Nullable TransStatus status, Instant now) {
        this.gid = gid;
        this.url = url == null ? "" : url;
        this.binData = binData == null ? new byte[0] : binData;
        this.branchId = branchId;
        this.op = op;
        this.status = status;
        this.createTime = now;
        this.updateTime = now;
    }

    /** A branch with one of the protocol's ops. */
    public TransBranch(String gid, @Nullable String url, byte @Nullable [] binData, String branchId, BranchOp op,
            @Nullable TransStatus status, Instant now) {
        this(gid, url, binData, branchId, op.wireName(), status, now);
    }

    /**
     * A branch with its status as a wire word.
     * @deprecated since 0.1.0 for removal in favor of the constructor that takes a
     * {@link TransStatus}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public TransBranch(String gid, @Nullable String url, byte @Nullable [] binData, String branchId,
            @Nullable String op, @Nullable String status, Instant now) {
        this(gid, url, binData, branchId, op, status == null ? null : TransStatus.fromWire(status), now);
    }

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

    public String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url == null ? "" : url;
    }

    public byte[] getBinData() {
        return binData;
    }

    public void setBinData(byte @Nullable [] binData) {
        this.binData = binData == null ? new byte[0] : binData;
    }

    public String getBranchId() {
        return branchId;
    }

    public void setBranchId(String branchId) {
        this.branchId = branchId;
    }

    public @Nullable String getOp() {
        return op;
    }

    public void setOp(@Nullable String op) {
        this.op = op;
    }

    public @Nullable TransStatus getStatus() {
        return status;
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

    /**
     * Whether this branch's op is {@code op}; a workflow branch may carry an op of its
     * own.
     */
    public boolean hasOp(BranchOp op) {
        return op.is(this.op);
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

}
