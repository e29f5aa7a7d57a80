package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import io.dtm.samples.transfer.Mode;

import org.junit.jupiter.api.Test;

/**
 * Databases with XA, MariaDB and PostgreSQL: the XA flows on top of the other modes, all
 * on the same database (bank, barrier and coordinator store).
 */
abstract class AbstractXaTransferTests extends AbstractTransferFlowTests {

    @Override
    Set<Mode> modes() {
        return EnumSet.allOf(Mode.class);
    }

    @Test
    void xaCommitsBothBranches() {
        assertThat(this.demo.xaSupported()).isTrue();
        String gid = transfer(Mode.XA, ok());
        assertEnded(gid, "succeed", MOVED);
        assertThat(calls(gid, 4)).containsExactly("TransOutXa(200)", "TransInXa(200)", "XA commit(200)",
                "XA commit(200)");
        assertThat(this.log.calls(gid)).extracting((call) -> call.branchId()).containsExactly("01", "02", "01", "02");
    }

    @Test
    void xaWithFailingTransInRollsBackTransOut() {
        String gid = failingTransfer(Mode.XA, failingTransIn());
        assertEnded(gid, "failed", UNCHANGED);
        // TransIn failed before it prepared, so only TransOut's prepared branch is rolled
        // back
        assertThat(calls(gid, 3)).containsExactly("TransOutXa(200)", "TransInXa(409, no-op)", "XA rollback(200)");
        assertThat(this.log.calls(gid).get(2).branchId()).isEqualTo("01");
    }

}
