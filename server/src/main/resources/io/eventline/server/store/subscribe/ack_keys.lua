-- The keys that seal ack ids: KEYS[1] a hash of ACK_KEYS.current (key id), ACK_KEYS.since (ms it
-- became current) and ACK_KEYS.key .. <id> (32 secret bytes). Creates key 1 on a store's first start; rotates when the current
-- key is older than ARGV[2] ms (negative: never), keeping only the previous key beside the new one.
-- ARGV: now (ms), rotation age (ms), 32 fresh random bytes. Replies HGETALL of the hash.
local now = tonumber(ARGV[1])
local current = tonumber(redis.call('HGET', KEYS[1], ACK_KEYS.current))
if current == nil then
  redis.call('HSET', KEYS[1], ACK_KEYS.current, 1, ACK_KEYS.since, now, ACK_KEYS.key .. 1, ARGV[3])
else
  local age = tonumber(ARGV[2])
  local since = tonumber(redis.call('HGET', KEYS[1], ACK_KEYS.since))
  if age >= 0 and now - since >= age then
    local next = current + 1
    redis.call('HSET', KEYS[1], ACK_KEYS.current, next, ACK_KEYS.since, now, ACK_KEYS.key .. next, ARGV[3])
    redis.call('HDEL', KEYS[1], ACK_KEYS.key .. (current - 1))
  end
end
return redis.call('HGETALL', KEYS[1])
