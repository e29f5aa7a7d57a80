package io.dtm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class WireTimeTests {

    @Test
    void writesWholeSecondsWithAnOffset() {
        String text = WireTime.format(Instant.parse("2024-05-06T07:08:09.987Z"));
        assertThat(text).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(WireTime.parse(text)).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
    }

    @Test
    void readsGoTimesWithFractionsAndOffsets() {
        assertThat(WireTime.parse("2024-05-06T15:08:09.123456+08:00"))
            .isEqualTo(Instant.parse("2024-05-06T07:08:09.123456Z"));
        assertThat(WireTime.parse("")).isNull();
        assertThat(WireTime.parse(null)).isNull();
        assertThat(WireTime.format(null)).isNull();
    }

}
