package io.dtm.spring.amqp;

import java.util.Set;

import javax.sql.DataSource;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransType;
import io.dtm.spring.barrier.BarrierBusiness;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.JdbcBarrier;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.util.StringUtils;

/**
 * Runs a consumer's handling of an event behind the JDBC branch barrier, keyed by the
 * event's message (gid, branch id) and the consumer: the first delivery runs the business
 * and writes the barrier row in one local transaction; a redelivery, or a second copy of
 * the event (published again after an unconfirmed attempt), finds the row and is dropped.
 * If the business throws, its transaction and the row roll back and the exception reaches
 * the listener container, which redelivers the event. Two copies handled at the same
 * moment (two consumers of one queue) cannot both run: the second one's insert of the
 * same barrier row waits on the first's uncommitted row, then finds it and is dropped,
 * or, if the first rolled back, inserts it and runs.
 *
 * <pre class="code">
 * &#64;RabbitListener(queues = "billing")
 * void on(Message message) {
 *     guard.consume(message, (jdbc) -&gt; bill(jdbc, read(message)));
 * }
 * </pre>
 */
public class DtmEventGuard {

    /** The barrier's op column holds at most this many characters. */
    static final int MAX_CONSUMER_LENGTH = 45;

    /** Ops whose barrier rows mean something else. */
    private static final Set<String> RESERVED = Set.of(BranchOp.MSG.wireName(), BranchOp.CANCEL.wireName(),
            BranchOp.COMPENSATE.wireName(), BranchOp.ROLLBACK.wireName(), BranchOp.TRY.wireName(),
            BranchOp.ACTION.wireName(), BranchOp.CONFIRM.wireName(), BranchOp.COMMIT.wireName());

    private final JdbcBarrier barrier;

    public DtmEventGuard(JdbcBarrier barrier) {
        this.barrier = barrier;
    }

    /**
     * Runs {@code business} once per event and consumer, the consumer being the queue the
     * message was consumed from, on the default DataSource.
     * @return whether the business ran ({@code false}: a duplicate, dropped)
     * @throws AmqpRejectAndDontRequeueException if the message is not a dtm event
     */
    public boolean consume(Message message, BarrierBusiness business) {
        return consume(message, message.getMessageProperties().getConsumerQueue(), business);
    }

    /**
     * Runs {@code business} once per event for {@code consumer} (at most 45 characters),
     * on the default DataSource. Consumers that share a barrier table must use distinct
     * names.
     * @return whether the business ran ({@code false}: a duplicate, dropped)
     */
    public boolean consume(Message message, String consumer, BarrierBusiness business) {
        return consume(message, consumer, this.barrier.defaultDataSource(), business);
    }

    public boolean consume(Message message, String consumer, DataSource dataSource, BarrierBusiness business) {
        MessageProperties properties = message.getMessageProperties();
        String gid = header(properties, DtmEventPublisher.GID_HEADER);
        String branchId = header(properties, DtmEventPublisher.BRANCH_ID_HEADER);
        if (!StringUtils.hasText(consumer) || consumer.length() > MAX_CONSUMER_LENGTH || RESERVED.contains(consumer)) {
            throw new IllegalArgumentException("the consumer name must have 1 to " + MAX_CONSUMER_LENGTH
                    + " characters and not be one of dtm's ops " + RESERVED + "; pass one to consume(message, "
                    + "consumer, business)");
        }
        BranchBarrier branch = BranchBarrier.of(TransType.MSG.wireName(), gid, branchId, consumer);
        boolean[] ran = new boolean[1];
        this.barrier.call(branch, dataSource, (jdbc) -> {
            business.execute(jdbc);
            ran[0] = true;
        });
        return ran[0];
    }

    private static String header(MessageProperties properties, String name) {
        Object value = properties.getHeader(name);
        if (!(value instanceof CharSequence) || !StringUtils.hasText(value.toString())) {
            throw new AmqpRejectAndDontRequeueException(
                    "not a dtm event: the message has no " + name + " header, so it cannot be deduplicated");
        }
        return value.toString();
    }

}
