package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransOptions;
import io.dtm.protocol.TransStatus;

class FinishedRetentionTests {

    private static final Instant FINISHED = Instant.parse("2026-01-01T00:00:00Z");

    private final TransStore store = JdbcStoreFactory.create(JdbcDialect.H2,
            "jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2, true);

    private final AtomicReference<Instant> now = new AtomicReference<>(FINISHED);

    private final FinishedRetention retention = new FinishedRetention(store, now::get, Duration.ofDays(7),
            Duration.ofMinutes(1), 2, 2);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void deletesFinishedTransactionsOnceTheyAreOlderThanTheAgeInBoundedBatches() {
        List<String> finished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            finished.add(finishedSaga(FINISHED.minusSeconds(i)));
        }
        String running = insertSaga(FINISHED.minus(Duration.ofDays(30)));

        now.set(FINISHED.plus(Duration.ofDays(6)));
        assertThat(retention.deleteOnce()).isZero();

        // the next_cron_time a finished row keeps (10 s after it finished here) has to be
        // older than the age too
        now.set(FINISHED.plus(Duration.ofDays(7)).plusSeconds(5));
        assertThat(retention.deleteOnce()).isZero();
        now.set(FINISHED.plus(Duration.ofDays(7)).plusSeconds(11));
        assertThat(retention.deleteOnce()).as("two batches of two").isEqualTo(4);
        assertThat(retention.deleteOnce()).isEqualTo(1);
        assertThat(retention.deleteOnce()).isZero();
        for (String gid : finished) {
            assertThat(store.findGlobal(gid)).isEmpty();
            assertThat(store.findBranches(gid)).isEmpty();
        }
        assertThat(store.findGlobal(running)).isPresent();
        assertThat(store.findBranches(running)).hasSize(2);
    }

    @Test
    void aTransactionFinishedAfterTheCutoffIsKept() {
        String older = finishedSaga(FINISHED.minus(Duration.ofDays(1)));
        String newer = finishedSaga(FINISHED);
        now.set(FINISHED.plus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(retention.deleteOnce()).isEqualTo(1);
        assertThat(store.findGlobal(older)).isEmpty();
        assertThat(store.findGlobal(newer)).isPresent();
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new FinishedRetention(store, now::get, Duration.ofDays(1), Duration.ZERO, 1, 1));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new FinishedRetention(store, now::get, Duration.ofDays(1), Duration.ofMinutes(1), 0, 1));
    }

    private String finishedSaga(Instant finishedAt) {
        TransGlobal g = new TransGlobal();
        g.setGid(insertSaga(finishedAt.minusSeconds(10)));
        g.setStatus(TransStatus.SUCCEED.wireName());
        g.setFinishTime(finishedAt);
        g.setUpdateTime(finishedAt);
        g.setNextCronInterval(10);
        g.setNextCronTime(finishedAt.plusSeconds(10));
        g.setOwner("");
        assertThat(store.changeGlobalStatus(g, TransStatus.SUBMITTED.wireName(), null, List.of())).isTrue();
        return g.getGid();
    }

    private String insertSaga(Instant created) {
        TransGlobal g = new TransGlobal();
        g.setGid("g-" + UUID.randomUUID());
        g.setTransType("saga");
        g.setStatus(TransStatus.SUBMITTED.wireName());
        g.setCreateTime(created);
        g.setUpdateTime(created);
        g.setOptions(new TransOptions());
        g.setNextCronInterval(10);
        g.setNextCronTime(created.plusSeconds(10));
        String prepared = TransStatus.PREPARED.wireName();
        assertThat(
                store.insertGlobal(g,
                        List.of(new TransBranch(g.getGid(), "", new byte[0], "01", "compensate", prepared, created),
                                new TransBranch(g.getGid(), "", new byte[0], "01", "action", prepared, created))))
            .isTrue();
        return g.getGid();
    }

}
