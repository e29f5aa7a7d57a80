package io.dtm.spring.context;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one holder keeps the bound transaction and the recording side by side: binding or
 * restoring one never loses the other, and a thread with neither keeps nothing.
 */
class DtmContextHolderTests {

    private final DtmTransaction transaction = new DtmTransaction("g1", "tcc", "01", "try", null);

    private final InitiatorRecording recording = new InitiatorRecording() {

        @Override
        public String gid() {
            return "g2";
        }

        @Override
        public Object transaction() {
            return "saga";
        }

        @Override
        public boolean isOpen() {
            return true;
        }

    };

    @AfterEach
    void clear() {
        DtmContextHolder.restoreRecording(null);
        DtmContextHolder.restore(null);
    }

    @Test
    void bindingATransactionKeepsTheRecording() {
        DtmContextHolder.startRecording(this.recording);
        DtmTransaction previous = DtmContextHolder.bind(this.transaction);
        assertThat(previous).isNull();
        assertThat(DtmContextHolder.get()).isSameAs(this.transaction);
        assertThat(DtmContextHolder.recording()).isSameAs(this.recording);
        DtmContextHolder.restore(previous);
        assertThat(DtmContextHolder.get()).isNull();
        assertThat(DtmContextHolder.recording()).isSameAs(this.recording);
    }

    @Test
    void startingARecordingKeepsTheTransaction() {
        DtmContextHolder.bind(this.transaction);
        InitiatorRecording previous = DtmContextHolder.startRecording(this.recording);
        assertThat(previous).isNull();
        DtmContextHolder.clear();
        assertThat(DtmContextHolder.get()).isNull();
        assertThat(DtmContextHolder.recording()).isSameAs(this.recording);
        DtmContextHolder.bind(this.transaction);
        DtmContextHolder.restoreRecording(previous);
        assertThat(DtmContextHolder.recording()).isNull();
        assertThat(DtmContextHolder.get()).isSameAs(this.transaction);
    }

    @Test
    void callWithRestoresWhatWasBound() {
        DtmTransaction other = new DtmTransaction("g3", "saga", "", "action", null);
        DtmContextHolder.bind(other);
        String gid = DtmContextHolder.callWith(this.transaction, () -> DtmContextHolder.require().gid());
        assertThat(gid).isEqualTo("g1");
        assertThat(DtmContextHolder.get()).isSameAs(other);
    }

}
