-- Moves up to ARGV[1] parked messages back into the group's replay stream, oldest first. The caller
-- asks for at most a bounded chunk per call (ParkedReplay), so one call's cost does not depend on how
-- many messages a group parked. KEYS[1] parked stream, KEYS[2] replay stream. Replies the number moved.
local limit = tonumber(ARGV[1])
if limit == nil or limit < 1 then
  return redis.error_reply('ERR replay_parked.lua needs a count of at least 1')
end
local entries = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', limit)
for _, entry in ipairs(entries) do
  local fields = entry[2]
  local pointer = {}
  for i = 1, #fields, 2 do
    if fields[i] == POINTER.stream or fields[i] == POINTER.version or fields[i] == POINTER.type then
      pointer[#pointer + 1] = fields[i]
      pointer[#pointer + 1] = fields[i + 1]
    end
  end
  redis.call('XADD', KEYS[2], '*', unpack(pointer))
  redis.call('XDEL', KEYS[1], entry[1])
end
return #entries
