package io.dtm.coordinator.auth;

/**
 * The coordinator's authentication settings cannot work; thrown at startup and explained
 * by a failure analyzer.
 */
public class DtmAuthConfigurationException extends RuntimeException {

    private final String fix;

    public DtmAuthConfigurationException(String problem, String fix) {
        super(problem);
        this.fix = fix;
    }

    /** What to change in the configuration. */
    public String fix() {
        return fix;
    }

}
