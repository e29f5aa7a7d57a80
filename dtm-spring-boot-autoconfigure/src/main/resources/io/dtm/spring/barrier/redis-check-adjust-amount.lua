-- KEYS: amount key, this op's barrier key, the origin op's barrier key
-- ARGV: amount, origin op ('' if none), expire seconds
local v = redis.call('GET', KEYS[1])
local e1 = redis.call('GET', KEYS[2])
if v == false or v + ARGV[1] < 0 then
	return 'FAILURE'
end
if e1 == 'rollback' then
	return 'HANGING'
end
if e1 ~= false then
	return 'DUPLICATE'
end
redis.call('SET', KEYS[2], 'op', 'EX', ARGV[3])
if ARGV[2] ~= '' then
	local e2 = redis.call('GET', KEYS[3])
	if e2 == false then
		redis.call('SET', KEYS[3], 'rollback', 'EX', ARGV[3])
		return 'NULL_COMPENSATION'
	end
end
redis.call('INCRBY', KEYS[1], ARGV[1])
return 'SUCCESS'
