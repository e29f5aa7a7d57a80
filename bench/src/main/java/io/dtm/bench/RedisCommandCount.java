package io.dtm.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** Total commands a Redis server has processed (INFO stats), to count the store's round trips per transaction. */
final class RedisCommandCount {

    private RedisCommandCount() {
    }

    static long total(StoreConnections c) {
        if (!"redis".equals(c.storeType())) {
            return 0;
        }
        RedisClient client = RedisClient.create(c.storeUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (String line : connection.sync().info("stats").split("\r?\n")) {
                if (line.startsWith("total_commands_processed:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return 0;
        }
        finally {
            client.shutdown();
        }
    }
}
