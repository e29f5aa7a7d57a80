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
        Map<String, Object> copy = TransJson.readObject(TransJson.write(transaction));
        TransOptions options = TransOptions.fromJson(transaction.getOptions().toJson());
        Map<String, String> masked = new LinkedHashMap<>();
        options.getBranchHeaders().keySet().forEach(name -> masked.put(name, MASK));
        options.setBranchHeaders(masked);
        copy.put("options", options.toJson());
        return copy;
    }

}
