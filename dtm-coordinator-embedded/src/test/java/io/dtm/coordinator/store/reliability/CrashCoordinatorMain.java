package io.dtm.coordinator.store.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.protocol.TransRequest;

/**
 * A coordinator process for {@link CoordinatorCrashTests}: one replica on the given
 * MariaDB database that submits sagas {@code <prefix>0 .. <prefix>N-1} (each step an
 * action on the business service), prints {@value #SUBMITTED} and keeps processing until
 * it is killed. Arguments: jdbcUrl user password gidPrefix count steps busiBaseUrl.
 */
public final class CrashCoordinatorMain {

    static final String SUBMITTED = "ALL-SUBMITTED";

    private CrashCoordinatorMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2].equals("-") ? "" : args[2];
        String prefix = args[3];
        int count = Integer.parseInt(args[4]);
        int steps = Integer.parseInt(args[5]);
        String busi = args[6];
        Replica replica = new Replica(JdbcStoreFactory.create(JdbcDialect.MYSQL, url, user, password, 8, false),
                Replica.settings());
        for (int i = 0; i < count; i++) {
            replica.service.submit(saga(prefix + i, steps, busi));
        }
        System.out.println(SUBMITTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // until killed
    }

    static TransRequest saga(String gid, int steps, String busi) {
        List<Map<String, String>> list = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            list.add(Map.of("action", busi + "/action", "compensate", busi + "/compensate"));
            payloads.add("{\"step\":" + s + "}");
        }
        TransRequest request = new TransRequest(gid, "saga");
        request.setSteps(list);
        request.setPayloads(payloads);
        request.setWaitResult(false);
        request.setRetryInterval(1L);
        return request;
    }

}
