-- Deletes a stream if it is at the expected version. KEYS[1] meta, KEYS[2] stream, KEYS[3] snapshot,
-- KEYS[4] purge key, KEYS[5] age index (see set_retention.lua).
-- ARGV[1] expected kind, ARGV[2] expected version, ARGV[3] '1' for a hard delete.
-- Soft: the events go (the stream key stays, with its consumer groups), the version stays, so a
-- later append continues the numbering. Hard: the stream key moves to the purge key, whose events
-- name the $all pointers to remove next (purge_pointers.lua); the meta hash stays as a tombstone.
-- Replies {'OK'}, {'WRONG', actual}, {'DELETED', actual}, {'MISSING', actual}.
local meta_key, stream_key, snapshot_key, purge_key, age_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local kind, expected, hard = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
local meta = redis.call('HMGET', meta_key, META.version, META.tombstone, META.deleted)
local version = tonumber(meta[1]) or 0
if meta[2] then
  return {'DELETED', version}
end
local live = version > 0 and not meta[3]
if (kind == 'exact' and version ~= expected)
    or (kind == 'no_stream' and live)
    or (kind == 'stream_exists' and not live) then
  return {'WRONG', version}
end
-- a stream never written has nothing to delete, and leaves no key behind (not even a tombstone)
if version == 0 or (not live and not hard) then
  return {'MISSING', version}
end
redis.call('DEL', snapshot_key, age_key)
if hard then
  if redis.call('EXISTS', stream_key) == 1 then
    redis.call('RENAME', stream_key, purge_key)
  end
  redis.call('HSET', meta_key, META.version, string.format('%d', version), META.tombstone, '1')
else
  redis.call('XTRIM', stream_key, 'MAXLEN', '0')
  redis.call('HSET', meta_key, META.deleted, '1')
end
return {'OK'}
