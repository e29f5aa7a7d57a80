-- KEYS: the entry (a hash: value, lockUntil, lockOwner); ARGV: now (ms), owner, lock time (ms)
-- HIT: a value nobody is replacing. WAIT: another reader is loading it (do not use the old value).
-- LOCKED: no usable value (missing, or marked deleted); the caller now owns the load.
local v = redis.call('HGET', KEYS[1], 'value')
local lockUntil = redis.call('HGET', KEYS[1], 'lockUntil')
if lockUntil ~= false and tonumber(lockUntil) > tonumber(ARGV[1]) then
	return {'WAIT'}
end
if lockUntil == false and v ~= false then
	return {'HIT', v}
end
redis.call('HSET', KEYS[1], 'lockUntil', tonumber(ARGV[1]) + tonumber(ARGV[3]), 'lockOwner', ARGV[2])
if v == false then
	redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return {'LOCKED'}
