package io.dtm.spring.web;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where {@link io.dtm.spring.security.CallbackSignatures} was before it moved.
 *
 * @deprecated since 0.1.0 for removal: use
 * {@link io.dtm.spring.security.CallbackSignatures}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class CallbackSignatures extends io.dtm.spring.security.CallbackSignatures {

    public CallbackSignatures(List<String> secrets, Duration tolerance, LongSupplier epochSeconds,
            int replayCacheSize) {
        super(secrets, tolerance, epochSeconds, replayCacheSize);
    }

}
