package io.dtm.spring.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.dtm.protocol.CallbackSignature;
import io.dtm.protocol.CallbackSignature.Call;
import io.dtm.protocol.CallbackSignature.Header;
import io.dtm.spring.support.LogText;
import org.jspecify.annotations.Nullable;

/**
 * Checks the coordinator's signature on a call ({@link CallbackSignature}: method,
 * authority, path, dtm parameters, query, body and time), and signs this service's own
 * calls to branches the same way. Every configured secret is accepted (rotation); the
 * first signs. A call is refused when it is unsigned or signed with an older scheme,
 * signed with an unknown key, older or newer than the tolerance, already seen within the
 * tolerance (replay), when its query repeats a dtm parameter, or when its method,
 * {@code Host}, path, query or body differ from what was signed.
 */
public class CallbackSignatures implements BranchCallSigner {

    private final Map<String, byte[]> secretsById = new LinkedHashMap<>();

    private final String signingKeyId;

    private final Duration tolerance;

    private final LongSupplier epochSeconds;

    private final ReplayCache replays;

    public CallbackSignatures(List<String> secrets, Duration tolerance, LongSupplier epochSeconds,
            int replayCacheSize) {
        for (String secret : (secrets != null) ? secrets : List.<String>of()) {
            if (secret != null && !secret.isEmpty()) {
                this.secretsById.putIfAbsent(CallbackSignature.keyId(secret), secret.getBytes(StandardCharsets.UTF_8));
            }
        }
        this.signingKeyId = this.secretsById.isEmpty() ? null : this.secretsById.keySet().iterator().next();
        this.tolerance = tolerance;
        this.epochSeconds = epochSeconds;
        this.replays = new ReplayCache(replayCacheSize);
    }

    public static CallbackSignatures of(List<String> secrets) {
        return new CallbackSignatures(secrets, Duration.ofMinutes(5), () -> System.currentTimeMillis() / 1000, 100_000);
    }

    /** Whether a secret is configured: only then are calls signed and checked. */
    @Override
    public boolean isEnabled() {
        return this.signingKeyId != null;
    }

    /**
     * The {@value #HEADER} value for a call this service makes, or {@code null} without a
     * secret.
     */
    @Override
    public @Nullable String sign(String method, URI uri, byte[] body) {
        if (this.signingKeyId == null) {
            return null;
        }
        return CallbackSignature
            .sign(this.secretsById.get(this.signingKeyId), this.signingKeyId, this.epochSeconds.getAsLong(),
                    Call.of(method, uri, body))
            .toString();
    }

    /**
     * Checks a received call; a valid one is remembered, so the same signature is refused
     * if it comes again.
     * @param host the request's {@code Host} header
     * @param header the {@value #HEADER} header, {@code null} when absent
     */
    public Verification verify(String method, String host, String rawPath, String rawQuery, byte[] body,
            String header) {
        if (header == null || header.isBlank()) {
            return Verification.refused("the call is not signed: a " + HEADER + " header is required");
        }
        Header signature = CallbackSignature.parse(header);
        if (signature == null) {
            if (CallbackSignature.isOlderScheme(header)) {
                return Verification.refused("the call is signed with the v1 scheme, which this service no longer "
                        + "accepts: the coordinator must sign with " + CallbackSignature.VERSION);
            }
            return Verification.refused("the " + HEADER + " header is malformed: t=<unix seconds>,kid=<key id>,"
                    + "nonce=<hex>," + CallbackSignature.VERSION + "=<hex>");
        }
        byte[] secret = this.secretsById.get(signature.kid());
        if (secret == null) {
            return Verification.refused("the call is signed with a key this service does not have (kid "
                    + safe(signature.kid()) + "); add the coordinator's key to dtm.callback.secrets");
        }
        long now = this.epochSeconds.getAsLong();
        if (Math.abs(now - signature.t()) > this.tolerance.toSeconds()) {
            return Verification.refused("the signature is " + (now - signature.t()) + "s old; at most "
                    + this.tolerance.toSeconds() + "s are accepted (check the clocks)");
        }
        if (host == null || host.isBlank()) {
            return Verification.refused("the call has no Host header, which the signature covers");
        }
        try {
            CallbackSignature.dtmParameters(rawQuery);
        }
        catch (IllegalArgumentException ex) {
            return Verification.refused("the call's query is not one the coordinator signs: " + safe(ex.getMessage()));
        }
        if (!CallbackSignature.matches(secret, signature, new Call(method, host, rawPath, rawQuery, body))) {
            return Verification.refused("the signature does not match the call's method, host, path, query and body");
        }
        if (!this.replays.firstSeen(signature.kid() + ":" + signature.mac().toLowerCase(),
                (signature.t() + this.tolerance.toSeconds()) * 1000, now * 1000)) {
            return Verification.refused("this signed call was already received (replay)");
        }
        return Verification.VALID;
    }

    private static String safe(String text) {
        return LogText.prefix(text, 64);
    }

    /** The outcome of a check: valid, or refused with the reason. */
    public record Verification(boolean valid, String reason) {

        static final Verification VALID = new Verification(true, "");

        public static Verification refused(String reason) {
            return new Verification(false, reason);
        }

    }

}
