-- Parks a pending delivery: copies what Redis stores for it to the group's parked stream and
-- acknowledges it, atomically, so it is neither lost nor parked twice. KEYS[1] the key holding the
-- pending entry, KEYS[2] the parked stream. ARGV: group, entry id, reason, and the stream name when
-- KEYS[1] is that stream (its entries are events, IDs 0-<version>); empty when KEYS[1] holds pointers
-- (fields s, v, t). Replies 1 when parked, 0 when the entry was not pending (settled already).
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
local stream, version = ARGV[4], nil
if stream == '' then
  stream, version = stored['s'], stored['v']
else
  version = string.match(ARGV[2], '^0%-(%d+)$')
end
redis.call('XADD', KEYS[2], '*', 's', stream, 'v', version, 't', stored['t'] or '', 'r', ARGV[3], 'n', pending[1][4])
return 1
