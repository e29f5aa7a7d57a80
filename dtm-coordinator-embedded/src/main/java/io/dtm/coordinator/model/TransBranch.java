package io.dtm.coordinator.model;

import java.time.Instant;

/** One operation of a branch: a row of dtm's {@code trans_branch_op} table. */
public class TransBranch {

    private Long id;
    private String gid;
    private String url = "";
    private byte[] binData = new byte[0];
    private String branchId;
    private String op;
    private String status;
    private Instant finishTime;
    private Instant rollbackTime;
    private Instant createTime;
    private Instant updateTime;

    public TransBranch() {
    }

    public TransBranch(String gid, String url, byte[] binData, String branchId, String op, String status, Instant now) {
        this.gid = gid;
        this.url = url == null ? "" : url;
        this.binData = binData == null ? new byte[0] : binData;
        this.branchId = branchId;
        this.op = op;
        this.status = status;
        this.createTime = now;
        this.updateTime = now;
    }

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

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url == null ? "" : url;
    }

    public byte[] getBinData() {
        return binData;
    }

    public void setBinData(byte[] binData) {
        this.binData = binData == null ? new byte[0] : binData;
    }

    public String getBranchId() {
        return branchId;
    }

    public void setBranchId(String branchId) {
        this.branchId = branchId;
    }

    public String getOp() {
        return op;
    }

    public void setOp(String op) {
        this.op = op;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
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
}
