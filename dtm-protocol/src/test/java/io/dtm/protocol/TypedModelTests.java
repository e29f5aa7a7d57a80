package io.dtm.protocol;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DatabindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The model's statuses and types are enums that travel as dtm's words. */
class TypedModelTests {

    @Test
    void aGlobalReadsAndWritesItsWords() {
        TransGlobal g = WireJson.MAPPER.readValue("{\"gid\":\"g\",\"trans_type\":\"tcc\",\"status\":\"aborting\"}",
                TransGlobal.class);
        assertThat(g.getTransType()).isSameAs(TransType.TCC);
        assertThat(g.getStatus()).isSameAs(TransStatus.ABORTING);
        assertThat(g.hasStatus(TransStatus.ABORTING)).isTrue();
        String json = WireJson.MAPPER.writeValueAsString(g);
        assertThat(json).contains("\"trans_type\":\"tcc\"", "\"status\":\"aborting\"")
            .doesNotContain("TCC", "ABORTING", "status_word");
    }

    @Test
    void aBranchReadsAndWritesItsStatus() {
        TransBranch b = new TransBranch("g", "http://b", null, "01", BranchOp.CONFIRM.wireName(), TransStatus.PREPARED,
                Instant.EPOCH);
        String json = WireJson.MAPPER.writeValueAsString(b);
        assertThat(json).contains("\"op\":\"confirm\"", "\"status\":\"prepared\"");
        assertThat(WireJson.MAPPER.readValue(json, TransBranch.class).getStatus()).isSameAs(TransStatus.PREPARED);
        assertThat(b.hasOp(BranchOp.CONFIRM)).isTrue();
        assertThat(b.hasOp(BranchOp.CANCEL)).isFalse();
    }

    @Test
    void anUnknownWordIsRefusedNamingTheField() {
        assertThatExceptionOfType(DatabindException.class)
            .isThrownBy(() -> WireJson.MAPPER.readValue("{\"status\":\"done\"}", TransGlobal.class))
            .withMessageContaining("unknown status 'done'");
        assertThatExceptionOfType(DatabindException.class)
            .isThrownBy(() -> WireJson.MAPPER.readValue("{\"trans_type\":\"batch\"}", TransGlobal.class))
            .withMessageContaining("unknown trans_type 'batch'");
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedWordSettersStillWork() {
        TransGlobal g = new TransGlobal();
        g.setStatus("succeed");
        g.setTransType("msg");
        assertThat(g.getStatus()).isSameAs(TransStatus.SUCCEED);
        assertThat(g.getTransType()).isSameAs(TransType.MSG);
        TransRequest r = new TransRequest("g", "xa");
        assertThat(r.getTransType()).isSameAs(TransType.XA);
    }

    @Test
    void aRequestSendsItsTypeAsTheWord() {
        String json = WireJson.MAPPER.writeValueAsString(new TransRequest("g", TransType.WORKFLOW));
        assertThat(json).contains("\"trans_type\":\"workflow\"");
        assertThat(WireJson.MAPPER.readValue(json, TransRequest.class).getTransType()).isSameAs(TransType.WORKFLOW);
    }

    @Test
    void wordsPrintAsTheWireWord() {
        assertThat("status " + TransStatus.SUBMITTED).isEqualTo("status submitted");
        assertThat(String.valueOf(TransProtocol.JSON_RPC)).isEqualTo("json-rpc");
    }

    @Test
    void aBranchRegistrationIsDtmsFlatBody() {
        assertThat(BranchRegistration.tcc("g", "01", "http://c", "http://x", "{}").toWire())
            .containsAllEntriesOf(Map.of("gid", "g", "trans_type", "tcc", "branch_id", "01", "status", "prepared",
                    "confirm", "http://c", "cancel", "http://x", "data", "{}"))
            .containsOnlyKeys("gid", "trans_type", "branch_id", "status", "confirm", "cancel", "data");
        assertThat(BranchRegistration.xa("g", "02", "http://p").toWire()).containsOnlyKeys("gid", "trans_type",
                "branch_id", "url", "data");
        assertThat(BranchRegistration.workflow("g", "03", "action", TransStatus.FAILED, null).toWire())
            .containsEntry("op", "action")
            .containsEntry("status", "failed")
            .containsEntry("data", "");
    }

}
