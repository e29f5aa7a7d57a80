-- KEYS: the entry; ARGV: owner, value, time to live (ms)
-- Only the reader that still owns the load writes: a mark-deleted since its lock took the ownership away.
if redis.call('HGET', KEYS[1], 'lockOwner') ~= ARGV[1] then
	return 'REFUSED'
end
redis.call('HSET', KEYS[1], 'value', ARGV[2])
redis.call('HDEL', KEYS[1], 'lockUntil', 'lockOwner')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 'SET'
