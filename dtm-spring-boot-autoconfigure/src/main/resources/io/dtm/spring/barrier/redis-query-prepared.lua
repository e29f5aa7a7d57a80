-- KEYS: the msg barrier key <gid>-00-msg-01; ARGV: expire seconds
local v = redis.call('GET', KEYS[1])
if v == false then
	redis.call('SET', KEYS[1], 'rollback', 'EX', ARGV[1])
	v = 'rollback'
end
if v == 'rollback' then
	return 'FAILURE'
end
return 'SUCCESS'
