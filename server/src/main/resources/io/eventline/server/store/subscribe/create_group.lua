-- Creates a consumer group's definition unless one exists. KEYS[1] group hash, KEYS[2] set of group names.
-- ARGV: group name, then field/value pairs. Replies {'CREATED'} or {'EXISTS', field, value, ...}.
if redis.call('EXISTS', KEYS[1]) == 1 then
  local reply = redis.call('HGETALL', KEYS[1])
  table.insert(reply, 1, 'EXISTS')
  return reply
end
local fields = {}
for i = 2, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('SADD', KEYS[2], ARGV[1])
return {'CREATED'}
