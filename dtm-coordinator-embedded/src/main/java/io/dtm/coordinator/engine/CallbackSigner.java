package io.dtm.coordinator.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the calls the coordinator makes to branches, back-checks and workflow resumes, so
 * that a participant can tell them from anyone else's:
 * {@code Dtm-Signature: t=<unix seconds>,kid=<key id>,nonce=<random>,v1=<hex>}, the
 * HMAC-SHA256 with the first signing key over <pre>
 * "v1\n" + t + "\n" + nonce + "\n" + METHOD + "\n" + raw path + "\n" + raw query + "\n" + body bytes
 * </pre> The key id is the first 8 hex digits of the key's SHA-256, so a participant
 * holding several keys (rotation) knows which one to check without the ids being
 * configured. Without keys nothing is signed, as in dtm.
 */
public class CallbackSigner {

    public static final String HEADER = "Dtm-Signature";

    private static final SecureRandom RANDOM = new SecureRandom();

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
        this.keyId = keys.isEmpty() ? "" : keyId(keys.get(0));
        this.epochSeconds = epochSeconds;
    }

    public static CallbackSigner disabled() {
        return new CallbackSigner(List.of(), () -> System.currentTimeMillis() / 1000);
    }

    public boolean isEnabled() {
        return key != null;
    }

    /** The {@value #HEADER} value for a call, or {@code null} when signing is off. */
    public String sign(String method, String rawPath, String rawQuery, byte[] body) {
        if (key == null) {
            return null;
        }
        long t = epochSeconds.getAsLong();
        byte[] nonceBytes = new byte[12];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        return "t=" + t + ",kid=" + keyId + ",nonce=" + nonce + ",v1="
                + signature(key, t, nonce, method, rawPath, rawQuery, body);
    }

    /** The hex HMAC of one call; the participant side computes the same. */
    static String signature(byte[] key, long t, String nonce, String method, String rawPath, String rawQuery,
            byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String head = "v1\n" + t + "\n" + nonce + "\n" + method + "\n"
                    + (rawPath == null || rawPath.isEmpty() ? "/" : rawPath) + "\n" + (rawQuery == null ? "" : rawQuery)
                    + "\n";
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

    /** The id of a key: the first 8 hex digits of its SHA-256. */
    public static String keyId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

}
