package io.dtm.protocol;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import org.jspecify.annotations.Nullable;

/**
 * The rules of a gid and the making of new ones.
 * <p>
 * A gid is 1 to {@value #MAX_LENGTH} characters (the {@code gid} column of dtm's schema)
 * without control characters or {@code ;}: dtm strips line breaks and {@code ;} from a
 * gid it receives over HTTP, so such a gid would be stored as another one.
 * <p>
 * {@link #newGid()} makes dtm's gid: a random (version 4) UUID written in shortuuid's
 * base-57 alphabet, 22 characters, as the coordinator's {@code /newGid} returns it. It
 * needs no coordination between processes: the 122 random bits come from
 * {@link java.security.SecureRandom} (seeded by the operating system, so a restarted or
 * forked process does not repeat a sequence), and by the birthday bound the chance of any
 * collision among 10<sup>12</sup> gids is below 10<sup>-13</sup>. A client can therefore
 * make its gids itself instead of asking the coordinator.
 */
public final class Gids {

    /** The longest gid the coordinator stores. */
    public static final int MAX_LENGTH = WireLimits.MAX_GID_LENGTH;

    /** shortuuid's alphabet: digits and letters without 0, 1, I, O and l. */
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** The length of a gid from {@link #newGid()}. */
    public static final int GENERATED_LENGTH = 22;

    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());

    /**
     * One generator per thread: {@link java.util.UUID#randomUUID()} draws from one
     * generator that every request thread waits for.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Gids::drbg);

    private Gids() {
    }

    /** A new gid, unique without asking anyone (see the class comment). */
    public static String newGid() {
        // the bits of a random (version 4, IETF variant) UUID
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        BigInteger value = new BigInteger(1, bytes);
        char[] out = new char[GENERATED_LENGTH];
        for (int i = GENERATED_LENGTH - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            value = qr[0];
        }
        return new String(out);
    }

    /** A gid received over HTTP as dtm takes it: without line breaks and semicolons. */
    public static @Nullable String clean(@Nullable String gid) {
        return gid == null ? null : gid.replace("\n", "").replace("\r", "").replace(";", "");
    }

    /**
     * Checks a gid chosen by the caller (e.g. from a business key) against the rules.
     * @return {@code gid}
     * @throws IllegalArgumentException naming the rule {@code gid} breaks; the message
     * does not quote the gid, which may come from a request
     */
    public static String check(String gid) {
        if (gid == null || gid.isBlank()) {
            throw new IllegalArgumentException("gid must not be empty");
        }
        if (gid.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "gid must be at most " + MAX_LENGTH + " characters, got " + gid.length());
        }
        for (int i = 0; i < gid.length(); i++) {
            char c = gid.charAt(i);
            if (Character.isISOControl(c) || c == ';') {
                throw new IllegalArgumentException("gid must not hold control characters or ';' (found at index " + i
                        + "): the coordinator strips line breaks and ';' from a gid");
            }
        }
        return gid;
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        }
        catch (NoSuchAlgorithmException ex) {
            return new SecureRandom();
        }
    }

}
