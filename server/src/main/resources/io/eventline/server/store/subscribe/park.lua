-- Parks a pending delivery: copies what Redis stores for it to the group's parked stream and
-- acknowledges it, atomically, so it is neither lost nor parked twice. KEYS[1] the key holding the
-- pending entry, KEYS[2] the parked stream. ARGV: group, entry id, reason, and the stream name when
-- KEYS[1] is that stream (its entries are events, IDs 0-<version>); empty when KEYS[1] holds pointers
-- (POINTER's fields). Replies 1 when parked, 0 when the entry was not pending (settled already).
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
if #pending == 0 then
  return 0
end
local entry = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2])
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if #entry == 0 then
  -- deleted while pending (retention, stream deletion): nothing left to park
  return 0
end
local fields = entry[1][2]
local stored = {}
for i = 1, #fields, 2 do
  stored[fields[i]] = fields[i + 1]
end
local stream, version, type = ARGV[4], nil, nil
if stream == '' then
  stream, version, type = stored[POINTER.stream], stored[POINTER.version], stored[POINTER.type]
else
  version, type = string.match(ARGV[2], '^0%-(%d+)$'), stored[EVENT.type]
end
redis.call('XADD', KEYS[2], '*', POINTER.stream, stream, POINTER.version, version, POINTER.type, type or '',
  POINTER.reason, ARGV[3], POINTER.deliveries, pending[1][4])
return 1
