package io.dtm.coordinator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransOptions;

/**
 * A transaction as a caller that may only read it sees it: the values of its
 * {@code branch_headers} (the credentials its branches are called with, typically)
 * replaced by {@code ****}, the names kept.
 */
final class BranchHeaderMask {

    static final String MASK = "****";

    private BranchHeaderMask() {
    }

    /** {@code transaction} itself when nothing is to be hidden, else a masked copy. */
    static Object apply(TransGlobal transaction, boolean seesValues) {
        if (seesValues || transaction == null || transaction.getOptions() == null
                || transaction.getOptions().getBranchHeaders().isEmpty()) {
            return transaction;
        }
        Map<String, String> masked = new LinkedHashMap<>();
        transaction.getOptions().getBranchHeaders().keySet().forEach(name -> masked.put(name, MASK));
        TransOptions options = TransOptions.fromJson(transaction.getOptions().toJson());
        options.setBranchHeaders(masked);
        // the reply carries the options twice, as dtm's: the options column's text and
        // its
        // fields inline
        Map<String, Object> copy = TransJson.readObject(TransJson.write(transaction));
        copy.put("options", options.toJson());
        if (copy.containsKey("branch_headers")) {
            copy.put("branch_headers", masked);
        }
        return copy;
    }

}
