package io.dtm.coordinator.store.redis;

/**
 * The Lua scripts of the Redis store, one per mutation (docs/protocol.md#redis-keys).
 * Each runs atomically on the server, so the status check and the write it guards cannot
 * be separated by another coordinator. Keys are passed in KEYS where they are known up
 * front; the few built inside a script share the prefix's hash tag, hence the cluster
 * slot.
 */
final class RedisScripts {

    private RedisScripts() {
    }

    /**
     * Save new. KEYS: g, s, b, u, id counter, index, o. ARGV: global JSON (starting
     * {@code {"id":null}), expire, next_cron_time score ('' when finished), gid, status,
     * key prefix of globals, owner, branch JSONs... Returns the new id, or -1 when the
     * gid exists. Also trims index entries of expired globals at the old end.
     */
    static final String SAVE_NEW = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
            local id = redis.call('INCR', KEYS[5])
            local g = string.gsub(ARGV[1], '^{"id":null', '{"id":' .. id, 1)
            redis.call('SET', KEYS[1], g, 'EX', ARGV[2])
            redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[2])
            redis.call('SET', KEYS[7], ARGV[7], 'EX', ARGV[2])
            if ARGV[3] ~= '' then redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4]) end
            if #ARGV > 7 then
              for i = 8, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end
              redis.call('EXPIRE', KEYS[3], ARGV[2])
            end
            for _, old in ipairs(redis.call('ZRANGE', KEYS[6], 0, 1)) do
              if redis.call('EXISTS', ARGV[6] .. old) == 0 then redis.call('ZREM', KEYS[6], old) end
            end
            redis.call('ZADD', KEYS[6], id, ARGV[4])
            return id
            """;

    /**
     * Branch totals, read only. KEYS: b. Returns the number of branches and the sum of
     * their data bytes (decoded from each {@code bin_data}'s base64 length).
     */
    static final String BRANCH_TOTALS = """
            local list = redis.call('LRANGE', KEYS[1], 0, -1)
            local bytes = 0
            for _, v in ipairs(list) do
              local d = cjson.decode(v)['bin_data']
              if type(d) == 'string' and #d > 0 then
                local pad = 0
                if string.sub(d, -2) == '==' then pad = 2 elseif string.sub(d, -1) == '=' then pad = 1 end
                bytes = bytes + math.floor(#d / 4) * 3 - pad
              end
            end
            return {#list, bytes}
            """;

    /**
     * Lock global and append branches. KEYS: s, b, g. ARGV: expected status, expire,
     * expected trans_type (empty: any), most stored rows and most stored data bytes
     * before the append (both empty: unbounded), branch JSONs... Returns OK, NOT_FOUND
     * (status or type differs or gid unknown), UNIQUE_CONFLICT (a branch_id+op exists) or
     * OUT_OF_BOUND with the stored rows and data bytes.
     */
    static final String APPEND_BRANCHES = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'NOT_FOUND' end
            if ARGV[3] ~= '' then
              local g = redis.call('GET', KEYS[3])
              if not g or cjson.decode(g)['trans_type'] ~= ARGV[3] then return 'NOT_FOUND' end
            end
            local seen = {}
            local list = redis.call('LRANGE', KEYS[2], 0, -1)
            local bytes = 0
            for _, v in ipairs(list) do
              local b = cjson.decode(v)
              seen[tostring(b['branch_id']) .. '\\n' .. tostring(b['op'])] = true
              local d = b['bin_data']
              if type(d) == 'string' and #d > 0 then
                local pad = 0
                if string.sub(d, -2) == '==' then pad = 2 elseif string.sub(d, -1) == '=' then pad = 1 end
                bytes = bytes + math.floor(#d / 4) * 3 - pad
              end
            end
            if ARGV[4] ~= '' and (#list > tonumber(ARGV[4]) or bytes > tonumber(ARGV[5])) then
              return 'OUT_OF_BOUND ' .. #list .. ' ' .. bytes
            end
            for i = 6, #ARGV do
              local b = cjson.decode(ARGV[i])
              local k = tostring(b['branch_id']) .. '\\n' .. tostring(b['op'])
              if seen[k] then return 'UNIQUE_CONFLICT' end
              seen[k] = true
            end
            for i = 6, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
            redis.call('EXPIRE', KEYS[2], ARGV[2])
            return 'OK'
            """;

    /**
     * Lua that finds the list positions of the branch results in ARGV[from..] (groups of
     * position, branch JSON, branch_id, op; a position that holds another branch is
     * searched for) and, only when every one was found, writes them with LSET. Returns
     * false when one is missing, having written nothing.
     */
    private static final String SET_BRANCHES_FUNCTION = """
            local function setBranches(bkey, from)
              local function same(v, bid, op)
                if not v then return false end
                local b = cjson.decode(v)
                return tostring(b['branch_id']) == bid and tostring(b['op']) == op
              end
              local list = nil
              local positions = {}
              for i = from, #ARGV, 4 do
                local pos = tonumber(ARGV[i])
                if not same(redis.call('LINDEX', bkey, pos), ARGV[i + 2], ARGV[i + 3]) then
                  pos = nil
                  list = list or redis.call('LRANGE', bkey, 0, -1)
                  for j, v in ipairs(list) do
                    if same(v, ARGV[i + 2], ARGV[i + 3]) then pos = j - 1 break end
                  end
                  if not pos then return false end
                end
                positions[#positions + 1] = pos
              end
              local k = 1
              for i = from, #ARGV, 4 do
                redis.call('LSET', bkey, positions[k], ARGV[i + 1])
                k = k + 1
              end
              return true
            end
            """;

    /**
     * Lock global and save branches (LSET at their positions). KEYS: s, b, o. ARGV:
     * expected status, '1' when the owner is checked, expected owner, then groups of
     * position, branch JSON, branch_id, op. Returns OK, NOT_FOUND (status or owner
     * differs) or NO_BRANCH (nothing written then).
     */
    static final String UPDATE_BRANCHES = SET_BRANCHES_FUNCTION + """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'NOT_FOUND' end
            if ARGV[2] == '1' and (redis.call('GET', KEYS[3]) or '') ~= ARGV[3] then return 'NOT_FOUND' end
            if not setBranches(KEYS[2], 4) then return 'NO_BRANCH' end
            return 'OK'
            """;

    /** Lua that defines changeStatus(), the script {@link #CHANGE_STATUS}. */
    private static final String CHANGE_STATUS_FUNCTION = SET_BRANCHES_FUNCTION + """
            local function changeStatus()
              if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
              if ARGV[7] == '1' and (redis.call('GET', KEYS[5]) or '') ~= ARGV[8] then return 0 end
              if #ARGV > 10 and not setBranches(KEYS[3], 11) then return -1 end
              redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[5])
              redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[5])
              redis.call('SET', KEYS[5], ARGV[9], 'EX', ARGV[5])
              if ARGV[6] == '1' then
                redis.call('ZREM', KEYS[4], ARGV[4])
                redis.call('EXPIRE', KEYS[3], ARGV[5])
              elseif ARGV[10] ~= '' then
                redis.call('ZADD', KEYS[4], ARGV[10], ARGV[4])
              end
              return 1
            end
            """;

    /**
     * Change status (CAS), with the branch results that led to it. KEYS: g, s, b, u, o.
     * ARGV: global JSON, old status, new status, gid, expire, '1' when the new status is
     * final (then the gid leaves the unfinished set and every key gets the shorter TTL),
     * '1' when the owner is checked, expected owner, new owner, next_cron_time score,
     * then groups of position, branch JSON, branch_id, op. Returns 1, 0 when the status
     * (or owner) was not the expected one, -1 when a branch is missing (nothing written).
     */
    static final String CHANGE_STATUS = CHANGE_STATUS_FUNCTION + """
            return changeStatus()
            """;

    /**
     * {@link #CHANGE_STATUS} without branch results, then the branch list: {'1', branch
     * JSONs...} when the status was changed, {'0'} when not.
     */
    static final String CHANGE_STATUS_THEN_BRANCHES = CHANGE_STATUS_FUNCTION + """
            if changeStatus() ~= 1 then return {'0'} end
            local out = {'1'}
            for _, v in ipairs(redis.call('LRANGE', KEYS[3], 0, -1)) do out[#out + 1] = v end
            return out
            """;

    /**
     * Touch cron. KEYS: g, s, u, o. ARGV: global JSON, expected status, next_cron_time
     * score, gid, expire, '1' when the owner is checked, expected owner, new owner. A
     * finished transaction is never touched. Returns 1 or 0.
     */
    static final String TOUCH_CRON = """
            if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
            if ARGV[2] == 'succeed' or ARGV[2] == 'failed' then return 0 end
            if ARGV[6] == '1' and (redis.call('GET', KEYS[4]) or '') ~= ARGV[7] then return 0 end
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[5])
            redis.call('SET', KEYS[4], ARGV[8], 'EX', ARGV[5])
            return 1
            """;

    /**
     * Lock one due transaction. KEYS: u. ARGV: now (seconds, may have a fraction), new
     * score, key prefix of globals, key prefix of statuses, key prefix of owners, owner,
     * expire. Takes the lowest score; if it is before now, moves it to the new score,
     * sets its owner and returns {gid, global JSON}. Entries whose global expired or
     * finished are dropped on the way. Returns nil when none is due.
     */
    static final String LOCK_ONE = """
            for i = 1, 20 do
              local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              if #r == 0 or tonumber(r[2]) >= tonumber(ARGV[1]) then return false end
              local g = redis.call('GET', ARGV[3] .. r[1])
              local s = redis.call('GET', ARGV[4] .. r[1])
              if g and s ~= 'succeed' and s ~= 'failed' then
                redis.call('ZADD', KEYS[1], ARGV[2], r[1])
                redis.call('SET', ARGV[5] .. r[1], ARGV[6], 'EX', ARGV[7])
                return {r[1], g}
              end
              redis.call('ZREM', KEYS[1], r[1])
            end
            return false
            """;

    /**
     * Reset cron. KEYS: u. ARGV: after (seconds), limit, now score. Makes at most limit
     * transactions whose score is after {@code after} due now. Returns {count, 1 when
     * more were left}.
     */
    /**
     * Counts unfinished transactions by status and type. KEYS: u. ARGV: key prefix of
     * globals, key prefix of statuses, most gids looked at (the most overdue). Returns
     * the number of unfinished gids, then pairs of "status\ntype" and count.
     */
    static final String COUNT_UNFINISHED = """
            local counts = {}
            for _, gid in ipairs(redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)) do
              local s = redis.call('GET', ARGV[2] .. gid)
              local g = redis.call('GET', ARGV[1] .. gid)
              if s and g then
                local k = s .. '\\n' .. (string.match(g, '"trans_type":"([^"]*)"') or '')
                counts[k] = (counts[k] or 0) + 1
              end
            end
            local r = { redis.call('ZCARD', KEYS[1]) }
            for k, n in pairs(counts) do
              r[#r + 1] = k
              r[#r + 1] = n
            end
            return r
            """;

    static final String RESET_CRON = """
            local limit = tonumber(ARGV[2])
            local r = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf', 'LIMIT', 0, limit + 1)
            local n = 0
            for i = 1, math.min(#r, limit) do
              redis.call('ZADD', KEYS[1], ARGV[3], r[i])
              n = n + 1
            end
            local more = 0
            if #r > limit then more = 1 end
            return {n, more}
            """;

    /**
     * KV update by CAS on version. KEYS: kv key. ARGV: new JSON, expected stored version.
     * Returns 1 or 0.
     */
    static final String KV_UPDATE = """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return 0 end
            if tostring(cjson.decode(cur)['version']) ~= ARGV[2] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            return 1
            """;

    /**
     * Read a global with its current cron score and owner. KEYS: g, u, o. ARGV: gid.
     * Returns {JSON or '', score or '', owner or ''}.
     */
    static final String FIND_GLOBAL = """
            return {redis.call('GET', KEYS[1]) or '', redis.call('ZSCORE', KEYS[2], ARGV[1]) or '',
              redis.call('GET', KEYS[3]) or ''}
            """;

}
