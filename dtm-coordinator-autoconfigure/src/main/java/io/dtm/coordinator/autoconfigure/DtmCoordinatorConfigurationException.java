package io.dtm.coordinator.autoconfigure;

/**
 * A {@code dtm.coordinator.*} setting cannot work; thrown at startup and explained by a
 * failure analyzer.
 */
public class DtmCoordinatorConfigurationException extends IllegalStateException {

    private final String problem;

    private final String fix;

    public DtmCoordinatorConfigurationException(String problem, String fix) {
        this(problem, fix, null);
    }

    public DtmCoordinatorConfigurationException(String problem, String fix, Throwable cause) {
        super(problem + " " + fix, cause);
        this.problem = problem;
        this.fix = fix;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** What to change in the configuration. */
    public String fix() {
        return fix;
    }

}
