-- Moves up to ARGV[1] parked messages (0: all) back into the group's replay stream, oldest first.
-- KEYS[1] parked stream, KEYS[2] replay stream. Replies the number moved.
local limit = tonumber(ARGV[1])
local entries
if limit > 0 then
  entries = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', limit)
else
  entries = redis.call('XRANGE', KEYS[1], '-', '+')
end
for _, entry in ipairs(entries) do
  local fields = entry[2]
  local pointer = {}
  for i = 1, #fields, 2 do
    if fields[i] == 's' or fields[i] == 'v' or fields[i] == 't' then
      pointer[#pointer + 1] = fields[i]
      pointer[#pointer + 1] = fields[i + 1]
    end
  end
  redis.call('XADD', KEYS[2], '*', unpack(pointer))
  redis.call('XDEL', KEYS[1], entry[1])
end
return #entries
