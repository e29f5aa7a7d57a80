package io.dtm.coordinator.engine;

/**
 * A service named by a branch URL has no instance to call now.
 *
 * @deprecated since 0.1.0 for removal in favor of
 * {@link io.dtm.coordinator.engine.call.NoServiceInstanceException}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class NoServiceInstanceException extends io.dtm.coordinator.engine.call.NoServiceInstanceException {

    public NoServiceInstanceException(String service) {
        super(service);
    }

}
