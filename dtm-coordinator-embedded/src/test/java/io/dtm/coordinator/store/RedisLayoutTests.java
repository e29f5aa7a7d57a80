package io.dtm.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.dtm.coordinator.store.TransStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import io.dtm.coordinator.store.redis.RedisTransStore;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;

/**
 * The Redis store writes dtm's key layout with dtm's expiries, and reads what dtm wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisLayoutTests {

    private static final Duration DATA_EXPIRE = Duration.ofDays(7);

    private static final Duration FINISHED_EXPIRE = Duration.ofDays(1);

    private final String p = TestStores.redisPrefix();

    private RedisTransStore store;

    private RedisClient client;

    private StatefulRedisConnection<String, String> connection;

    private RedisCommands<String, String> redis;

    @BeforeAll
    void open() {
        store = RedisTransStore.create(TestStores.REDIS_URL, null, null, p, DATA_EXPIRE, FINISHED_EXPIRE);
        client = RedisClient.create(TestStores.REDIS_URL);
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterAll
    void close() {
        store.close();
        connection.close();
        client.shutdown();
        TestStores.deleteRedisKeys(p);
    }

    @Test
    void keysAndExpiriesFollowDtm() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = TransStoreContractTests.global(TransStatus.SUBMITTED.wireName(), "saga", now,
                now.plusSeconds(10));
        assertThat(store.insertGlobal(g, List.of(TransStoreContractTests.branch(g.getGid(), "01", "compensate", now),
                TransStoreContractTests.branch(g.getGid(), "01", "action", now))))
            .isTrue();
        String gid = g.getGid();

        assertThat(redis.get(p + "_s_" + gid)).isEqualTo("submitted");
        assertThat(redis.get(p + "_g_" + gid)).contains("\"gid\":\"" + gid + "\"").contains("\"status\":\"submitted\"");
        assertThat(redis.lrange(p + "_b_" + gid, 0, -1)).hasSize(2)
            .first()
            .asString()
            .contains("\"branch_id\":\"01\"")
            .contains("\"op\":\"compensate\"");
        assertThat(redis.zscore(p + "_u", gid)).isEqualTo((double) now.plusSeconds(10).getEpochSecond());
        for (String key : List.of("_g_", "_s_", "_b_")) {
            assertThat(redis.ttl(p + key + gid)).as(key)
                .isBetween(DATA_EXPIRE.toSeconds() - 60, DATA_EXPIRE.toSeconds());
        }

        g.setStatus(TransStatus.SUCCEED.wireName());
        g.setFinishTime(now);
        assertThat(store.changeGlobalStatus(g, TransStatus.SUBMITTED.wireName(), null, List.of())).isTrue();
        assertThat(redis.get(p + "_s_" + gid)).isEqualTo("succeed");
        assertThat(redis.zscore(p + "_u", gid)).isNull();
        for (String key : List.of("_g_", "_s_", "_b_")) {
            assertThat(redis.ttl(p + key + gid)).as(key)
                .isBetween(FINISHED_EXPIRE.toSeconds() - 60, FINISHED_EXPIRE.toSeconds());
        }
    }

    @Test
    void readsAndClaimsATransactionWrittenByDtm() {
        String gid = "dtm-" + java.util.UUID.randomUUID();
        long due = Instant.now().minusSeconds(30).getEpochSecond();
        // as dtm's Go server writes them (TransGlobalStore with its embedded
        // TransOptions, Branch rows)
        redis.set(p + "_g_" + gid, "{\"id\":0,\"create_time\":\"2026-01-02T10:00:00+08:00\",\"update_time\":"
                + "\"2026-01-02T10:00:00+08:00\",\"gid\":\"" + gid
                + "\",\"trans_type\":\"saga\",\"steps\":[{\"action\":"
                + "\"http://busi/TransOut\",\"compensate\":\"http://busi/TransOutRevert\"}],\"payloads\":[\"{}\"],"
                + "\"status\":\"submitted\",\"protocol\":\"http\",\"options\":\"{\\\"concurrent\\\":false}\","
                + "\"next_cron_interval\":10,\"next_cron_time\":\"2026-01-02T10:00:10+08:00\",\"concurrent\":false}");
        redis.set(p + "_s_" + gid, "submitted");
        redis.rpush(p + "_b_" + gid,
                "{\"id\":0,\"gid\":\"" + gid + "\",\"url\":\"http://busi/TransOutRevert\","
                        + "\"bin_data\":\"e30=\",\"branch_id\":\"01\",\"op\":\"compensate\",\"status\":\"prepared\"}",
                "{\"id\":0,\"gid\":\"" + gid + "\",\"url\":\"http://busi/TransOut\",\"bin_data\":\"e30=\","
                        + "\"branch_id\":\"01\",\"op\":\"action\",\"status\":\"prepared\"}");
        redis.zadd(p + "_u", due, gid);

        TransGlobal g = store.findGlobal(gid).orElseThrow();
        assertThat(g.getStatus().wireName()).isEqualTo("submitted");
        assertThat(g.getSteps()).hasSize(1);
        assertThat(g.getCreateTime()).isEqualTo(Instant.parse("2026-01-02T02:00:00Z"));
        List<TransBranch> branches = store.findBranches(gid);
        assertThat(branches).extracting(TransBranch::getOp).containsExactly("compensate", "action");
        assertThat(new String(branches.get(1).getBinData())).isEqualTo("{}");

        TransGlobal claimed = store.lockOneDue(Instant.now(), Instant.now().plusSeconds(60), "me").orElseThrow();
        assertThat(claimed.getGid()).isEqualTo(gid);
        TransBranch action = branches.get(1);
        action.setStatus(TransStatus.SUCCEED.wireName());
        store.updateBranchStatuses(gid, "submitted", "me", List.of(new TransStore.BranchUpdate(action, 1)));
        assertThat(redis.lindex(p + "_b_" + gid, 1)).contains("\"status\":\"succeed\"");
    }

}
