-- Parks a pending delivery: copies its pointer to the group's parked stream and acknowledges it,
-- atomically, so it is neither lost nor parked twice. KEYS[1] the key holding the pending entry,
-- KEYS[2] the parked stream. ARGV: group, entry id, stream, version, type, reason, delivery count.
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('XADD', KEYS[2], '*', 's', ARGV[3], 'v', ARGV[4], 't', ARGV[5], 'r', ARGV[6], 'n', ARGV[7])
return 1
