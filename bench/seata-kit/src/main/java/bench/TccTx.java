package bench;

import io.seata.core.context.RootContext;
import io.seata.integration.tx.api.util.ProxyUtil;
import io.seata.rm.RMClient;
import io.seata.tm.TMClient;
import io.seata.tm.api.GlobalTransaction;
import io.seata.tm.api.GlobalTransactionContext;
import io.seata.core.model.GlobalStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** TCC with two empty branches: begin, try A, try B, commit (the TC runs both confirms before it answers). */
final class TccTx {

    private TccTx() {}

    /** The peer kit's client: the tries are @LocalTCC proxies in this process, which is the RM. */
    static Bench.Tx inProcess(String app, String group, int timeoutMs) {
        TMClient.init(app, group);
        RMClient.init(app, group);
        ActionA a = ProxyUtil.createProxy(new Impls.A());
        ActionB b = ProxyUtil.createProxy(new Impls.B());
        return new Bench.Tx() {
            public boolean run() throws Exception {
                return global(timeoutMs, () -> {
                    if (!a.prepare(null) || !b.prepare(null)) throw new IllegalStateException("prepare returned false");
                });
            }

            public long phaseTwoCommits() { return Impls.COMMITS.sum(); }
        };
    }

    /**
     * The tries served by {@link Participant} over HTTP, as a participant service would: this process is only the
     * TM; the XID travels in Seata's {@code TX_XID} header and the participant's @LocalTCC proxies register the
     * branches with the TC, which drives their confirms in the participant's process.
     */
    static Bench.Tx overHttp(String app, String group, int timeoutMs, String participant, int threads) {
        // keep one connection per client thread (the JDK keeps 5 per host by default)
        System.setProperty("http.maxConnections", Integer.toString(Math.max(5, threads * 2)));
        TMClient.init(app, group);
        return new Bench.Tx() {
            public boolean run() throws Exception {
                return global(timeoutMs, () -> {
                    String xid = RootContext.getXID();
                    post(participant + "/try/a", xid);
                    post(participant + "/try/b", xid);
                });
            }

            public long phaseTwoCommits() {
                try {
                    return Long.parseLong(get(participant + "/commits").trim());
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }

    interface Work { void run() throws Exception; }

    static boolean global(int timeoutMs, Work tries) throws Exception {
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(timeoutMs, "bench-tcc-2-branches");
        try {
            tries.run();
        } catch (Throwable t) {
            tx.rollback();
            throw t;
        }
        tx.commit();
        return tx.getLocalStatus() == GlobalStatus.Committed;
    }

    static void post(String url, String xid) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setRequestMethod("POST");
        c.setRequestProperty(RootContext.KEY_XID, xid);
        c.setDoOutput(true);
        c.setConnectTimeout(5000);
        c.setReadTimeout(30000);
        try (OutputStream out = c.getOutputStream()) {
            out.write("{}".getBytes());
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) in.readAllBytes();
        }
        if (status != 200) throw new IllegalStateException("POST " + url + " answered " + status);
    }

    static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes());
        }
    }
}
