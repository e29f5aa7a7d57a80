-- KEYS: the entry; ARGV: how long the marked entry stays (ms)
-- The value stays but is unusable (lockUntil 0 = expired lock): the next reader reloads it from the database.
-- Whoever owned a load loses it, so a value it read before the update cannot be written back.
redis.call('HSET', KEYS[1], 'lockUntil', 0)
redis.call('HDEL', KEYS[1], 'lockOwner')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 'MARKED'
