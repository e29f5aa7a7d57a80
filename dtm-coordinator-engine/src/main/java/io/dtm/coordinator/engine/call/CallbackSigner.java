package io.dtm.coordinator.engine.call;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

import io.dtm.protocol.CallbackSignature;
import org.jspecify.annotations.Nullable;

/**
 * Signs the calls the coordinator makes to branches, back-checks, workflow resumes and
 * the alert webhook, so that a participant can tell them from anyone else's: a
 * {@link CallbackSignature} with the first signing key over the method, the authority,
 * the path, the dtm parameters (gid, trans_type, branch_id, op), the query, the body and
 * the time. A participant holding several keys (rotation) knows from the key id which one
 * to check. Without keys nothing is signed, as in dtm.
 */
public class CallbackSigner {

    public static final String HEADER = CallbackSignature.HEADER;

    private final byte[] key;

    private final String keyId;

    private final LongSupplier epochSeconds;

    /**
     * @param signingKeys the first signs; the others are accepted by participants only
     * (listed for rotation)
     */
    public CallbackSigner(List<String> signingKeys, LongSupplier epochSeconds) {
        List<String> keys = signingKeys == null ? List.of()
                : signingKeys.stream().filter(k -> k != null && !k.isEmpty()).toList();
        this.key = keys.isEmpty() ? null : keys.get(0).getBytes(StandardCharsets.UTF_8);
        this.keyId = keys.isEmpty() ? "" : CallbackSignature.keyId(keys.get(0));
        this.epochSeconds = epochSeconds;
    }

    public static CallbackSigner disabled() {
        return new CallbackSigner(List.of(), () -> System.currentTimeMillis() / 1000);
    }

    public boolean isEnabled() {
        return key != null;
    }

    /**
     * The {@value #HEADER} value for a call to {@code uri}, or {@code null} when signing
     * is off.
     * @throws IllegalArgumentException if the URI's query repeats a dtm parameter: such a
     * call is not signed, and must not be made
     */
    public @Nullable String sign(String method, URI uri, byte[] body) {
        if (key == null) {
            return null;
        }
        return CallbackSignature
            .sign(key, keyId, epochSeconds.getAsLong(), CallbackSignature.Call.of(method, uri, body))
            .toString();
    }

    /** The id of a key: the first 8 hex digits of its SHA-256. */
    public static String keyId(String key) {
        return CallbackSignature.keyId(key);
    }

}
