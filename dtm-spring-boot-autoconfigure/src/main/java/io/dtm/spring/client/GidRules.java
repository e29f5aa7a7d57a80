package io.dtm.spring.client;

/**
 * What a gid chosen by the caller (e.g. from a business key) must be for the coordinator
 * to store it as sent: 1 to 128 characters (the {@code gid} column of dtm's schema), no
 * control characters and no {@code ;} (dtm strips line breaks and {@code ;} from a gid it
 * receives over HTTP, so such a gid would be stored as another one).
 */
public final class GidRules {

    /** The longest gid the coordinator stores. */
    public static final int MAX_LENGTH = 128;

    private GidRules() {
    }

    /**
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

}
