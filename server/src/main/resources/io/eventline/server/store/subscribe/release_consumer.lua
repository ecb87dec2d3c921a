-- Removes a consumer from one Redis consumer group, handing its pending entries to the placeholder
-- consumer first, idle for ARGV[4] ms (the ack timeout: the next reclaim takes them), all in one
-- step, so no entry read in between is dropped with the consumer. KEYS[1] the stream.
-- ARGV: group, consumer, placeholder consumer, idle ms. Replies the number handed back.
local released = 0
while true do
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 500, ARGV[2])
  if #pending == 0 then
    break
  end
  -- unpack() in the middle of an argument list yields one value: build the whole command instead
  local claim = {'XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0}
  for _, entry in ipairs(pending) do
    claim[#claim + 1] = entry[1]
  end
  claim[#claim + 1] = 'IDLE'
  claim[#claim + 1] = ARGV[4]
  claim[#claim + 1] = 'JUSTID'
  redis.call(unpack(claim))
  released = released + #pending
end
redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
return released
