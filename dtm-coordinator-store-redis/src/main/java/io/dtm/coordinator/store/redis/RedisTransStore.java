package io.dtm.coordinator.store.redis;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.BranchBoundException;
import io.dtm.coordinator.store.CoordinatorStoreException;
import io.dtm.coordinator.store.DuplicateBranchException;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.coordinator.store.TransStore;
import io.dtm.protocol.KvEntry;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.WireTime;

/**
 * The store on Redis with dtm's key layout (docs/protocol.md#redis-keys), prefix
 * {@code p} (default {@code {a}}):
 * <ul>
 * <li>{@code p_g_<gid>}: the global JSON, {@code p_b_<gid>}: a list of branch JSONs in
 * insertion order, {@code p_s_<gid>}: the status string used for compare-and-set; all
 * three expire after data-expire, and after finished-data-expire once the transaction is
 * finished;</li>
 * <li>{@code p_u}: a sorted set of unfinished gids scored by next_cron_time in unix
 * seconds;</li>
 * <li>{@code p_kv_<cat>_<key>}: KV JSON, no expiry.</li>
 * </ul>
 * Two keys are added to dtm's layout for {@code /all}: {@code p_id} (a counter giving
 * each global an id) and {@code p_i} (a sorted set of gids scored by that id), so that
 * listing pages newest first with an exact limit instead of dtm's SCAN over
 * {@code p_g_*}. Globals written by dtm itself are not in that index.
 * <p>
 * Every mutation is one Lua script ({@link RedisScripts}), sent with EVALSHA and loaded
 * with EVAL when the server does not know it yet; KV create and delete are single atomic
 * commands (SET NX, DEL).
 */
public class RedisTransStore implements TransStore {

    /**
     * KV documents as this store has always written them: the row's own fields first,
     * then its times.
     */
    private static final JsonMapper KV_DOCUMENTS = TransJson.MAPPER.rebuild()
        .addMixIn(KvEntry.class, KvDocumentOrder.class)
        .build();

    private static final int SCAN_BATCH = 100;

    private static final int MAX_SCAN_BATCHES = 20;

    private final AutoCloseable client;

    private final StatefulConnection<String, String> connection;

    private final RedisClusterCommands<String, String> redis;

    private final String prefix;

    private final long dataExpireSeconds;

    private final long finishedExpireSeconds;

    private final Map<String, String> shas = new ConcurrentHashMap<>();

    RedisTransStore(AutoCloseable client, StatefulConnection<String, String> connection,
            RedisClusterCommands<String, String> redis, String prefix, Duration dataExpire,
            Duration finishedDataExpire) {
        this.client = client;
        this.connection = connection;
        this.redis = redis;
        this.prefix = prefix;
        this.dataExpireSeconds = Math.max(1, dataExpire.toSeconds());
        this.finishedExpireSeconds = Math.max(1, finishedDataExpire.toSeconds());
    }

    /**
     * Connects to Redis: one {@code redis://host:port} for a single node (default
     * redis://127.0.0.1:6379), a comma-separated list of nodes for a cluster. Fails with
     * a message naming the fix when Redis cannot be reached.
     */
    public static RedisTransStore create(@Nullable String url, @Nullable String username, @Nullable String password,
            @Nullable String prefix, Duration dataExpire, Duration finishedDataExpire) {
        String spec = url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url.trim();
        List<RedisURI> uris = new ArrayList<>();
        for (String node : spec.split(",")) {
            if (node.isBlank()) {
                continue;
            }
            String n = node.trim();
            RedisURI uri = RedisURI.create(n.contains("://") ? n : "redis://" + n);
            if (password != null && !password.isEmpty()) {
                if (username != null && !username.isEmpty()) {
                    uri.setCredentialsProvider(io.lettuce.core.RedisCredentialsProvider
                        .from(() -> io.lettuce.core.RedisCredentials.just(username, password)));
                }
                else {
                    // not RedisURI.setPassword: Lettuce 7 (Boot 4.1) removed it, and this
                    // jar also runs on Lettuce 6 (Boot 4.0)
                    uri.setCredentialsProvider(
                            new io.lettuce.core.StaticCredentialsProvider(null, password.toCharArray()));
                }
            }
            uris.add(uri);
        }
        String p = prefix == null ? "{a}" : prefix;
        boolean cluster = uris.size() > 1;
        if (cluster && !hasHashTag(p)) {
            throw new CoordinatorStoreException(
                    "dtm.coordinator.store.redis.prefix '" + p + "' has no hash tag: on "
                            + "a Redis cluster every key of the coordinator must hash to one slot.",
                    "Use a prefix in braces, " + "such as {a}.");
        }
        AutoCloseable client = null;
        try {
            if (cluster) {
                RedisClusterClient clusterClient = RedisClusterClient.create(uris);
                client = clusterClient::shutdown;
                var connection = clusterClient.connect();
                connection.sync().ping();
                return new RedisTransStore(client, connection, connection.sync(), p, dataExpire, finishedDataExpire);
            }
            RedisClient single = RedisClient.create(uris.get(0));
            client = single::shutdown;
            var connection = single.connect();
            connection.sync().ping();
            return new RedisTransStore(client, connection, connection.sync(), p, dataExpire, finishedDataExpire);
        }
        catch (RedisException ex) {
            closeQuietly(client);
            throw new CoordinatorStoreException(
                    "Cannot connect to the coordinator's Redis store at " + spec + ": " + rootMessage(ex) + ".",
                    "Check dtm.coordinator.store.redis.url (redis://host:port, or a "
                            + "comma-separated list of cluster nodes) and dtm.coordinator.store.redis.password, and that Redis "
                            + "is running.",
                    ex);
        }
    }

    private static boolean hasHashTag(String p) {
        int open = p.indexOf('{');
        int close = open < 0 ? -1 : p.indexOf('}', open + 1);
        return open >= 0 && close > open + 1;
    }

    // ----------------------------------------------------------------------------------------------
    // keys

    private String gKey(String gid) {
        return prefix + "_g_" + gid;
    }

    private String bKey(String gid) {
        return prefix + "_b_" + gid;
    }

    private String sKey(String gid) {
        return prefix + "_s_" + gid;
    }

    /**
     * The owner holding the transaction (a processing pass's lease); a key of its own so
     * claims stay cheap.
     */
    private String oKey(String gid) {
        return prefix + "_o_" + gid;
    }

    private String uKey() {
        return prefix + "_u";
    }

    private String idKey() {
        return prefix + "_id";
    }

    private String indexKey() {
        return prefix + "_i";
    }

    private String kvKey(String cat, String key) {
        return prefix + "_kv_" + cat + "_" + key;
    }

    // ----------------------------------------------------------------------------------------------
    // globals

    @Override
    public boolean insertGlobal(TransGlobal g, List<TransBranch> branches) {
        ObjectNode doc = TransJson.MAPPER.valueToTree(g);
        doc.putNull("id"); // the script puts the new id here
        boolean finished = g.getStatus().isFinished();
        List<String> args = new ArrayList<>(List.of(TransJson.write(doc), String.valueOf(expire(g.getStatus())),
                finished || g.getNextCronTime() == null ? "" : String.valueOf(score(g.getNextCronTime())), g.getGid(),
                g.getStatus().wireName(), prefix + "_g_", g.getOwner()));
        for (TransBranch b : branches) {
            args.add(TransJson.write(b));
        }
        Long id = eval(RedisScripts.SAVE_NEW, ScriptOutputType.INTEGER, keys(gKey(g.getGid()), sKey(g.getGid()),
                bKey(g.getGid()), uKey(), idKey(), indexKey(), oKey(g.getGid())), args);
        if (id == null || id < 0) {
            return false;
        }
        g.setId(id);
        return true;
    }

    @Override
    public Optional<TransGlobal> findGlobal(String gid) {
        List<Object> r = eval(RedisScripts.FIND_GLOBAL, ScriptOutputType.MULTI, keys(gKey(gid), uKey(), oKey(gid)),
                List.of(gid));
        String json = (String) r.get(0);
        if (json == null || json.isEmpty()) {
            return Optional.empty();
        }
        TransGlobal g = TransJson.MAPPER.readValue(json, TransGlobal.class);
        String score = (String) r.get(1);
        if (score != null && !score.isEmpty()) {
            g.setNextCronTime(Instant.ofEpochSecond(new BigDecimal(score).longValue()));
        }
        g.setOwner((String) r.get(2));
        return Optional.of(g);
    }

    @Override
    public List<TransBranch> findBranches(String gid) {
        return redis.lrange(bKey(gid), 0, -1)
            .stream()
            .map(json -> TransJson.MAPPER.readValue(json, TransBranch.class))
            .toList();
    }

    /** One LRANGE of the branch list. */
    @Override
    public List<TransBranch> findBranches(String gid, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return redis.lrange(bKey(gid), Math.max(0, offset), Math.max(0, offset) + (long) limit - 1)
            .stream()
            .map(json -> TransJson.MAPPER.readValue(json, TransBranch.class))
            .toList();
    }

    /** Counted by a script on the server: no branch is sent to the coordinator. */
    @Override
    public BranchTotals branchTotals(String gid) {
        List<Object> totals = eval(RedisScripts.BRANCH_TOTALS, ScriptOutputType.MULTI, keys(bKey(gid)), List.of());
        return new BranchTotals(((Number) totals.get(0)).longValue(), ((Number) totals.get(1)).longValue());
    }

    /**
     * Newest first by id, from the index {@code p_i}; filters applied while paging, limit
     * exact.
     */
    @Override
    public GlobalPage scanGlobals(GlobalQuery q) {
        int limit = Math.max(1, q.limit());
        double upper = q.position() == null || q.position().isEmpty() ? Double.POSITIVE_INFINITY
                : Long.parseLong(q.position());
        List<TransGlobal> found = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        String next = "";
        for (int batch = 0; batch < MAX_SCAN_BATCHES; batch++) {
            Range.Boundary<Double> below = upper == Double.POSITIVE_INFINITY ? Range.Boundary.unbounded()
                    : Range.Boundary.excluding(upper);
            List<ScoredValue<String>> ids = redis.zrevrangebyscoreWithScores(indexKey(),
                    Range.from(Range.Boundary.unbounded(), below), Limit.create(0, SCAN_BATCH));
            if (ids.isEmpty()) {
                next = "";
                break;
            }
            List<KeyValue<String, String>> docs = redis
                .mget(ids.stream().map(v -> gKey(v.getValue())).toArray(String[]::new));
            for (int i = 0; i < ids.size() && found.size() < limit; i++) {
                ScoredValue<String> id = ids.get(i);
                upper = id.getScore();
                KeyValue<String, String> doc = docs.get(i);
                if (!doc.hasValue()) {
                    stale.add(id.getValue());
                    continue;
                }
                TransGlobal g = TransJson.MAPPER.readValue(doc.getValue(), TransGlobal.class);
                g.setId((long) id.getScore());
                if (matches(g, q)) {
                    found.add(g);
                }
            }
            if (found.size() >= limit) {
                next = String.valueOf(found.get(found.size() - 1).getId());
                break;
            }
            if (ids.size() < SCAN_BATCH) {
                next = "";
                break;
            }
            next = String.valueOf((long) upper); // the scan budget ran out: resume after
                                                 // the last id looked at
        }
        if (!stale.isEmpty()) {
            redis.zrem(indexKey(), stale.toArray(String[]::new));
        }
        return new GlobalPage(found, next);
    }

    private static boolean matches(TransGlobal g, GlobalQuery q) {
        if (q.status() != null && !q.status().isEmpty() && !g.getStatus().is(q.status())) {
            return false;
        }
        if (q.transType() != null && !q.transType().isEmpty() && !g.getTransType().is(q.transType())) {
            return false;
        }
        if (q.gidPrefix() != null && !q.gidPrefix().isEmpty()
                && (g.getGid() == null || !g.getGid().startsWith(q.gidPrefix()))) {
            return false;
        }
        Instant created = g.getCreateTime();
        if (q.createTimeStart() != null && (created == null || created.isBefore(q.createTimeStart()))) {
            return false;
        }
        return q.createTimeEnd() == null || created != null && !created.isAfter(q.createTimeEnd());
    }

    @Override
    public void appendBranches(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches) {
        append(gid, expectedStatus, expectedTransType, branches, "", "");
    }

    /** One script: the bound is checked on the list it reads for duplicates anyway. */
    @Override
    public void appendBranches(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches, BranchBound bound) {
        long newBytes = branches.stream().mapToLong(b -> b.getBinData() == null ? 0 : b.getBinData().length).sum();
        long roomCount = bound.maxCount() - branches.size();
        long roomBytes = bound.maxDataBytes() - newBytes;
        if (roomCount < 0 || roomBytes < 0) {
            throw outOfBound(gid, branchTotals(gid));
        }
        append(gid, expectedStatus, expectedTransType, branches, String.valueOf(roomCount), String.valueOf(roomBytes));
    }

    private void append(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches, String roomCount, String roomBytes) {
        if (branches.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of(expectedStatus, String.valueOf(dataExpireSeconds),
                expectedTransType == null ? "" : expectedTransType, roomCount, roomBytes));
        for (TransBranch b : branches) {
            args.add(TransJson.write(b));
        }
        String r = eval(RedisScripts.APPEND_BRANCHES, ScriptOutputType.VALUE, keys(sKey(gid), bKey(gid), gKey(gid)),
                args);
        if ("NOT_FOUND".equals(r)) {
            throw new StatusConflictException("no trans with gid: " + gid + " status: " + expectedStatus + " found");
        }
        if ("UNIQUE_CONFLICT".equals(r)) {
            throw new DuplicateBranchException("a branch of gid " + gid + " with the branch_id and op of one of "
                    + branches.size() + " new branches (first " + branches.get(0).getBranchId() + " "
                    + branches.get(0).getOp() + ") is already registered");
        }
        if (r != null && r.startsWith("OUT_OF_BOUND ")) {
            String[] totals = r.split(" ");
            throw outOfBound(gid, new BranchTotals(Long.parseLong(totals[1]), Long.parseLong(totals[2])));
        }
    }

    private static BranchBoundException outOfBound(String gid, BranchTotals stored) {
        return new BranchBoundException("transaction " + gid + " holds " + stored.count() + " branches and "
                + stored.dataBytes() + " data bytes; the new branches would exceed its bound", stored);
    }

    /**
     * One script: the status and owner check, then LSET of every branch at its position
     * (none if one is missing).
     */
    @Override
    public void updateBranchStatuses(String gid, String expectedStatus, @Nullable String expectedOwner,
            List<BranchUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(
                List.of(expectedStatus, expectedOwner == null ? "0" : "1", expectedOwner == null ? "" : expectedOwner));
        addBranchArgs(args, updates);
        String r = eval(RedisScripts.UPDATE_BRANCHES, ScriptOutputType.VALUE, keys(sKey(gid), bKey(gid), oKey(gid)),
                args);
        if ("NO_BRANCH".equals(r)) {
            throw new StatusConflictException(
                    "gid " + gid + " has no branch for one of " + updates.size() + " results");
        }
        if (!"OK".equals(r)) {
            throw new StatusConflictException("no trans with gid: " + gid + " status: " + expectedStatus + " found");
        }
    }

    /**
     * One script: CAS on the status key (and the owner key), the branch results, the
     * global document, the owner, the cron score, and the expiries when final.
     */
    @Override
    public boolean changeGlobalStatus(TransGlobal g, String oldStatus, @Nullable String expectedOwner,
            List<BranchUpdate> updates) {
        List<String> args = changeArgs(g, oldStatus, expectedOwner);
        addBranchArgs(args, updates);
        Long r = eval(RedisScripts.CHANGE_STATUS, ScriptOutputType.INTEGER,
                keys(gKey(g.getGid()), sKey(g.getGid()), bKey(g.getGid()), uKey(), oKey(g.getGid())), args);
        if (r != null && r < 0) {
            throw new StatusConflictException(
                    "gid " + g.getGid() + " has no branch for one of " + updates.size() + " results");
        }
        return r != null && r == 1;
    }

    /** One script: the compare-and-set, then LRANGE of the branch list. */
    @Override
    public Optional<List<TransBranch>> changeGlobalStatusThenFindBranches(TransGlobal g, String oldStatus,
            @Nullable String expectedOwner) {
        List<String> args = changeArgs(g, oldStatus, expectedOwner);
        List<Object> r = eval(RedisScripts.CHANGE_STATUS_THEN_BRANCHES, ScriptOutputType.MULTI,
                keys(gKey(g.getGid()), sKey(g.getGid()), bKey(g.getGid()), uKey(), oKey(g.getGid())), args);
        if (r == null || r.isEmpty() || !"1".equals(r.get(0))) {
            return Optional.empty();
        }
        return Optional.of(r.subList(1, r.size())
            .stream()
            .map(json -> TransJson.MAPPER.readValue((String) json, TransBranch.class))
            .toList());
    }

    private List<String> changeArgs(TransGlobal g, String oldStatus, @Nullable String expectedOwner) {
        boolean finished = g.getStatus().isFinished();
        return new ArrayList<>(List.of(TransJson.write(g), oldStatus, g.getStatus().wireName(), g.getGid(),
                String.valueOf(expire(g.getStatus())), finished ? "1" : "0", expectedOwner == null ? "0" : "1",
                expectedOwner == null ? "" : expectedOwner, g.getOwner(),
                g.getNextCronTime() == null ? "" : String.valueOf(score(g.getNextCronTime()))));
    }

    private static void addBranchArgs(List<String> args, List<BranchUpdate> updates) {
        for (BranchUpdate u : updates) {
            TransBranch b = u.branch();
            args.add(String.valueOf(u.position()));
            args.add(TransJson.write(b));
            args.add(b.getBranchId());
            args.add(b.getOp());
        }
    }

    @Override
    public boolean touchCronTime(TransGlobal g, @Nullable String expectedOwner, Instant now) {
        ObjectNode doc = TransJson.MAPPER.valueToTree(g);
        doc.put("update_time", WireTime.format(now));
        Long r = eval(RedisScripts.TOUCH_CRON, ScriptOutputType.INTEGER,
                keys(gKey(g.getGid()), sKey(g.getGid()), uKey(), oKey(g.getGid())),
                List.of(TransJson.write(doc), g.getStatus().wireName(), String.valueOf(score(g.getNextCronTime())),
                        g.getGid(), String.valueOf(expire(g.getStatus())), expectedOwner == null ? "0" : "1",
                        expectedOwner == null ? "" : expectedOwner, g.getOwner()));
        return r != null && r == 1;
    }

    @Override
    public Optional<TransGlobal> lockOneDue(Instant now, Instant nextCronTime, String owner) {
        List<Object> r = eval(RedisScripts.LOCK_ONE, ScriptOutputType.MULTI, keys(uKey()),
                List.of(seconds(now), String.valueOf(score(nextCronTime)), prefix + "_g_", prefix + "_s_",
                        prefix + "_o_", owner, String.valueOf(dataExpireSeconds)));
        if (r == null || r.size() < 2) {
            return Optional.empty();
        }
        TransGlobal g = TransJson.MAPPER.readValue((String) r.get(1), TransGlobal.class);
        g.setNextCronTime(Instant.ofEpochSecond(score(nextCronTime)));
        g.setOwner(owner);
        return Optional.of(g);
    }

    @Override
    public ResetCronResult resetCronTime(Instant after, int limit, Instant now) {
        List<Object> r = eval(RedisScripts.RESET_CRON, ScriptOutputType.MULTI, keys(uKey()),
                List.of(seconds(after), String.valueOf(limit), String.valueOf(score(now))));
        return new ResetCronResult(((Long) r.get(1)) == 1, ((Long) r.get(0)).intValue());
    }

    @Override
    public List<UnfinishedCount> countUnfinished() {
        List<Object> r = eval(RedisScripts.COUNT_UNFINISHED, ScriptOutputType.MULTI, keys(uKey()),
                List.of(prefix + "_g_", prefix + "_s_", String.valueOf(MAX_UNFINISHED_COUNTED)));
        List<UnfinishedCount> counts = new ArrayList<>();
        long counted = 0;
        for (int i = 1; i + 1 < r.size(); i += 2) {
            String[] key = String.valueOf(r.get(i)).split("\n", 2);
            long n = (Long) r.get(i + 1);
            counts.add(new UnfinishedCount(key[0], key.length > 1 ? key[1] : "", n));
            counted += n;
        }
        long rest = (Long) r.get(0) - counted;
        if (rest > 0) {
            counts.add(new UnfinishedCount("unknown", "unknown", rest));
        }
        return counts;
    }

    /** Nothing: finished transactions expire after finished-data-expire. */
    @Override
    public int deleteFinished(Instant finishedBefore, int limit) {
        return 0;
    }

    // ----------------------------------------------------------------------------------------------
    // KV

    @Override
    public List<KvEntry> findKv(String cat, @Nullable String key) {
        if (key == null || key.isEmpty()) {
            return scanKv(cat, "", Integer.MAX_VALUE).kv();
        }
        String json = redis.get(kvKey(cat, key));
        return json == null ? List.of() : List.of(kvFromJson(json));
    }

    /** Positions are KV keys: the last key of the previous page. */
    @Override
    public boolean isKvPosition(String position) {
        return true;
    }

    /**
     * All keys of the category (SCAN), in key order, paged by key: position is the last
     * key returned.
     */
    @Override
    public KvPage scanKv(String cat, @Nullable String position, int limit) {
        String keyPrefix = kvKey(cat, "");
        ScanIterator<String> it = ScanIterator.scan(redis,
                ScanArgs.Builder.matches(globEscape(keyPrefix) + "*").limit(500));
        Set<String> keys = new HashSet<>();
        while (it.hasNext()) {
            keys.add(it.next());
        }
        String after = position == null ? "" : position;
        List<String> page = keys.stream()
            .map(k -> k.substring(keyPrefix.length()))
            .filter(k -> after.isEmpty() || k.compareTo(after) > 0)
            .sorted()
            .toList();
        List<KvEntry> out = new ArrayList<>();
        int consumed = 0;
        while (consumed < page.size() && out.size() < limit) {
            List<String> chunk = page.subList(consumed, Math.min(page.size(), consumed + SCAN_BATCH));
            List<KeyValue<String, String>> values = redis
                .mget(chunk.stream().map(k -> kvKey(cat, k)).toArray(String[]::new));
            for (int i = 0; i < values.size() && out.size() < limit; i++) {
                consumed++;
                if (values.get(i).hasValue()) {
                    KvEntry e = kvFromJson(values.get(i).getValue());
                    if (cat.equals(e.cat())) { // a longer cat can share the key prefix
                        out.add(e);
                    }
                }
            }
        }
        boolean more = out.size() == limit && consumed < page.size();
        return new KvPage(out, more ? out.get(out.size() - 1).k() : "");
    }

    @Override
    public boolean createKv(KvEntry e) {
        return "OK".equals(redis.set(kvKey(e.cat(), e.k()), kvToJson(e), SetArgs.Builder.nx()));
    }

    @Override
    public boolean updateKv(KvEntry e) {
        Long r = eval(RedisScripts.KV_UPDATE, ScriptOutputType.INTEGER, keys(kvKey(e.cat(), e.k())),
                List.of(kvToJson(e), String.valueOf(e.version() - 1)));
        return r != null && r == 1;
    }

    @Override
    public boolean deleteKv(String cat, String key) {
        return redis.del(kvKey(cat, key)) == 1;
    }

    @Override
    public void ping() {
        redis.ping();
    }

    @Override
    public void close() {
        try {
            connection.close();
        }
        finally {
            closeQuietly(client);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // helpers

    private long expire(TransStatus status) {
        return status.isFinished() ? finishedExpireSeconds : dataExpireSeconds;
    }

    /** A next_cron_time score: whole unix seconds, as dtm writes them. */
    private static long score(Instant instant) {
        return instant.getEpochSecond();
    }

    /** A moment to compare scores with, with its fraction. */
    private static String seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
            .add(BigDecimal.valueOf(instant.getNano(), 9))
            .toPlainString();
    }

    private static String[] keys(String... keys) {
        return keys;
    }

    /**
     * EVALSHA of a script, loading it with EVAL the first time the server does not know
     * it.
     */
    @SuppressWarnings("unchecked")
    private <T> T eval(String script, ScriptOutputType type, String[] keys, List<String> args) {
        String[] argv = args.toArray(String[]::new);
        String sha = shas.computeIfAbsent(script, redis::digest);
        try {
            return (T) redis.evalsha(sha, type, keys, argv);
        }
        catch (RedisNoScriptException ex) {
            return (T) redis.eval(script, type, keys, argv);
        }
    }

    private static String globEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String kvToJson(KvEntry e) {
        return KV_DOCUMENTS.writeValueAsString(e);
    }

    private static KvEntry kvFromJson(String json) {
        return KV_DOCUMENTS.readValue(json, KvEntry.class);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (Exception ignored) {
            // shutting down
        }
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public String toString() {
        return "RedisTransStore[prefix=" + prefix + "]";
    }

    @JsonPropertyOrder({ "id", "cat", "k", "v", "version", "create_time", "update_time" })
    private abstract static class KvDocumentOrder {

    }

}
