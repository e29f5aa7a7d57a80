package io.dtm.bench;

import java.util.function.IntConsumer;

/**
 * The measured operations, each one global transaction (or its direct-call equivalent),
 * shaped like dtm's bench: 2 branches, TransOut then TransIn, {@code wait_result} so that
 * each operation ends when the transaction has.
 */
class BenchCases {

    private final LoadDriver driver;

    private final BusiDatabase busi;

    private final String dtm;

    private final String bench;

    private final AnnotatedInitiator initiator;

    /**
     * @param dtm the coordinator's API, e.g. {@code http://127.0.0.1:36789/api/dtmsvr}
     * @param port the bench service's port
     */
    BenchCases(LoadDriver driver, BusiDatabase busi, String dtm, int port, AnnotatedInitiator initiator) {
        this.driver = driver;
        this.busi = busi;
        this.dtm = dtm;
        this.bench = "http://127.0.0.1:" + port + "/api/busi_bench";
        this.initiator = initiator;
    }

    /**
     * Returns the operation for a case name such as {@code saga2}, {@code direct10},
     * {@code tcc2}, {@code floor}. {@code atccN} and {@code asagaN} call the
     * {@link AnnotatedInitiator} bean: the starter is the initiator.
     */
    IntConsumer operation(String name, StorageFloor floor) {
        if (name.equals("empty")) {
            return w -> empty(LoadDriver.newGid());
        }
        if (name.equals("floor")) {
            return w -> floor.oneTransaction();
        }
        if (name.startsWith("steps")) {
            int steps = Integer.parseInt(name.substring("steps".length()));
            return w -> steps(steps);
        }
        int sqls = Integer.parseInt(name.replaceAll("\\D", ""));
        String kind = name.replaceAll("\\d", "");
        return switch (kind) {
            case "direct" -> w -> direct(sqls);
            case "saga" -> w -> saga(sqls, false);
            case "sagab" -> w -> saga(sqls, true);
            case "tcc" -> w -> tcc(sqls);
            case "msg" -> w -> msg(sqls);
            case "atcc" -> w -> this.initiator.tcc(this.busi.randomUser(), this.busi.randomUser(), sqls);
            case "asaga" -> w -> this.initiator.saga(this.busi.randomUser(), this.busi.randomUser(), sqls);
            default -> throw new IllegalArgumentException("unknown bench case " + name
                    + ": use directN, sagaN, sagabN (with the barrier), tccN, msgN, stepsN, atccN, asagaN (the "
                    + "starter's annotations), empty or floor");
        };
    }

    /** A 2-step saga whose branch URLs are empty, under {@code gid}. */
    void empty(String gid) {
        driver.post(dtm + "/submit",
                "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\","
                        + "\"wait_result\":true,\"steps\":[{\"action\":\"\",\"compensate\":\"\"},{\"action\":\"\","
                        + "\"compensate\":\"\"}],\"payloads\":[\"{}\",\"{}\"]}");
    }

    /**
     * A saga of {@code steps} steps, each calling the bench service with no statement, to
     * tell how the store work grows with the steps.
     */
    private void steps(int steps) {
        StringBuilder stepList = new StringBuilder();
        StringBuilder payloads = new StringBuilder();
        for (int i = 0; i < steps; i++) {
            String route = i % 2 == 0 ? "TransOut" : "TransIn";
            int user = busi.randomUser();
            stepList.append(i == 0 ? "" : ",")
                .append("{\"action\":\"")
                .append(url(route, user, 0))
                .append("\",\"compensate\":\"")
                .append(url(route + "Com", user, 0))
                .append("\"}");
            payloads.append(i == 0 ? "" : ",").append("\"{\\\"amount\\\":30}\"");
        }
        driver.post(dtm + "/submit", "{\"gid\":\"" + LoadDriver.newGid() + "\",\"trans_type\":\"saga\","
                + "\"wait_result\":true,\"steps\":[" + stepList + "],\"payloads\":[" + payloads + "]}");
    }

    private String url(String route, int user, int sqls) {
        return bench + "/" + route + "?uid=" + user + "&sqls=" + sqls;
    }

    private void direct(int sqls) {
        int user = busi.randomUser();
        driver.post(url("TransOut", user, sqls), "{\"amount\":30}");
        driver.post(url("TransIn", busi.randomUser(), sqls), "{\"amount\":30}");
    }

    private void saga(int sqls, boolean withBarrier) {
        saga(LoadDriver.newGid(), sqls, withBarrier);
    }

    /** A 2-step saga, as {@code sagaN}, under {@code gid}. */
    void saga(String gid, int sqls, boolean withBarrier) {
        int out = busi.randomUser();
        int in = busi.randomUser();
        String b = withBarrier ? "&barrier=true" : "";
        driver.post(dtm + "/submit",
                "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\"," + "\"wait_result\":true,\"steps\":[{\"action\":\""
                        + url("TransOut", out, sqls) + b + "\",\"compensate\":\"" + url("TransOutCom", out, sqls) + b
                        + "\"},{\"action\":\"" + url("TransIn", in, sqls) + b + "\",\"compensate\":\""
                        + url("TransInCom", in, sqls) + b + "\"}],"
                        + "\"payloads\":[\"{\\\"amount\\\":30}\",\"{\\\"amount\\\":30}\"]}");
    }

    /**
     * The initiator's side of TCC: prepare, register + try each branch, submit (confirm)
     * and wait.
     */
    private void tcc(int sqls) {
        String gid = LoadDriver.newGid();
        driver.post(dtm + "/prepare", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\"}");
        String[][] branches = { { "01", "TransOut" }, { "02", "TransIn" } };
        for (String[] b : branches) {
            int user = busi.randomUser();
            driver.post(dtm + "/registerBranch",
                    "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\",\"branch_id\":\"" + b[0]
                            + "\",\"data\":\"{\\\"amount\\\":30}\",\"confirm\":\"" + url(b[1] + "Confirm", user, 0)
                            + "\",\"cancel\":\"" + url(b[1] + "Com", user, sqls) + "\"}");
            driver.post(url(b[1], user, sqls) + "&gid=" + gid + "&branch_id=" + b[0] + "&op=try", "{\"amount\":30}");
        }
        driver.post(dtm + "/submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\",\"wait_result\":true}");
    }

    /**
     * A 2-step message: prepare, the initiator's local work, submit, and wait for both
     * steps.
     */
    private void msg(int sqls) {
        String gid = LoadDriver.newGid();
        String body = "{\"gid\":\"" + gid + "\",\"trans_type\":\"msg\",\"wait_result\":true,\"query_prepared\":\""
                + bench + "/QueryPrepared\",\"steps\":[{\"action\":\"" + url("TransOut", busi.randomUser(), sqls)
                + "\"},{\"action\":\"" + url("TransIn", busi.randomUser(), sqls) + "\"}],"
                + "\"payloads\":[\"{\\\"amount\\\":30}\",\"{\\\"amount\\\":30}\"]}";
        driver.post(dtm + "/prepare", body);
        driver.post(dtm + "/submit", body);
    }

}
