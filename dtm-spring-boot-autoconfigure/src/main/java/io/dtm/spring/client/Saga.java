package io.dtm.spring.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtm.protocol.TransType;

import org.springframework.util.Assert;

/**
 * A saga: steps of an action and its compensation, run by the coordinator after
 * {@link #submit()}.
 */
public class Saga extends AbstractTrans<Saga> {

    private final Map<String, List<Integer>> orders = new LinkedHashMap<>();

    private boolean concurrent;

    Saga(DtmClient client, String gid) {
        super(client, gid, TransType.SAGA);
    }

    /**
     * Adds a step; {@code payload} is sent as JSON to both URLs (a {@code byte[]} is sent
     * as is). An empty URL counts as an instant success.
     */
    public Saga add(String action, String compensate, Object payload) {
        Map<String, String> step = new LinkedHashMap<>();
        step.put("action", (action != null) ? action : "");
        step.put("compensate", (compensate != null) ? compensate : "");
        this.request.addStep(step, this.client.toJson(payload));
        return this;
    }

    /**
     * Step {@code branch} (0-based) may start only after {@code preBranches} succeeded;
     * for concurrent sagas.
     */
    public Saga addBranchOrder(int branch, int... preBranches) {
        int steps = stepCount();
        Assert.isTrue(branch >= 0 && branch < steps, "no step " + branch + " (the saga has " + steps + ")");
        List<Integer> pre = this.orders.computeIfAbsent(Integer.toString(branch), (key) -> new ArrayList<>());
        for (int preBranch : preBranches) {
            Assert.isTrue(preBranch >= 0 && preBranch < steps,
                    "no step " + preBranch + " (the saga has " + steps + ")");
            pre.add(preBranch);
        }
        return this;
    }

    public Saga enableConcurrent() {
        this.concurrent = true;
        return this;
    }

    public void submit() {
        Assert.state(stepCount() > 0, "a saga needs at least one step");
        if (this.concurrent) {
            Map<String, Object> custom = new LinkedHashMap<>();
            custom.put("orders", this.orders);
            custom.put("concurrent", true);
            this.request.setCustomData(this.client.toJson(custom));
        }
        else {
            Assert.state(this.orders.isEmpty(), "addBranchOrder needs enableConcurrent()");
        }
        this.client.submit(this.request);
    }

    private int stepCount() {
        return (this.request.getSteps() != null) ? this.request.getSteps().size() : 0;
    }

}
