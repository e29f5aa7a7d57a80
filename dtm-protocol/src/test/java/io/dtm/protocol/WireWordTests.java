package io.dtm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class WireWordTests {

    @Test
    void wireNamesAreDtmsWords() {
        assertThat(names(TransType.values())).containsExactly("saga", "tcc", "xa", "msg", "workflow");
        assertThat(names(TransStatus.values())).containsExactly("prepared", "submitted", "aborting", "succeed",
                "failed");
        assertThat(names(BranchOp.values())).containsExactly("action", "compensate", "try", "confirm", "cancel",
                "commit", "rollback", "msg");
        assertThat(names(TransProtocol.values())).containsExactly("http", "json-rpc");
        assertThat(names(DtmResult.values())).containsExactly("SUCCESS", "FAILURE", "ONGOING", "DUPLICATED");
    }

    @Test
    void everyWordRoundTrips() {
        roundTrip(TransType.values(), TransType::fromWire);
        roundTrip(TransStatus.values(), TransStatus::fromWire);
        roundTrip(BranchOp.values(), BranchOp::fromWire);
        roundTrip(TransProtocol.values(), TransProtocol::fromWire);
        roundTrip(DtmResult.values(), DtmResult::fromWire);
    }

    @Test
    void unknownWordsAreRefusedOrNotFound() {
        assertThatIllegalArgumentException().isThrownBy(() -> TransType.fromWire("SAGA"))
            .withMessage("unknown trans_type 'SAGA'");
        assertThatIllegalArgumentException().isThrownBy(() -> TransStatus.fromWire(null));
        assertThatIllegalArgumentException().isThrownBy(() -> BranchOp.fromWire("my-op"))
            .withMessage("unknown op 'my-op'");
        assertThat(TransType.find("tcc")).contains(TransType.TCC);
        assertThat(TransType.find("Tcc")).isEmpty();
        assertThat(BranchOp.find("")).isEmpty();
        assertThat(TransProtocol.find("grpc")).isEmpty();
    }

    @Test
    void isComparesWithTheWireName() {
        assertThat(TransStatus.PREPARED.is("prepared")).isTrue();
        assertThat(TransStatus.PREPARED.is("PREPARED")).isFalse();
        assertThat(TransStatus.PREPARED.is(null)).isFalse();
        assertThat(BranchOp.MSG.is(TransType.MSG.wireName())).isTrue();
    }

    @Test
    void onlySucceedAndFailedAreFinished() {
        assertThat(List.of(TransStatus.values()).stream().filter(TransStatus::isFinished))
            .containsExactly(TransStatus.SUCCEED, TransStatus.FAILED);
        assertThat(TransStatus.isFinished("succeed")).isTrue();
        assertThat(TransStatus.isFinished("failed")).isTrue();
        assertThat(TransStatus.isFinished("aborting")).isFalse();
        assertThat(TransStatus.isFinished("done")).isFalse();
        assertThat(TransStatus.isFinished(null)).isFalse();
    }

    @Test
    void jsonCarriesTheWireName() {
        assertThat(WireJson.MAPPER.writeValueAsString(
                List.of(TransType.XA, TransStatus.ABORTING, BranchOp.TRY, TransProtocol.JSON_RPC, DtmResult.ONGOING)))
            .isEqualTo("[\"xa\",\"aborting\",\"try\",\"json-rpc\",\"ONGOING\"]");
        assertThat(WireJson.MAPPER.readValue("\"json-rpc\"", TransProtocol.class)).isEqualTo(TransProtocol.JSON_RPC);
        assertThat(WireJson.MAPPER.readValue("\"compensate\"", BranchOp.class)).isEqualTo(BranchOp.COMPENSATE);
    }

    private static <E extends WireWord> List<String> names(E[] values) {
        return List.of(values).stream().map(WireWord::wireName).toList();
    }

    private static <E extends WireWord> void roundTrip(E[] values, Function<String, E> fromWire) {
        for (E word : values) {
            assertThat(fromWire.apply(word.wireName())).isSameAs(word);
            assertThat(word.is(word.wireName())).isTrue();
        }
    }

}
