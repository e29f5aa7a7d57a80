package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.dtm.samples.programmatic.ProgrammaticTransferService;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The initiator written with DtmClient's builders instead of the annotations, against the same bank. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "samples.run-on-startup=false", "spring.datasource.url=jdbc:h2:mem:bank-tests;DB_CLOSE_DELAY=-1",
				"dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-tests;DB_CLOSE_DELAY=-1" })
class ProgrammaticTransferTests extends AbstractTransferTests {

	@Autowired
	ProgrammaticTransferService programmatic;

	@Test
	void sagaMovesTheMoney() {
		this.programmatic.saga(ok());
		String gid = this.programmatic.lastGid();
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 2)).containsExactly("TransOut(200)", "TransIn(200)");
	}

	@Test
	void sagaWithFailingTransInIsCompensated() {
		this.programmatic.saga(failingTransIn());
		String gid = this.programmatic.lastGid();
		assertEnded(gid, "failed", UNCHANGED);
		assertThat(calls(gid, 4)).containsExactly("TransOut(200)", "TransIn(409, no-op)", "TransInRevert(200, no-op)",
				"TransOutRevert(200)");
	}

	@Test
	void tccConfirmsBothTries() {
		this.programmatic.tcc(ok());
		String gid = this.programmatic.lastGid();
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 4)).containsExactly("TransOutTry(200)", "TransInTry(200)", "TransInConfirm(200)",
				"TransOutConfirm(200)");
	}

	@Test
	void tccWithFailingTransInTryCancels() {
		runFailing(() -> this.programmatic.tcc(failingTransIn()));
		String gid = this.programmatic.lastGid();
		assertEnded(gid, "failed", UNCHANGED);
		assertThat(calls(gid, 4)).containsExactly("TransOutTry(200)", "TransInTry(409, no-op)",
				"TransInCancel(200, no-op)", "TransOutCancel(200)");
	}

	@Test
	void msgDeliversTransInAfterTheLocalTransOut() {
		this.programmatic.msg(ok());
		String gid = this.programmatic.lastGid();
		assertEnded(gid, "succeed", MOVED);
		assertThat(calls(gid, 2)).containsExactly("TransOut (local)(200)", "TransIn(200)");
	}

	@Test
	void msgWithFailingLocalTransactionIsAborted() {
		runFailing(() -> this.programmatic.msg(ok().failingTransOut()));
		String gid = this.programmatic.lastGid();
		// doAndSubmitDb prepares first, so the coordinator has the message, and aborts it
		assertEnded(gid, "failed", UNCHANGED);
		assertThat(calls(gid, 1)).containsExactly("TransOut (local)(409, no-op)");
	}

}
