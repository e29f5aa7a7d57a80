package io.dtm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTests {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsAValidTraceparent() {
        TraceParent trace = TraceParent.parse(VALID);
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.flags()).isEqualTo("01");
        assertThat(trace.sampled()).isTrue();
        assertThat(trace.format()).isEqualTo(VALID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-\r\n",
            "00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01" })
    void ignoresWhatIsNotAVersion00TraceContext(String value) {
        assertThat(TraceParent.parse(value)).isNull();
    }

    @Test
    void ignoresAnOverlongValue() {
        assertThat(TraceParent.parse(VALID + "0".repeat(10_000))).isNull();
    }

    @Test
    void childKeepsTraceAndFlagsWithANewSpan() {
        TraceParent parent = TraceParent.parse(VALID);
        TraceParent child = parent.child();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.flags()).isEqualTo(parent.flags());
        assertThat(child.spanId()).hasSize(16).isNotEqualTo(parent.spanId()).isNotEqualTo("0000000000000000");
        assertThat(TraceParent.parse(child.format())).isEqualTo(child);
    }

    @Test
    void foundInExtDataOnlyWhenValid() {
        assertThat(TraceParent.fromExtData("{\"error_passes\":2,\"trace_parent\":\"" + VALID + "\"}"))
            .isEqualTo(TraceParent.parse(VALID));
        assertThat(TraceParent.fromExtData("{\"trace_parent\":\"00-zz\"}")).isNull();
        assertThat(TraceParent.fromExtData("")).isNull();
        assertThat(TraceParent.fromExtData(null)).isNull();
    }

}
