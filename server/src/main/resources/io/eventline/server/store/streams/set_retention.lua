-- Sets a stream's retention. KEYS[1] meta, KEYS[2] stream, KEYS[3] age index.
-- ARGV[1] max count (0: none), ARGV[2] max age in milliseconds (0: none).
-- The count limit applies at once, the age limit at the next append. A stream never written (or
-- tombstoned) is refused without a write, so that the call leaves no key behind.
-- The age index holds one entry per append, ID <recorded millis>-<last version of the append>, while a
-- max age is set (append.lua): an append then finds what is too old from IDs, never reading events.
-- Events stored before the max age was set are covered by one entry for the newest of them.
-- Replies {'OK'}, {'MISSING'}, {'DELETED'}.
local meta_key, stream_key, age_key = KEYS[1], KEYS[2], KEYS[3]
local meta = redis.call('HMGET', meta_key, META.version, META.tombstone)
if meta[2] then
  return {'DELETED'}
end
if not meta[1] then
  return {'MISSING'}
end
if ARGV[1] ~= '0' then
  redis.call('HSET', meta_key, META.max_count, ARGV[1])
  redis.call('XTRIM', stream_key, 'MAXLEN', ARGV[1])
else
  redis.call('HDEL', meta_key, META.max_count)
end
if ARGV[2] == '0' then
  redis.call('HDEL', meta_key, META.max_age)
  redis.call('DEL', age_key)
  return {'OK'}
end
redis.call('HSET', meta_key, META.max_age, ARGV[2])
if redis.call('EXISTS', age_key) == 0 then
  local newest = redis.call('XREVRANGE', stream_key, '+', '-', 'COUNT', 1)[1]
  if newest then
    local fields = newest[2]
    for i = 1, #fields, 2 do
      if fields[i] == EVENT.position then
        local millis = string.match(fields[i + 1], '^(%d+)')
        local version = string.match(newest[1], '^0%-(%d+)$')
        redis.call('XADD', age_key, millis .. '-' .. version, AGE.mark, '')
      end
    end
  end
end
return {'OK'}
