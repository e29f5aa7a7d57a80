package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.dtm.samples.transfer.Mode;
import io.dtm.samples.transfer.TransferDemo;
import io.dtm.samples.transfer.TransferResult;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Every mode that H2 supports, with the embedded coordinator on H2, as the one-command run does it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "samples.run-on-startup=false", "spring.datasource.url=jdbc:h2:mem:bank-tests;DB_CLOSE_DELAY=-1",
				"dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-tests;DB_CLOSE_DELAY=-1" })
class H2TransferTests extends AbstractTransferTests {

	@Autowired
	TransferDemo demo;

	@Test
	void sagaMovesTheMoney() {
		String gid = run(() -> this.transfers.saga(ok()));
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 2)).containsExactly("TransOut(200)", "TransIn(200)");
	}

	@Test
	void sagaWithFailingTransInIsCompensated() {
		String gid = run(() -> this.transfers.saga(failingTransIn()));
		assertEnded(gid, "failed", UNCHANGED);
		// TransIn's own compensation is empty: the barrier knows TransIn never committed
		assertThat(calls(gid, 4)).containsExactly("TransOut(200)", "TransIn(409, no-op)", "TransInRevert(200, no-op)",
				"TransOutRevert(200)");
	}

	@Test
	void tccConfirmsBothTries() {
		String gid = run(() -> this.transfers.tcc(ok()));
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 4)).containsExactly("TransOutTry(200)", "TransInTry(200)", "TransInConfirm(200)",
				"TransOutConfirm(200)");
	}

	@Test
	void tccWithFailingTransInTryCancels() {
		String gid = runFailing(() -> this.transfers.tcc(failingTransIn()));
		assertEnded(gid, "failed", UNCHANGED);
		assertThat(calls(gid, 4)).containsExactly("TransOutTry(200)", "TransInTry(409, no-op)",
				"TransInCancel(200, no-op)", "TransOutCancel(200)");
	}

	@Test
	void msgDeliversTransInAfterTheLocalTransOut() {
		String gid = run(() -> this.transfers.msg(ok()));
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 2)).containsExactly("TransOut (local)(200)", "TransIn(200)");
	}

	@Test
	void msgWithFailingLocalTransactionIsNeverSent() {
		String gid = runFailing(() -> this.transfers.msg(ok().failingTransOut()));
		// the local transaction rolled back before the message was prepared: the coordinator knows nothing of it
		assertNeverSent(gid);
		assertThat(calls(gid, 1)).containsExactly("TransOut (local)(409, no-op)");
	}

	@Test
	void workflowRunsTheSeedExample() {
		String gid = run(() -> this.transfers.workflow(ok()));
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 2)).containsExactly("TransOut(200)", "TransIn(200)");
	}

	@Test
	void workflowWithFailingTransInRollsBack() {
		String gid = runFailing(() -> this.transfers.workflow(failingTransIn()));
		assertEnded(gid, "failed", UNCHANGED);
		assertThat(calls(gid, 4)).containsExactly("TransOut(200)", "TransIn(409, no-op)", "TransInRevert(200, no-op)",
				"TransOutRevert(200)");
	}

	@Test
	void xaIsSkippedOnH2AndSaysWhy() {
		assertThat(this.demo.xaSupported()).isFalse();
		TransferResult result = this.demo.run(Mode.XA, false);
		assertThat(result.skipped()).isTrue();
		assertThat(result.note()).contains("H2 has no XA PREPARE").contains("--spring.profiles.active=mariadb");
		assertThat(result.gid()).isNull();
	}

}
