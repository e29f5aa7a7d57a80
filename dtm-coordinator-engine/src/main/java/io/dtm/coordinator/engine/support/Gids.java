package io.dtm.coordinator.engine.support;

/**
 * dtm's gids.
 *
 * @deprecated since 0.1.0 for removal: gids are part of the protocol, use
 * {@link io.dtm.protocol.Gids}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class Gids {

    private Gids() {
    }

    /** See {@link io.dtm.protocol.Gids#newGid()}. */
    public static String newGid() {
        return io.dtm.protocol.Gids.newGid();
    }

    /** See {@link io.dtm.protocol.Gids#clean(String)}. */
    public static String clean(String gid) {
        return io.dtm.protocol.Gids.clean(gid);
    }

}
