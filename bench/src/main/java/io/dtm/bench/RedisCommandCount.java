package io.dtm.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Round trips the Redis store made, from the server's command statistics: its mutations
 * are one script call each (EVALSHA, or EVAL the first time), reads are single commands.
 * Commands run inside scripts are not round trips, so the script calls are counted rather
 * than all commands.
 */
final class RedisCommandCount {

    private RedisCommandCount() {
    }

    static long total(StoreConnections c) {
        if (!"redis".equals(c.storeType())) {
            return 0;
        }
        RedisClient client = RedisClient.create(c.storeUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long calls = 0;
            for (String line : connection.sync().info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                    String stats = line.substring(line.indexOf(':') + 1);
                    calls += Long.parseLong(stats.substring("calls=".length(), stats.indexOf(',')));
                }
            }
            return calls;
        }
        finally {
            client.shutdown();
        }
    }

}
