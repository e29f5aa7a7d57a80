package io.dtm.coordinator.engine.mode;

/** dtm's two-digit, one-based branch ids: step 0 is {@code 01}. */
final class BranchIds {

    private BranchIds() {
    }

    static String ofStep(int step) {
        return String.format("%02d", step + 1);
    }

}
