-- Saves a stream's snapshot at a version. KEYS[1] meta, KEYS[2] snapshot.
-- ARGV[1] version, ARGV[2] data, ARGV[3] content type.
-- Replies {'OK'}, {'MISSING', actual}, {'AHEAD', actual}, {'OLDER', stored}, {'DELETED', actual}.
local meta = redis.call('HMGET', KEYS[1], META.version, META.tombstone, META.deleted)
local version = tonumber(meta[1]) or 0
local snapshot_version = tonumber(ARGV[1])
if meta[2] then
  return {'DELETED', version}
end
if version == 0 or meta[3] then
  return {'MISSING', version}
end
if snapshot_version > version then
  return {'AHEAD', version}
end
local stored = tonumber(redis.call('HGET', KEYS[2], SNAPSHOT.version) or '0')
if stored > snapshot_version then
  return {'OLDER', stored}
end
local now = redis.call('TIME')
local millis = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
redis.call('HSET', KEYS[2], SNAPSHOT.version, ARGV[1], SNAPSHOT.data, ARGV[2], SNAPSHOT.content_type, ARGV[3], SNAPSHOT.saved, millis)
return {'OK'}
