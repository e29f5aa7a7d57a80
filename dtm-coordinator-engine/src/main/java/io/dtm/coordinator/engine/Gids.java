package io.dtm.coordinator.engine;

import java.math.BigInteger;
import java.util.UUID;

/** dtm's gids: a random UUID in shortuuid's base-57 alphabet, 22 characters. */
public final class Gids {

    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());

    private static final int LENGTH = 22;

    private Gids() {
    }

    public static String newGid() {
        UUID uuid = UUID.randomUUID();
        BigInteger value = new BigInteger(1, toBytes(uuid));
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

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return bytes;
    }

}
