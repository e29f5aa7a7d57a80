package io.dtm.spring.client;

import io.dtm.protocol.Gids;

/**
 * What a gid chosen by the caller (e.g. from a business key) must be for the coordinator
 * to store it as sent.
 *
 * @deprecated since 0.1.0 for removal: the rules are part of the protocol, use
 * {@link Gids#check(String)} and {@link Gids#MAX_LENGTH}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class GidRules {

    /** The longest gid the coordinator stores. */
    public static final int MAX_LENGTH = Gids.MAX_LENGTH;

    private GidRules() {
    }

    /** See {@link Gids#check(String)}. */
    public static String check(String gid) {
        return Gids.check(gid);
    }

}
