package io.dtm.coordinator.store;

import org.jspecify.annotations.Nullable;

/**
 * The coordinator's store cannot be used: its settings are incomplete, its driver is
 * missing, or it cannot be reached. Thrown at startup and explained by a failure
 * analyzer.
 */
public class CoordinatorStoreException extends IllegalStateException {

    private final String problem;

    private final String fix;

    public CoordinatorStoreException(String problem, String fix) {
        this(problem, fix, null);
    }

    public CoordinatorStoreException(String problem, String fix, @Nullable Throwable cause) {
        super(problem + " " + fix, cause);
        this.problem = problem;
        this.fix = fix;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** What to change. */
    public String fix() {
        return fix;
    }

}
