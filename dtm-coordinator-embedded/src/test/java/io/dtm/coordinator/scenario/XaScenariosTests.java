package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** dtm's xa_test.go, from the coordinator's side. */
class XaScenariosTests extends ScenarioTestBase {

    private Map<String, String> branch(String gid, String branchId) {
        return Map.of("gid", gid, "trans_type", "xa", "branch_id", branchId, "url", busiUrl() + "/XaNotify");
    }

    private void prepareWithTwoBranches(String gid) {
        dtm.post("/api/dtmsvr/prepare", trans(gid, "xa"));
        assertThat(dtm.post("/api/dtmsvr/registerBranch", branch(gid, "01")).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/registerXaBranch", branch(gid, "02")).status()).isEqualTo(200);
    }

    @Test
    void normalCommitsFirstToLastWithEmptyPosts() {
        String gid = gid("xaNormal");
        prepareWithTwoBranches(gid);
        assertThat(dtm.branches(gid)).extracting(b -> b.get("op"))
            .containsExactly("rollback", "commit", "rollback", "commit");
        submitAndWait(trans(gid, "xa"));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.branchStatuses(gid)).containsExactly("prepared", "succeed", "prepared", "succeed");
        assertThat(busi.calls(gid)).extracting(c -> c.query().get("branch_id")).containsExactly("01", "02");
        assertThat(busi.calls(gid)).allSatisfy(c -> {
            assertThat(c.method()).isEqualTo("POST");
            assertThat(c.body()).isNullOrEmpty();
            assertThat(c.op()).isEqualTo("commit");
        });
    }

    @Test
    void rollback() {
        String gid = gid("xaRollback");
        prepareWithTwoBranches(gid);
        int before = processed.passes(gid);
        dtm.post("/api/dtmsvr/abort", trans(gid, "xa"));
        awaitPasses(gid, before + 1);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly("succeed", "prepared", "succeed", "prepared");
        assertThat(busi.calls(gid)).extracting(Busi.Call::op).containsExactly("rollback", "rollback");
    }

    @Test
    void timeoutWithoutBranchesFails() {
        String gid = gid("xaTimeout");
        dtm.post("/api/dtmsvr/prepare", trans(gid, "xa"));
        cronOnce(gid, Duration.ofSeconds(300));
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branches(gid)).isEmpty();
        assertThat((String) dtm.transaction(gid).get("rollback_reason")).matches("^Timeout after \\d+ seconds$");
    }

    @Test
    void commitOngoingStaysSubmittedThenSucceeds() {
        String gid = gid("xaNotTimeout");
        prepareWithTwoBranches(gid);
        busi.setOnce(gid, "XaNotify", "ONGOING");
        submitAndWait(trans(gid, "xa"));
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void registerWithoutUrlIsRefused() {
        String gid = gid("xaNoUrl");
        dtm.post("/api/dtmsvr/prepare", trans(gid, "xa"));
        HttpReply reply = dtm.post("/api/dtmsvr/registerBranch",
                Map.of("gid", gid, "trans_type", "xa", "branch_id", "01"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.json().get("message")).contains("'url'");
        assertThat(dtm.branches(gid)).isEmpty();
    }

}
