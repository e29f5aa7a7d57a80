package io.dtm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Copies with pipelined commands: the template's keys (global, status, owner, branch
 * list, index entry), its gid replaced, with the time to live the store gave them; a due
 * copy also gets its score in the unfinished set.
 */
class RedisPreload implements StorePreload {

    private static final int PIPELINE = 1_000;

    private final RedisClient client;

    private final StatefulRedisConnection<String, String> connection;

    private final String prefix;

    RedisPreload(String url, String prefix) {
        this.client = RedisClient.create(url);
        this.connection = client.connect();
        this.prefix = prefix;
    }

    @Override
    public boolean exists(String gid) {
        return connection.sync().exists(prefix + "_g_" + gid) > 0;
    }

    @Override
    public void copy(String template, String gidPrefix, int count, boolean due) {
        RedisCommands<String, String> sync = connection.sync();
        String global = sync.get(prefix + "_g_" + template);
        String status = due ? "submitted" : sync.get(prefix + "_s_" + template);
        String owner = due ? "" : sync.get(prefix + "_o_" + template);
        List<String> branches = sync.lrange(prefix + "_b_" + template, 0, -1);
        long ttl = sync.ttl(prefix + "_g_" + template);
        String templateId = global.substring("{\"id\":".length(), global.indexOf(','));
        if (due) {
            global = global.replace("\"status\":\"succeed\"", "\"status\":\"submitted\"")
                .replaceFirst(",\"finish_time\":\"[^\"]*\"", "")
                .replaceFirst("\"owner\":\"[^\"]*\"", "\"owner\":\"\"");
            branches = branches.stream()
                .map(b -> b.replace("\"status\":\"succeed\"", "\"status\":\"prepared\""))
                .toList();
            ttl = Duration.ofDays(7).toSeconds();
        }
        long score = System.currentTimeMillis() / 1000 - 1;
        long firstId = sync.incrby(prefix + "_id", count) - count + 1;
        RedisAsyncCommands<String, String> async = connection.async();
        connection.setAutoFlushCommands(false);
        try {
            List<RedisFuture<?>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String gid = gidPrefix + i;
                long id = firstId + i;
                pending.add(async.setex(prefix + "_g_" + gid, ttl, global.replace(template, gid)
                    .replaceFirst("^\\{\"id\":" + templateId + ",", "{\"id\":" + id + ",")));
                pending.add(async.setex(prefix + "_s_" + gid, ttl, status));
                pending.add(async.setex(prefix + "_o_" + gid, ttl, owner));
                pending.add(async.rpush(prefix + "_b_" + gid,
                        branches.stream().map(b -> b.replace(template, gid)).toArray(String[]::new)));
                pending.add(async.expire(prefix + "_b_" + gid, ttl));
                pending.add(async.zadd(prefix + "_i", id, gid));
                if (due) {
                    pending.add(async.zadd(prefix + "_u", score, gid));
                }
                if (pending.size() >= PIPELINE * 6) {
                    flush(pending);
                }
            }
            flush(pending);
        }
        finally {
            connection.setAutoFlushCommands(true);
        }
    }

    private void flush(List<RedisFuture<?>> pending) {
        connection.flushCommands();
        if (!LettuceFutures.awaitAll(Duration.ofMinutes(1), pending.toArray(new RedisFuture[0]))) {
            throw new IllegalStateException("Redis did not answer the preload's commands in a minute");
        }
        pending.clear();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

}
