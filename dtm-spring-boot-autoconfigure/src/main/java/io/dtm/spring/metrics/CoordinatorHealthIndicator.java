package io.dtm.spring.metrics;

import java.util.function.Supplier;

import io.dtm.spring.client.DtmHttp;

/**
 * Where {@link io.dtm.spring.health.CoordinatorHealthIndicator} was before it moved.
 *
 * @deprecated since 0.1.0 for removal: use
 * {@link io.dtm.spring.health.CoordinatorHealthIndicator}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class CoordinatorHealthIndicator extends io.dtm.spring.health.CoordinatorHealthIndicator {

    public CoordinatorHealthIndicator(DtmHttp http, Supplier<String> server) {
        super(http, server);
    }

}
