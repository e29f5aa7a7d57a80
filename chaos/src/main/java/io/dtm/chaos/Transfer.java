package io.dtm.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One saga's payload and its fault plan, drawn from the seeded RNG. The bank reads the
 * plan from the payload; the verifier gets the same records from the driver.
 *
 * @param refuse {@code TransOut} or {@code TransIn}: that action refuses inside the
 * barrier (409 FAILURE, the saga compensates); empty: no refusal
 * @param fault {@link #NONE}, {@link #ERROR_BEFORE_COMMIT}, {@link #ERROR_AFTER_COMMIT}
 * or {@link #SLOW_AFTER_COMMIT}, injected once on the first call of handler
 * {@code faultOn}
 * @param slowMs how long a slow reply sleeps after its commit (longer than the
 * coordinators' request timeout)
 * @param laggy handlers that, on every call, reply {@code lagMs} after their commit:
 * late, but within the request timeout. The branch is applied while the coordinator has
 * not yet heard of it, a window in which a kill or another replica's pass sees the branch
 * as not run
 * @param retryInterval the saga's {@code retry_interval} in seconds, one of
 * {@code --retry-intervals}: it is also how long the coordinator that received the submit
 * holds the transaction before another replica's poller may take it over, so short ones
 * make passes overlap and long ones make a replica's crash be recovered after
 * {@code timeout_to_fail}
 */
record Transfer(String gid, int from, int to, long amount, String refuse, String fault, String faultOn, long slowMs,
        List<String> laggy, long lagMs, int retryInterval) {

    static final String NONE = "none";

    /** 500 after the update, inside the local transaction: nothing is applied. */
    static final String ERROR_BEFORE_COMMIT = "error-before-commit";

    /** The local transaction commits, then 500: applied, reply lost. */
    static final String ERROR_AFTER_COMMIT = "error-after-commit";

    /**
     * The local transaction commits, then 200 after the coordinator has given up on the
     * call.
     */
    static final String SLOW_AFTER_COMMIT = "slow-after-commit";

    static final List<String> HANDLERS = List.of("TransOut", "TransOutRevert", "TransIn", "TransInRevert");

    static List<Transfer> plan(ChaosSettings s) {
        Random rnd = new Random(s.seed());
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 1; i <= s.transfers(); i++) {
            int from = 1 + rnd.nextInt(s.accounts());
            int to = 1 + rnd.nextInt(s.accounts() - 1);
            if (to >= from) {
                to++;
            }
            long amount = 1 + rnd.nextInt(100);
            double r = rnd.nextDouble();
            String refuse = r < 0.12 ? "TransIn" : r < 0.17 ? "TransOut" : "";
            // handlers whose business runs in this plan (a refused action's compensation
            // is empty, never called)
            List<String> targets = switch (refuse) {
                case "TransIn" -> List.of("TransOut", "TransOutRevert");
                case "TransOut" -> List.of();
                default -> List.of("TransOut", "TransIn");
            };
            String fault = NONE;
            String faultOn = "";
            if (!targets.isEmpty()) {
                double f = rnd.nextDouble();
                fault = f < 0.35 ? NONE
                        : f < 0.50 ? ERROR_BEFORE_COMMIT : f < 0.70 ? ERROR_AFTER_COMMIT : SLOW_AFTER_COMMIT;
                faultOn = fault.equals(NONE) ? "" : targets.get(rnd.nextInt(targets.size()));
            }
            long slowMs = s.requestTimeout().toMillis() + 300 + rnd.nextInt(1200);
            List<String> laggy = new ArrayList<>();
            for (String handler : HANDLERS) {
                if (rnd.nextDouble() < 0.25) {
                    laggy.add(handler);
                }
            }
            long lagMs = Math.round(s.requestTimeout().toMillis() * (0.5 + 0.4 * rnd.nextDouble()));
            transfers.add(new Transfer(String.format("chaos-%d-%05d", s.seed(), i), from, to, amount, refuse, fault,
                    faultOn, slowMs, List.copyOf(laggy), lagMs,
                    s.retryIntervals().get(rnd.nextInt(s.retryIntervals().size()))));
        }
        return transfers;
    }

    String describe() {
        String plan = refuse.isEmpty() ? "succeed" : refuse + " refuses";
        if (!fault.equals(NONE)) {
            plan += ", " + fault + " on " + faultOn + (fault.equals(SLOW_AFTER_COMMIT) ? " (" + slowMs + " ms)" : "");
        }
        if (!laggy.isEmpty()) {
            plan += ", " + String.join("/", laggy) + " lag " + lagMs + " ms";
        }
        return "#" + from + " -> #" + to + " amount " + amount + ", retry_interval " + retryInterval + "s: " + plan;
    }
}
