package io.dtm.spring.annotation.support;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.GlobalXa;
import io.dtm.spring.client.AbstractTrans;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * The options of an initiator annotation, read once per method: durations may be written
 * {@code 60s} or {@code ${my.timeout}}.
 */
record InitiatorOptions(Duration timeoutToFail, Duration retryInterval, boolean waitResult, boolean concurrent,
        List<int[]> orders, InitiatorGid gid) {

    static InitiatorOptions of(GlobalSaga saga, Method method, PropertyResolver resolver) {
        return new InitiatorOptions(duration(saga.timeoutToFail(), "timeoutToFail", method, resolver),
                duration(saga.retryInterval(), "retryInterval", method, resolver), saga.waitResult(), saga.concurrent(),
                orders(saga, method), InitiatorGid.of(GlobalSaga.class, saga.gid(), method));
    }

    static InitiatorOptions of(GlobalTcc tcc, Method method, PropertyResolver resolver) {
        return new InitiatorOptions(duration(tcc.timeoutToFail(), "timeoutToFail", method, resolver),
                duration(tcc.retryInterval(), "retryInterval", method, resolver), tcc.waitResult(), false, List.of(),
                InitiatorGid.of(GlobalTcc.class, tcc.gid(), method));
    }

    static InitiatorOptions of(GlobalXa xa, Method method, PropertyResolver resolver) {
        return new InitiatorOptions(duration(xa.timeoutToFail(), "timeoutToFail", method, resolver),
                duration(xa.retryInterval(), "retryInterval", method, resolver), xa.waitResult(), false, List.of(),
                InitiatorGid.of(GlobalXa.class, xa.gid(), method));
    }

    static InitiatorOptions of(DtmMsg msg, Method method, PropertyResolver resolver) {
        return new InitiatorOptions(duration(msg.timeoutToFail(), "timeoutToFail", method, resolver),
                duration(msg.retryInterval(), "retryInterval", method, resolver), msg.waitResult(), msg.concurrent(),
                List.of(), InitiatorGid.of(DtmMsg.class, msg.gid(), method));
    }

    /**
     * The gid of a call: from the annotation's {@code gid} expression, else a new one
     * from {@code newGid}.
     */
    String gid(Method method, Object[] arguments, Supplier<String> newGid) {
        return (this.gid != null) ? this.gid.evaluate(method, arguments) : newGid.get();
    }

    /** Whether the caller chose the gid, so that it may exist already. */
    boolean callerChosenGid() {
        return this.gid != null;
    }

    <T extends AbstractTrans<T>> T applyTo(T trans) {
        if (this.timeoutToFail != null) {
            trans.timeoutToFail(this.timeoutToFail);
        }
        if (this.retryInterval != null) {
            trans.retryInterval(this.retryInterval);
        }
        if (this.waitResult) {
            trans.waitResult();
        }
        return trans;
    }

    private static Duration duration(String value, String attribute, Method method, PropertyResolver resolver) {
        if (!StringUtils.hasText(value)) {
            return null;
        }
        String resolved = resolver.resolveRequiredPlaceholders(value).trim();
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(resolved);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException(
                    invalid(method, attribute, value) + " is not a duration: write it like 60s, 5m or PT30S", ex);
        }
        if (duration.toSeconds() < 1) {
            throw new IllegalStateException(
                    invalid(method, attribute, value) + " is below 1s: dtm counts whole seconds");
        }
        return duration;
    }

    private static List<int[]> orders(GlobalSaga saga, Method method) {
        List<int[]> orders = new ArrayList<>();
        for (String order : saga.orders()) {
            String[] parts = order.split(":");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                String[] pre = parts[1].split(",");
                int[] entry = new int[pre.length + 1];
                entry[0] = Integer.parseInt(parts[0].trim());
                for (int i = 0; i < pre.length; i++) {
                    entry[i + 1] = Integer.parseInt(pre[i].trim());
                }
                orders.add(entry);
            }
            catch (NumberFormatException ex) {
                throw new IllegalStateException(invalid(method, "orders", order)
                        + " is not a step order: write \"step:prerequisite,...\" with 0-based step numbers, e.g. \"2:0,1\"");
            }
        }
        if (!orders.isEmpty() && !saga.concurrent()) {
            throw new IllegalStateException("@GlobalSaga on " + AnnotatedMethods.describe(method)
                    + " has orders but is not concurrent: set concurrent = true or remove the orders");
        }
        return orders;
    }

    private static String invalid(Method method, String attribute, String value) {
        return "The " + attribute + " \"" + value + "\" of the annotation on " + AnnotatedMethods.describe(method);
    }

}
