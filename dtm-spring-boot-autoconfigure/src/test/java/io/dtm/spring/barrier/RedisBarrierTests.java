package io.dtm.spring.barrier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dtm.protocol.DtmDuplicatedException;
import io.dtm.protocol.DtmFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Redis barrier against the Redis server on 127.0.0.1:6379.
 */
class RedisBarrierTests {

    private static LettuceConnectionFactory connectionFactory;

    private static StringRedisTemplate redis;

    private static RedisBarrier barrier;

    private String key;

    @BeforeAll
    static void connect() {
        connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        redis = new StringRedisTemplate(connectionFactory);
        barrier = new RedisBarrier(redis, Duration.ofMinutes(10));
    }

    @AfterAll
    static void disconnect() {
        connectionFactory.destroy();
    }

    @BeforeEach
    void account() {
        this.key = "dtm-test-account-" + UUID.randomUUID();
        redis.opsForValue().set(this.key, "100", Duration.ofMinutes(10));
    }

    private long balance() {
        return Long.parseLong(redis.opsForValue().get(this.key));
    }

    private void adjust(String gid, String op, long amount) {
        barrier.checkAdjustAmount(BranchBarrier.of("saga", gid, "01", op), this.key, amount);
    }

    @Test
    void listenersAreToldWhatTheBarrierDecided() {
        RedisBarrier told = new RedisBarrier(redis, Duration.ofMinutes(10));
        List<String> decisions = new ArrayList<>();
        told.addListener((op, outcome) -> decisions.add(op + " " + outcome));
        String gid = UUID.randomUUID().toString();
        told.checkAdjustAmount(BranchBarrier.of("saga", gid, "01", "action"), this.key, -30);
        told.checkAdjustAmount(BranchBarrier.of("saga", gid, "01", "action"), this.key, -30);
        String late = UUID.randomUUID().toString();
        told.checkAdjustAmount(BranchBarrier.of("saga", late, "01", "compensate"), this.key, 30);
        told.checkAdjustAmount(BranchBarrier.of("saga", late, "01", "action"), this.key, -30);
        assertThat(decisions).containsExactly("action APPLIED", "action DUPLICATE", "compensate EMPTY_COMPENSATION",
                "action HANGING_REFUSED");
        assertThat(balance()).isEqualTo(70);
    }

    @Test
    void actionAndCompensationAreIdempotent() {
        String gid = UUID.randomUUID().toString();
        adjust(gid, "action", -30);
        adjust(gid, "action", -30);
        assertThat(balance()).isEqualTo(70);
        adjust(gid, "compensate", 30);
        adjust(gid, "compensate", 30);
        assertThat(balance()).isEqualTo(100);
    }

    @Test
    void compensationBeforeActionIsANullCompensationAndTheLateActionIsANoOp() {
        String gid = UUID.randomUUID().toString();
        adjust(gid, "compensate", 30);
        adjust(gid, "action", -30);
        assertThat(balance()).isEqualTo(100);
    }

    @Test
    void insufficientBalanceOrMissingKeyIsAFailure() {
        String gid = UUID.randomUUID().toString();
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> adjust(gid, "action", -101));
        assertThat(balance()).isEqualTo(100);
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> barrier
            .checkAdjustAmount(BranchBarrier.of("saga", gid, "02", "action"), this.key + "-missing", 1));
    }

    @Test
    void msgBackCheckSeesTheCommittedBusinessAndBlocksALateOne() {
        String committed = UUID.randomUUID().toString();
        barrier.checkAdjustAmount(BranchBarrier.of("msg", committed, "00", "msg"), this.key, -10);
        barrier.queryPrepared(committed);
        assertThat(balance()).isEqualTo(90);
        String late = UUID.randomUUID().toString();
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> barrier.queryPrepared(late));
        assertThatExceptionOfType(DtmDuplicatedException.class)
            .isThrownBy(() -> barrier.checkAdjustAmount(BranchBarrier.of("msg", late, "00", "msg"), this.key, -10));
        assertThat(balance()).isEqualTo(90);
    }

}
