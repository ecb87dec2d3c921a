-- Forgets consumers the server named (c- and 8 hex digits) that hold no pending delivery and have
-- been idle for at least ARGV[2] ms, in one Redis consumer group (ARGV[1]) of KEYS[1]. The check and
-- the removal are one step, so a consumer that reads meanwhile is kept. Replies the number removed.
local consumers = redis.pcall('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
if consumers.err then
  -- no such key or group (e.g. deleted meanwhile): nothing to sweep
  return 0
end
local min_idle = tonumber(ARGV[2])
local removed = 0
for _, consumer in ipairs(consumers) do
  local info = {}
  for i = 1, #consumer, 2 do
    info[consumer[i]] = consumer[i + 1]
  end
  if string.match(info['name'], '^c%-[0-9a-f]+$') and #info['name'] == 10 and info['pending'] == 0 and info['idle'] >= min_idle then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
    removed = removed + 1
  end
end
return removed
