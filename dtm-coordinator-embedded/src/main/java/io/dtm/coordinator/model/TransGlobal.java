package io.dtm.coordinator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A global transaction as stored: the columns of dtm's {@code trans_global} table plus the parsed options. */
public class TransGlobal {

    private Long id;
    private String gid;
    private String transType;
    private String status;
    private String queryPrepared = "";
    private String protocol = TransType.PROTOCOL_HTTP;
    private Instant createTime;
    private Instant updateTime;
    private Instant finishTime;
    private Instant rollbackTime;
    private TransOptions options = new TransOptions();
    private String customData = "";
    private long nextCronInterval;
    private Instant nextCronTime;
    private String owner = "";
    private String extData = "";
    private String result = "";
    private String rollbackReason = "";
    /** Saga and msg steps as submitted; kept with the global by stores that hold whole documents. */
    private List<Map<String, String>> steps = new ArrayList<>();
    private List<String> payloads = new ArrayList<>();

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getGid() {
        return gid;
    }

    public void setGid(String gid) {
        this.gid = gid;
    }

    public String getTransType() {
        return transType;
    }

    public void setTransType(String transType) {
        this.transType = transType;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getQueryPrepared() {
        return queryPrepared;
    }

    public void setQueryPrepared(String queryPrepared) {
        this.queryPrepared = nullToEmpty(queryPrepared);
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol == null || protocol.isEmpty() ? TransType.PROTOCOL_HTTP : protocol;
    }

    public Instant getCreateTime() {
        return createTime;
    }

    public void setCreateTime(Instant createTime) {
        this.createTime = createTime;
    }

    public Instant getUpdateTime() {
        return updateTime;
    }

    public void setUpdateTime(Instant updateTime) {
        this.updateTime = updateTime;
    }

    public Instant getFinishTime() {
        return finishTime;
    }

    public void setFinishTime(Instant finishTime) {
        this.finishTime = finishTime;
    }

    public Instant getRollbackTime() {
        return rollbackTime;
    }

    public void setRollbackTime(Instant rollbackTime) {
        this.rollbackTime = rollbackTime;
    }

    public TransOptions getOptions() {
        return options;
    }

    public void setOptions(TransOptions options) {
        this.options = options == null ? new TransOptions() : options;
    }

    public String getCustomData() {
        return customData;
    }

    public void setCustomData(String customData) {
        this.customData = nullToEmpty(customData);
    }

    public long getNextCronInterval() {
        return nextCronInterval;
    }

    public void setNextCronInterval(long nextCronInterval) {
        this.nextCronInterval = nextCronInterval;
    }

    public Instant getNextCronTime() {
        return nextCronTime;
    }

    public void setNextCronTime(Instant nextCronTime) {
        this.nextCronTime = nextCronTime;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = nullToEmpty(owner);
    }

    public String getExtData() {
        return extData;
    }

    public void setExtData(String extData) {
        this.extData = nullToEmpty(extData);
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = nullToEmpty(result);
    }

    public String getRollbackReason() {
        return rollbackReason;
    }

    public void setRollbackReason(String rollbackReason) {
        this.rollbackReason = nullToEmpty(rollbackReason);
    }

    public List<Map<String, String>> getSteps() {
        return steps;
    }

    public void setSteps(List<Map<String, String>> steps) {
        this.steps = steps == null ? new ArrayList<>() : steps;
    }

    public List<String> getPayloads() {
        return payloads;
    }

    public void setPayloads(List<String> payloads) {
        this.payloads = payloads == null ? new ArrayList<>() : payloads;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
