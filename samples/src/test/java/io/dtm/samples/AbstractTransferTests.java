package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dtm.protocol.DtmFailureException;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.BankClient;
import io.dtm.samples.bank.CallLog;
import io.dtm.samples.bank.TransReq;
import io.dtm.samples.transfer.TransferService;
import io.dtm.spring.client.DtmClient;

import feign.FeignException;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sample's flows, each as a success and with a forced failure: the final status from the coordinator, the
 * bank calls in order and the balances.
 */
abstract class AbstractTransferTests {

	static final long AMOUNT = 30;

	static final Map<Integer, Long> UNCHANGED = Map.of(1, 10000L, 2, 10000L);

	static final Map<Integer, Long> MOVED = Map.of(1, 9970L, 2, 10030L);

	@Autowired
	TransferService transfers;

	@Autowired
	Accounts accounts;

	@Autowired
	BankClient bank;

	@Autowired
	CallLog log;

	@Autowired
	DtmClient dtm;

	@BeforeEach
	void resetAccounts() {
		this.accounts.reset();
		assertThat(this.bank.balances()).isEqualTo(UNCHANGED);
	}

	/**
	 * Runs a flow that must fail at the initiator (tcc, xa, workflow, msg with a failing local transaction): a
	 * {@link DtmFailureException}, or for XA Feign's exception for the 409 reply.
	 */
	String runFailing(Runnable flow) {
		assertThatThrownBy(flow::run).isInstanceOfAny(DtmFailureException.class, FeignException.Conflict.class)
			.hasMessageContaining("forced to FAILURE");
		return this.transfers.lastGid();
	}

	String run(Runnable flow) {
		flow.run();
		return this.transfers.lastGid();
	}

	/** The coordinator never heard of {@code gid}. */
	void assertNeverSent(String gid) {
		assertThat(this.dtm.query(gid).path("transaction").isObject()).isFalse();
		assertThat(this.bank.balances()).isEqualTo(UNCHANGED);
	}

	TransReq ok() {
		return TransReq.of(AMOUNT);
	}

	TransReq failingTransIn() {
		return TransReq.of(AMOUNT).failingTransIn();
	}

	/** Waits for the final status, then checks it and the balances (over HTTP) and that nothing stays reserved. */
	void assertEnded(String gid, String status, Map<Integer, Long> balances) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(gid)).isEqualTo(status));
		assertThat(this.bank.balances()).isEqualTo(balances);
		assertThat(this.accounts.trading()).isZero();
	}

	/** The bank calls of {@code gid} in order, once each has its reply; {@code name(status)} or {@code name(status, no-op)}. */
	List<String> calls(String gid, int expected) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.log.calls(gid).size() >= expected
					&& this.log.calls(gid).stream().allMatch(CallLog.Call::completed));
		return this.log.calls(gid).stream().map(CallLog.Call::toString).toList();
	}

	String status(String gid) {
		return this.dtm.query(gid).path("transaction").path("status").asString("");
	}

}
