package io.dtm.spring.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The trans body of prepare, submit, abort and prepareWorkflow (dtm's TransBase with its TransOptions).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TransRequest {

	@JsonProperty("gid")
	private String gid;

	@JsonProperty("trans_type")
	private String transType;

	@JsonProperty("steps")
	private List<Map<String, String>> steps;

	@JsonProperty("payloads")
	private List<String> payloads;

	@JsonProperty("query_prepared")
	private String queryPrepared;

	@JsonProperty("protocol")
	private String protocol = "http";

	@JsonProperty("custom_data")
	private String customData;

	@JsonProperty("rollback_reason")
	private String rollbackReason;

	@JsonProperty("wait_result")
	private Boolean waitResult;

	@JsonProperty("timeout_to_fail")
	private Long timeoutToFail;

	@JsonProperty("request_timeout")
	private Long requestTimeout;

	@JsonProperty("retry_interval")
	private Long retryInterval;

	@JsonProperty("retry_limit")
	private Long retryLimit;

	@JsonProperty("branch_headers")
	private Map<String, String> branchHeaders;

	@JsonProperty("concurrent")
	private boolean concurrent;

	@JsonProperty("req_extra")
	private Map<String, String> reqExtra;

	public TransRequest() {
	}

	public TransRequest(String gid, String transType) {
		this.gid = gid;
		this.transType = transType;
	}

	public String getGid() {
		return this.gid;
	}

	public void setGid(String gid) {
		this.gid = gid;
	}

	public String getTransType() {
		return this.transType;
	}

	public void setTransType(String transType) {
		this.transType = transType;
	}

	public List<Map<String, String>> getSteps() {
		return this.steps;
	}

	public void addStep(Map<String, String> step, String payload) {
		if (this.steps == null) {
			this.steps = new ArrayList<>();
			this.payloads = new ArrayList<>();
		}
		this.steps.add(step);
		this.payloads.add(payload);
	}

	public List<String> getPayloads() {
		return this.payloads;
	}

	public String getQueryPrepared() {
		return this.queryPrepared;
	}

	public void setQueryPrepared(String queryPrepared) {
		this.queryPrepared = queryPrepared;
	}

	public String getProtocol() {
		return this.protocol;
	}

	public String getCustomData() {
		return this.customData;
	}

	public void setCustomData(String customData) {
		this.customData = customData;
	}

	public String getRollbackReason() {
		return this.rollbackReason;
	}

	public void setRollbackReason(String rollbackReason) {
		this.rollbackReason = rollbackReason;
	}

	public Boolean getWaitResult() {
		return this.waitResult;
	}

	public void setWaitResult(Boolean waitResult) {
		this.waitResult = waitResult;
	}

	public Long getTimeoutToFail() {
		return this.timeoutToFail;
	}

	public void setTimeoutToFail(Long timeoutToFail) {
		this.timeoutToFail = timeoutToFail;
	}

	public Long getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Long requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Long getRetryInterval() {
		return this.retryInterval;
	}

	public void setRetryInterval(Long retryInterval) {
		this.retryInterval = retryInterval;
	}

	public Long getRetryLimit() {
		return this.retryLimit;
	}

	public void setRetryLimit(Long retryLimit) {
		this.retryLimit = retryLimit;
	}

	public Map<String, String> getBranchHeaders() {
		return this.branchHeaders;
	}

	public void putBranchHeader(String name, String value) {
		if (this.branchHeaders == null) {
			this.branchHeaders = new LinkedHashMap<>();
		}
		this.branchHeaders.put(name, value);
	}

	public boolean isConcurrent() {
		return this.concurrent;
	}

	public void setConcurrent(boolean concurrent) {
		this.concurrent = concurrent;
	}

	public Map<String, String> getReqExtra() {
		return this.reqExtra;
	}

	public void setReqExtra(Map<String, String> reqExtra) {
		this.reqExtra = reqExtra;
	}

}
