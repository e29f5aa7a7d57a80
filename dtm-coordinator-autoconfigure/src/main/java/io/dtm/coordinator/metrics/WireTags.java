package io.dtm.coordinator.metrics;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransType;

/**
 * Tag values from wire words, limited to the words dtm defines so that a client cannot
 * grow the series.
 */
final class WireTags {

    static final String OTHER = "other";

    private WireTags() {
    }

    static String model(String transType) {
        return TransType.find(transType).map(TransType::wireName).orElse(OTHER);
    }

    static String model(TransType transType) {
        return (transType != null) ? transType.wireName() : OTHER;
    }

    static String op(String op) {
        return BranchOp.find(op).map(BranchOp::wireName).orElse(OTHER);
    }

}
