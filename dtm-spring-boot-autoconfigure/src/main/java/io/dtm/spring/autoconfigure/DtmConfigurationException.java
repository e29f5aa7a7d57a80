package io.dtm.spring.autoconfigure;

/**
 * A {@code dtm.*} setting cannot work with this application; thrown at startup and
 * explained by a failure analyzer.
 */
class DtmConfigurationException extends IllegalStateException {

    private final String problem;

    private final String fix;

    public DtmConfigurationException(String problem, String fix) {
        this(problem, fix, null);
    }

    public DtmConfigurationException(String problem, String fix, Throwable cause) {
        super(problem + " " + fix, cause);
        this.problem = problem;
        this.fix = fix;
    }

    /** What is wrong. */
    public String problem() {
        return this.problem;
    }

    /** What to change. */
    public String fix() {
        return this.fix;
    }

}
