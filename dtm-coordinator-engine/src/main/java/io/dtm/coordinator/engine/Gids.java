package io.dtm.coordinator.engine;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/** dtm's gids: a random UUID in shortuuid's base-57 alphabet, 22 characters. */
public final class Gids {

    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());

    private static final int LENGTH = 22;

    /**
     * One generator per thread: {@link UUID#randomUUID()} draws from one generator that
     * every request thread waits for (gids and the lease token of every submit).
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Gids::drbg);

    private Gids() {
    }

    /** The bits of a random (version 4, IETF variant) UUID, as dtm's gids are. */
    public static String newGid() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        BigInteger value = new BigInteger(1, bytes);
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            value = qr[0];
        }
        return new String(out);
    }

    /** A gid received over HTTP as dtm takes it: without line breaks and semicolons. */
    public static String clean(String gid) {
        return gid == null ? null : gid.replace("\n", "").replace("\r", "").replace(";", "");
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
