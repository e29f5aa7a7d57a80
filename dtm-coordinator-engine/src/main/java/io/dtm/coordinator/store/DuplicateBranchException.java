package io.dtm.coordinator.store;

/** A branch with the same (gid, branch_id, op) is already stored. */
public class DuplicateBranchException extends RuntimeException {

    public DuplicateBranchException(String message) {
        super(message);
    }

}
