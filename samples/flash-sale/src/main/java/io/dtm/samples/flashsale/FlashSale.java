package io.dtm.samples.flashsale;

import java.util.concurrent.atomic.AtomicBoolean;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.barrier.RedisBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import io.dtm.spring.web.DtmCallbackController;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The purchase: a 2-phase message. Its local transaction is one Lua script in Redis that
 * checks the item's stock, writes the message's barrier key and takes one unit, all or
 * nothing ({@link RedisBarrier#checkAdjustAmount}); its one branch creates the order. If
 * the initiator dies between the deduction and the submit, the coordinator asks the
 * back-check, which reads the same barrier key: deducted means the order is created, not
 * deducted means the message is dropped (and a deduction arriving later is refused).
 */
@Service
public class FlashSale {

    private final DtmClient dtm;

    private final RedisBarrier redisBarrier;

    private final Stock stock;

    private final SelfUrl self;

    private final String callbackPath;

    public FlashSale(DtmClient dtm, RedisBarrier redisBarrier, Stock stock, SelfUrl self,
            @Value("${dtm.callback-path:/dtm}") String callbackPath) {
        this.dtm = dtm;
        this.redisBarrier = redisBarrier;
        this.stock = stock;
        this.self = self;
        this.callbackPath = callbackPath;
    }

    /**
     * Buys one unit of {@code item} for {@code user}.
     * @return {@link Outcome#ORDERED} once the stock is deducted and the message
     * submitted (the coordinator creates the order), {@link Outcome#SOLD_OUT} if no unit
     * was left (nothing happens)
     * @throws PurchaseNotStartedException if the coordinator could not be reached before
     * the stock was touched: nothing happened and the buyer may try again
     * @throws PurchaseUnconfirmedException the stock was deducted and the submit did not
     * get through: the coordinator settles the message with the back-check, and the order
     * is created
     */
    public Outcome buy(long user, long item) {
        String orderUrl = this.self.of(OrderController.PATH + OrderController.CREATE_ORDER);
        AtomicBoolean started = new AtomicBoolean();
        try {
            // the gid comes from the coordinator: inside the try, a coordinator that is
            // down
            // means the purchase did not start
            Msg msg = this.dtm.msg().add(orderUrl, new OrderRequest(user, item));
            msg.doAndSubmit(this.self.of(this.callbackPath + DtmCallbackController.MSG_REDIS_QUERY_PREPARED),
                    (barrier) -> {
                        started.set(true);
                        this.redisBarrier.checkAdjustAmount(barrier, this.stock.key(item), -1);
                    });
            return Outcome.ORDERED;
        }
        catch (DtmFailureException ex) {
            return Outcome.SOLD_OUT;
        }
        catch (RuntimeException ex) {
            if (!started.get()) {
                throw new PurchaseNotStartedException(ex);
            }
            throw new PurchaseUnconfirmedException(ex);
        }
    }

    /** How a purchase ended for the buyer. */
    public enum Outcome {

        ORDERED, SOLD_OUT

    }

    /** The message could not be prepared: the stock was not touched. */
    public static class PurchaseNotStartedException extends RuntimeException {

        PurchaseNotStartedException(Throwable cause) {
            super("the purchase did not start: " + cause.getMessage(), cause);
        }

    }

    /**
     * The stock was deducted but the submit did not get through: the coordinator settles
     * the message with the back-check, which finds the deduction and creates the order.
     */
    public static class PurchaseUnconfirmedException extends RuntimeException {

        PurchaseUnconfirmedException(Throwable cause) {
            super("the stock was deducted and the order will follow: " + cause.getMessage(), cause);
        }

    }

}
