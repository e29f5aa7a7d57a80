package io.dtm.samples.woven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.aspectj.lang.Aspects;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.dtm.spring.annotation.support.SagaMsgInitiatorAspect;
import io.dtm.spring.annotation.support.WovenAspects;
import io.dtm.spring.client.DtmClient;
import tools.jackson.databind.JsonNode;

/**
 * dtm's aspects woven by the AspectJ compiler: no proxies, and a {@code @GlobalSaga} method invoked on {@code this}
 * runs as a saga, its steps called by the coordinator and compensated when one fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WovenSagaTests {

	@Autowired
	TransferService transfers;

	@Autowired
	BankController bank;

	@Autowired
	DtmClient dtm;

	@Autowired
	WovenAspects wovenAspects;

	@Test
	void beansAreNotProxiedAndTheWovenAspectsAreConfigured() {
		assertThat(AopUtils.isAopProxy(this.transfers)).isFalse();
		assertThat(AopUtils.isAopProxy(this.bank)).isFalse();
		assertThat(this.wovenAspects.aspects()).contains(Aspects.aspectOf(SagaMsgInitiatorAspect.class));
	}

	@Test
	void aSelfInvokedGlobalSagaRunsAsASaga() {
		String gid = this.transfers.transfer(new Transfer(30, false));
		assertThat(gid).isNotNull();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(gid)).isEqualTo("succeed"));
		assertThat(branchIds(gid)).containsExactly("01", "02");
		assertThat(this.bank.calls(gid)).containsExactly("transOut", "transIn");
	}

	@Test
	void aSelfInvokedGlobalSagaWhoseStepFailsIsCompensated() {
		String gid = this.transfers.transfer(new Transfer(30, true));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(gid)).isEqualTo("failed"));
		assertThat(branchIds(gid)).containsExactly("01", "02");
		// transIn refused, so its compensation finds no action behind the barrier and does not run
		assertThat(this.bank.calls(gid)).containsExactly("transOut", "transOutRevert");
	}

	private String status(String gid) {
		return this.dtm.query(gid).path("transaction").path("status").asString();
	}

	private List<String> branchIds(String gid) {
		JsonNode branches = this.dtm.query(gid).path("branches");
		return StreamSupport.stream(branches.spliterator(), false)
			.map((branch) -> branch.path("branch_id").asString())
			.distinct()
			.toList();
	}

}
