package bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seata.core.context.RootContext;
import io.seata.integration.tx.api.util.ProxyUtil;
import io.seata.rm.RMClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A TCC participant service: a plain-Java HTTP server whose tries are Seata @LocalTCC proxies (resources
 * benchActionA, benchActionB). POST /try/a and /try/b bind the XID of the {@code TX_XID} header, as Seata's HTTP
 * integration does, so the proxy registers the branch with the TC from this process (this process is the RM the
 * TC calls for the confirms). GET /commits: phase-two commits executed here.
 * System properties: port (18092), threads (40), app (seata-tcc-participant), group (default_tx_group).
 */
public final class Participant {

    public static void main(String[] args) throws Exception {
        int port = Integer.getInteger("port", 18092);
        String app = System.getProperty("app", "seata-tcc-participant");
        String group = System.getProperty("group", "default_tx_group");
        RMClient.init(app, group);
        ActionA a = ProxyUtil.createProxy(new Impls.A());
        ActionB b = ProxyUtil.createProxy(new Impls.B());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(Integer.getInteger("threads", 40)));
        server.createContext("/try/a", ex -> tryBranch(ex, () -> a.prepare(null)));
        server.createContext("/try/b", ex -> tryBranch(ex, () -> b.prepare(null)));
        server.createContext("/commits", ex -> reply(ex, 200, Long.toString(Impls.COMMITS.sum())));
        server.start();
        System.out.println("participant listening on 127.0.0.1:" + port);
    }

    private static void tryBranch(HttpExchange ex, BooleanSupplier prepare) throws IOException {
        ex.getRequestBody().readAllBytes();
        String xid = ex.getRequestHeaders().getFirst(RootContext.KEY_XID);
        if (xid == null || xid.isBlank()) {
            reply(ex, 400, "no " + RootContext.KEY_XID + " header");
            return;
        }
        RootContext.bind(xid);
        try {
            reply(ex, prepare.getAsBoolean() ? 200 : 409, "");
        } catch (RuntimeException e) {
            reply(ex, 500, "try failed");
        } finally {
            RootContext.unbind();
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes();
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
