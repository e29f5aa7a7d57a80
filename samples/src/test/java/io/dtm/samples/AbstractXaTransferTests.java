package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.dtm.samples.transfer.TransferDemo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * XA where it is available, MariaDB and PostgreSQL, and the other modes on the same database (bank, barrier and
 * coordinator store).
 */
abstract class AbstractXaTransferTests extends AbstractTransferTests {

	@Autowired
	TransferDemo demo;

	@Test
	void xaCommitsBothBranches() {
		assertThat(this.demo.xaSupported()).isTrue();
		String gid = run(() -> this.transfers.xa(ok()));
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 4)).containsExactly("TransOutXa(200)", "TransInXa(200)", "XA commit(200)", "XA commit(200)");
		assertThat(this.log.calls(gid)).extracting((call) -> call.branchId()).containsExactly("01", "02", "01", "02");
	}

	@Test
	void xaWithFailingTransInRollsBackTransOut() {
		String gid = runFailing(() -> this.transfers.xa(failingTransIn()));
		assertEnded(gid, "failed", UNCHANGED);
		// TransIn failed before it prepared, so only TransOut's prepared branch is rolled back
		assertThat(calls(gid, 3)).containsExactly("TransOutXa(200)", "TransInXa(409, no-op)", "XA rollback(200)");
		assertThat(this.log.calls(gid).get(2).branchId()).isEqualTo("01");
	}

	@Test
	void sagaWithFailingTransInIsCompensated() {
		String gid = run(() -> this.transfers.saga(failingTransIn()));
		assertEnded(gid, "failed", UNCHANGED);
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
	void msgDeliversTransIn() {
		String gid = run(() -> this.transfers.msg(ok()));
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 2)).containsExactly("TransOut (local)(200)", "TransIn(200)");
	}

	@Test
	void workflowWithFailingTransInRollsBack() {
		String gid = runFailing(() -> this.transfers.workflow(failingTransIn()));
		assertEnded(gid, "failed", UNCHANGED);
		assertThat(calls(gid, 4)).containsExactly("TransOut(200)", "TransIn(409, no-op)", "TransInRevert(200, no-op)",
				"TransOutRevert(200)");
	}

}
