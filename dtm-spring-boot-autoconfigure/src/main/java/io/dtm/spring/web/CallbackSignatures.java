package io.dtm.spring.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.dtm.spring.client.BranchCallSigner;

/**
 * Checks the coordinator's signature on a call
 * ({@code Dtm-Signature: t=<unix seconds>,kid=<key id>,nonce=<random>,
 * v1=<hex>}, HMAC-SHA256 over
 * {@code "v1\n" + t + "\n" + nonce + "\n" + METHOD + "\n" + raw path + "\n" + raw query +
 * "\n" + body}), and signs this service's own calls to branches the same way. Every
 * configured secret is accepted (rotation); the first signs. A call is refused when it is
 * unsigned, signed with an unknown key, older or newer than the tolerance, already seen
 * within the tolerance (replay), or when its method, path, query or body differ from what
 * was signed.
 */
public class CallbackSignatures implements BranchCallSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> secretsById = new LinkedHashMap<>();

    private final String signingKeyId;

    private final Duration tolerance;

    private final LongSupplier epochSeconds;

    private final ReplayCache replays;

    public CallbackSignatures(List<String> secrets, Duration tolerance, LongSupplier epochSeconds,
            int replayCacheSize) {
        for (String secret : (secrets != null) ? secrets : List.<String>of()) {
            if (secret != null && !secret.isEmpty()) {
                this.secretsById.putIfAbsent(keyId(secret), secret.getBytes(StandardCharsets.UTF_8));
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
    public String sign(String method, String rawPath, String rawQuery, byte[] body) {
        if (this.signingKeyId == null) {
            return null;
        }
        long t = this.epochSeconds.getAsLong();
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String nonceHex = HexFormat.of().formatHex(nonce);
        return "t=" + t + ",kid=" + this.signingKeyId + ",nonce=" + nonceHex + ",v1="
                + signature(this.secretsById.get(this.signingKeyId), t, nonceHex, method, rawPath, rawQuery, body);
    }

    /**
     * Checks a received call; a valid one is remembered, so the same signature is refused
     * if it comes again.
     * @param header the {@value #HEADER} header, {@code null} when absent
     */
    public Verification verify(String method, String rawPath, String rawQuery, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verification.refused("the call is not signed: a " + HEADER + " header is required");
        }
        Map<String, String> fields = parse(header);
        String t = fields.get("t");
        String kid = fields.get("kid");
        String nonce = fields.getOrDefault("nonce", "");
        String v1 = fields.get("v1");
        if (t == null || v1 == null || kid == null || !t.matches("\\d{1,12}") || nonce.length() > 64) {
            return Verification.refused("the " + HEADER + " header is malformed: t=<unix seconds>,kid=<key id>,"
                    + "nonce=<random>,v1=<hex>");
        }
        byte[] secret = this.secretsById.get(kid);
        if (secret == null) {
            return Verification.refused("the call is signed with a key this service does not have (kid " + safe(kid)
                    + "); add the coordinator's key to dtm.callback.secrets");
        }
        long timestamp = Long.parseLong(t);
        long now = this.epochSeconds.getAsLong();
        if (Math.abs(now - timestamp) > this.tolerance.toSeconds()) {
            return Verification.refused("the signature is " + (now - timestamp) + "s old; at most "
                    + this.tolerance.toSeconds() + "s are accepted (check the clocks)");
        }
        String expected = signature(secret, timestamp, nonce, method, rawPath, rawQuery, body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                v1.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return Verification.refused("the signature does not match the call's method, path, query and body");
        }
        if (!this.replays.firstSeen(kid + ":" + v1.toLowerCase(), (timestamp + this.tolerance.toSeconds()) * 1000,
                now * 1000)) {
            return Verification.refused("this signed call was already received (replay)");
        }
        return Verification.VALID;
    }

    static String signature(byte[] key, long t, String nonce, String method, String rawPath, String rawQuery,
            byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String head = "v1\n" + t + "\n" + nonce + "\n" + method + "\n"
                    + ((rawPath == null || rawPath.isEmpty()) ? "/" : rawPath) + "\n"
                    + ((rawQuery != null) ? rawQuery : "") + "\n";
            mac.update(head.getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                mac.update(body);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /**
     * The id of a secret: the first 8 hex digits of its SHA-256, as the coordinator
     * computes it.
     */
    static String keyId(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static Map<String, String> parse(String header) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return fields;
    }

    private static String safe(String text) {
        return LogText.prefix(text, 16);
    }

    /** The outcome of a check: valid, or refused with the reason. */
    public record Verification(boolean valid, String reason) {

        static final Verification VALID = new Verification(true, "");

        public static Verification refused(String reason) {
            return new Verification(false, reason);
        }

    }

}
