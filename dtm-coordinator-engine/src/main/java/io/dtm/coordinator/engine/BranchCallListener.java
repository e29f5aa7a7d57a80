package io.dtm.coordinator.engine;

/**
 * Told about every branch call.
 *
 * @deprecated since 0.1.0 for removal in favor of
 * {@link io.dtm.coordinator.engine.call.BranchCallListener}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public interface BranchCallListener extends io.dtm.coordinator.engine.call.BranchCallListener {

}
