package io.dtm.bench;

/**
 * Fills the coordinator's store with copies of a transaction the coordinator itself
 * wrote: every row or key of the template, its gid replaced, so the copies are shaped
 * exactly as the store writes them. A due copy is the template as it was before its pass.
 */
interface StorePreload extends AutoCloseable {

    /** Whether the transaction {@code gid} is in the store. */
    boolean exists(String gid);

    /**
     * Writes {@code count} copies of {@code template}, gids {@code prefix + 0 ...},
     * finished as the template is, or {@code due}: submitted, with prepared branches, due
     * since the template was created.
     */
    void copy(String template, String prefix, int count, boolean due);

    @Override
    void close();

    static StorePreload forStore(StoreConnections c) {
        return "redis".equals(c.storeType())
                ? new RedisPreload(c.storeUrl(), System.getProperty("bench.redis.prefix", "{a}")) : new JdbcPreload(c);
    }

}
