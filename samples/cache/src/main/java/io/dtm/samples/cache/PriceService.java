package io.dtm.samples.cache;

import javax.sql.DataSource;

import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import io.dtm.spring.web.DtmCallbackController;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The write path: a 2-phase message whose local transaction updates the price (with the
 * message's barrier row, so the back-check knows whether it committed) and whose branch
 * marks the cache entry deleted once that transaction committed. Whatever fails after the
 * commit, the coordinator retries the branch until the mark is done.
 */
@Service
public class PriceService {

    private final DtmClient dtm;

    private final DataSource dataSource;

    private final String callbackPath;

    private volatile int port = -1;

    public PriceService(DtmClient dtm, DataSource dataSource, @Value("${dtm.callback-path:/dtm}") String callbackPath) {
        this.dtm = dtm;
        this.dataSource = dataSource;
        this.callbackPath = callbackPath;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        this.port = event.getWebServer().getPort();
    }

    /**
     * Adds {@code delta} to the price and returns the message's gid and the price
     * committed.
     */
    public Update addToPrice(long id, long delta) {
        Msg msg = this.dtm.msg().add(url(CacheController.PATH + CacheController.MARK_DELETED), new PriceUpdate(id));
        long[] committed = new long[1];
        msg.doAndSubmitDb(url(this.callbackPath + DtmCallbackController.MSG_QUERY_PREPARED), this.dataSource,
                (jdbc) -> {
                    if (jdbc.update("UPDATE product SET price = price + ? WHERE id = ?", delta, id) != 1) {
                        throw new IllegalArgumentException("no product " + id);
                    }
                    // the row is locked by the update until the commit: this is the price
                    // committed
                    committed[0] = jdbc.queryForObject("SELECT price FROM product WHERE id = ?", Long.class, id);
                });
        return new Update(msg.gid(), committed[0]);
    }

    private String url(String path) {
        if (this.port < 0) {
            throw new IllegalStateException("the web server is not listening yet");
        }
        return "http://127.0.0.1:" + this.port + path;
    }

    /** A committed price change: its message's gid and the new price. */
    public record Update(String gid, long price) {

    }

}
