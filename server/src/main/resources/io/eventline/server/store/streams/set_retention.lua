-- Sets a stream's retention. KEYS[1] meta, KEYS[2] stream.
-- ARGV[1] max count (0: none), ARGV[2] max age in milliseconds (0: none).
-- The count limit applies at once, the age limit at the next append. A stream never written (or
-- tombstoned) is refused without a write, so that the call leaves no key behind.
-- Replies {'OK'}, {'MISSING'}, {'DELETED'}.
local meta = redis.call('HMGET', KEYS[1], 'v', 'x')
if meta[2] then
  return {'DELETED'}
end
if not meta[1] then
  return {'MISSING'}
end
if ARGV[1] ~= '0' then
  redis.call('HSET', KEYS[1], 'mc', ARGV[1])
  redis.call('XTRIM', KEYS[2], 'MAXLEN', ARGV[1])
else
  redis.call('HDEL', KEYS[1], 'mc')
end
if ARGV[2] ~= '0' then
  redis.call('HSET', KEYS[1], 'ma', ARGV[2])
else
  redis.call('HDEL', KEYS[1], 'ma')
end
return {'OK'}
