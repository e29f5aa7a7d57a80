package io.dtm.spring.it;

import java.time.Duration;

import javax.sql.DataSource;

import io.dtm.protocol.DtmDuplicatedException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.barrier.RedisBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class MsgIntegrationTests {

    private final H2World world = H2World.get();

    private final DtmClient dtm = this.world.client();

    private final DataSource localDb = this.world.initiator.getBean(DataSource.class);

    private final String queryPrepared = this.world.initiatorUrl + "/dtm/msg/query-prepared";

    @Test
    void msgRunsItsStepsAfterSubmit() {
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        this.dtm.msg(gid)
            .add(this.world.out("/withdraw"), BankRequest.of(12))
            .add(this.world.in("/deposit"), BankRequest.of(12))
            .submit();
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out - 12);
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 12);
    }

    @Test
    void doAndSubmitDbCommitsTheLocalWorkAndTheMessageTogether() {
        long local = localBalance();
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        this.dtm.msg(gid)
            .add(this.world.in("/deposit"), BankRequest.of(20))
            .doAndSubmitDb(this.queryPrepared, this.localDb, (jdbc) -> debitLocal(jdbc, 20));
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(localBalance()).isEqualTo(local - 20);
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 20);
    }

    @Test
    void doAndSubmitDbAbortsWhenTheLocalWorkFails() {
        long local = localBalance();
        String gid = this.dtm.newGid();
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> this.dtm.msg(gid)
            .add(this.world.in("/deposit"), BankRequest.of(20))
            .doAndSubmitDb(this.queryPrepared, this.localDb, (jdbc) -> {
                debitLocal(jdbc, 20);
                throw new DtmFailureException("no stock");
            }));
        assertThat(this.world.status(gid)).isEqualTo("failed");
        assertThat(localBalance()).isEqualTo(local);
    }

    @Test
    void doAndSubmitDbAsksTheBackCheckWhenTheLocalWorkErrs() {
        long local = localBalance();
        String gid = this.dtm.newGid();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.dtm.msg(gid)
            .add(this.world.in("/deposit"), BankRequest.of(20))
            .doAndSubmitDb(this.queryPrepared, this.localDb, (jdbc) -> {
                debitLocal(jdbc, 20);
                throw new IllegalStateException("connection reset");
            }));
        // the back-check found no committed barrier row: it wrote "rollback" and the msg
        // was aborted
        assertThat(this.world.status(gid)).isEqualTo("failed");
        assertThat(localBalance()).isEqualTo(local);
    }

    @Test
    void backCheckBeforeTheLocalCommitMakesTheLateBusinessDuplicated() {
        long local = localBalance();
        String gid = this.dtm.newGid();
        int status = RestClient.create()
            .get()
            .uri(this.queryPrepared + "?gid=" + gid + "&trans_type=msg&branch_id=00&op=msg")
            .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(409);
        assertThatExceptionOfType(DtmDuplicatedException.class).isThrownBy(() -> this.dtm.msg(gid)
            .add(this.world.in("/deposit"), BankRequest.of(20))
            .doAndSubmitDb(this.queryPrepared, this.localDb, (jdbc) -> debitLocal(jdbc, 20)));
        assertThat(this.world.status(gid)).isEqualTo("failed");
        assertThat(localBalance()).isEqualTo(local);
    }

    @Test
    void aCrashBetweenLocalCommitAndSubmitIsResolvedByTheBackCheck() {
        long local = localBalance();
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        Msg msg = this.dtm.msg(gid)
            .add(this.world.in("/deposit"), BankRequest.of(25))
            .timeoutToFail(Duration.ofSeconds(1));
        msg.prepare(this.queryPrepared);
        JdbcBarrier barrier = this.world.initiator.getBean(JdbcBarrier.class);
        barrier.call(io.dtm.spring.barrier.BranchBarrier.of("msg", gid, "00", "msg"), this.localDb,
                (jdbc) -> debitLocal(jdbc, 25));
        // no submit: the process "died" here
        await().atMost(Duration.ofSeconds(30)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(localBalance()).isEqualTo(local - 25);
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 25);
    }

    @Test
    void doAndSubmitWithTheRedisBarrier() {
        StringRedisTemplate redis = this.world.initiator.getBean(StringRedisTemplate.class);
        RedisBarrier redisBarrier = this.world.initiator.getBean(RedisBarrier.class);
        String key = "dtm-msg-test-" + System.nanoTime();
        redis.opsForValue().set(key, "50", Duration.ofMinutes(10));
        String redisQueryPrepared = this.world.initiatorUrl + "/dtm/msg/redis-query-prepared";
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        this.dtm.msg(gid)
            .add(this.world.in("/deposit"), BankRequest.of(30))
            .doAndSubmit(redisQueryPrepared, (barrier) -> redisBarrier.checkAdjustAmount(barrier, key, -30));
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(redis.opsForValue().get(key)).isEqualTo("20");
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 30);
        String refused = this.dtm.newGid();
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> this.dtm.msg(refused)
            .add(this.world.in("/deposit"), BankRequest.of(30))
            .doAndSubmit(redisQueryPrepared, (barrier) -> redisBarrier.checkAdjustAmount(barrier, key, -30)));
        assertThat(this.world.status(refused)).isEqualTo("failed");
        assertThat(redis.opsForValue().get(key)).isEqualTo("20");
    }

    private long localBalance() {
        return this.world.balance(this.world.initiatorUrl);
    }

    private static void debitLocal(JdbcTemplate jdbc, long amount) {
        jdbc.update("UPDATE bank_account SET balance = balance - ? WHERE id = 1", amount);
    }

}
