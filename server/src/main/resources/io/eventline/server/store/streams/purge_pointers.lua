-- Removes the $all pointers of up to ARGV[1] events of a hard-deleted stream, and those events.
-- KEYS[1] the purge key (the deleted stream's events), KEYS[2] the partition log. Each event's
-- position field is its pointer's entry ID. Deletes the purge key once it is empty. Replies the number of
-- events purged: fewer than ARGV[1] means done.
local count = tonumber(ARGV[1])
local entries = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', count)
for _, entry in ipairs(entries) do
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == EVENT.position then
      redis.call('XDEL', KEYS[2], fields[i + 1])
    end
  end
  redis.call('XDEL', KEYS[1], entry[1])
end
if #entries < count then
  redis.call('DEL', KEYS[1])
end
return #entries
