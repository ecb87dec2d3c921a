-- Appends batches of events to streams of one partition (DESIGN.md, "Storage in Redis"), each batch
-- atomically and checked and answered on its own: group commit sends the appends that queued for a
-- partition in one call, in order, so an append sees the writes of those before it (a retry next to its
-- original is found). All keys share the partition's hash slot.
-- KEYS: 4 per append: meta hash, stream, partition log, age index (set_retention.lua).
-- ARGV[1] dedup window (appends), then per append: stream name, expected kind (any | no_stream |
-- stream_exists | exact), expected version (for exact), event count, then 5 per event: id (16 bytes),
-- type, data, content type, metadata. Every append is checked for a retry by its ids, whoever chose them:
-- the server fixes its ids before the first send, so a resend of this script (a client reconnect)
-- appends nothing twice.
-- Replies, flat, per append: the length of its reply, then {'OK'|'DUP', first, last, position...},
-- {'WRONG', actual}, {'CONFLICT', actual} or {'DELETED', actual}.
-- Everything that can fail is checked before the first write: Redis does not roll a script back.
local window = tonumber(ARGV[1])
local WIDTH = 5

local function append(meta_key, stream_key, log_key, age_key, name, kind, expected, events_at, count)
  local meta = redis.call('HMGET', meta_key, 'v', 'x', 'd', 'mc', 'ma', 'a')
  local version = tonumber(meta[1]) or 0
  if meta[2] then
    return {'DELETED', version}
  end
  local live = version > 0 and not meta[3]

  local function request_id(k)
    return ARGV[events_at + (k - 1) * WIDTH]
  end

  -- Stored entries are {id, {'i', id, 't', type, 'd', data, 'c', ct, 'm', meta, 'p', position}}.
  -- Are the request's ids exactly these entries'? Is any of them among the entries?
  local function compare(entries)
    local exact = #entries == count
    local stored = {}
    for _, entry in ipairs(entries) do
      stored[entry[2][2]] = true
    end
    local overlap = false
    for k = 1, count do
      if stored[request_id(k)] then
        overlap = true
      end
      if exact and entries[k][2][2] ~= request_id(k) then
        exact = false
      end
    end
    return exact, overlap
  end

  local function version_of(entry)
    return string.match(entry[1], '^0%-(%d+)$')
  end

  local function duplicate_reply(entries)
    local reply = {'DUP', version_of(entries[1]), version_of(entries[count])}
    for k = 1, count do
      reply[3 + k] = entries[k][2][12]
    end
    return reply
  end

  -- A retry of an append with exact(n) lands right after version n: this reads the request's own number of
  -- events (whole: Redis cannot read one field of a stream entry), and only when the version is not n.
  local function check_after(n)
    local entries = redis.call('XRANGE', stream_key, string.format('0-%d', n + 1), string.format('0-%d', n + count))
    local exact, overlap = compare(entries)
    if exact then
      return duplicate_reply(entries)
    end
    if overlap then
      return {'CONFLICT', version}
    end
    return {'WRONG', version}
  end

  -- The meta hash keeps a record of each of the stream's last `window` appends, in fields r0..r<window-1>
  -- (a ring; 'a' counts the appends): "<first version> <first position> <ids>", the ids 16 bytes each. The
  -- batch's positions follow from the first (see below), so a retry is answered from the record alone, and
  -- looking for one reads window x 16 bytes per event id, whatever the events' size.
  local function record_fields()
    local fields = {}
    for slot = 0, window - 1 do
      fields[#fields + 1] = 'r' .. slot
    end
    return fields
  end

  local function request_ids()
    local ids = {}
    for k = 1, count do
      ids[k] = request_id(k)
    end
    return table.concat(ids)
  end

  local function check_recent()
    local wanted = request_ids()
    local stored = {}
    for _, record in ipairs(redis.call('HMGET', meta_key, unpack(record_fields()))) do
      if record then
        local first, millis, sequence, ids_at = string.match(record, '^(%d+) (%d+)%-(%d+) ()')
        local ids = string.sub(record, ids_at)
        if ids == wanted then
          local reply = {'DUP', first, string.format('%d', tonumber(first) + count - 1)}
          for k = 1, count do
            reply[3 + k] = millis .. '-' .. string.format('%d', tonumber(sequence) + k - 1)
          end
          return reply
        end
        for at = 1, #ids, 16 do
          stored[string.sub(ids, at, at + 15)] = true
        end
      end
    end
    for k = 1, count do
      if stored[request_id(k)] then
        return {'CONFLICT', version}
      end
    end
    return nil
  end

  if kind == 'exact' then
    if version ~= expected then
      if version > expected then
        return check_after(expected)
      end
      return {'WRONG', version}
    end
  elseif kind == 'no_stream' then
    if live then
      return check_after(0)
    end
  else
    if kind == 'stream_exists' and not live then
      return {'WRONG', version}
    end
    -- Without an expected version a retry is found among the records of the stream's last appends.
    if live and window > 0 then
      local reply = check_recent()
      if reply then
        return reply
      end
    end
  end

  -- The first pointer takes an auto ID (Redis's clock); the batch's other pointers follow in the same
  -- millisecond, so all events of one append share one recorded time.
  local reply = {'OK', string.format('%d', version + 1), string.format('%d', version + count)}
  local first_millis, first_sequence
  for k = 1, count do
    local base = events_at + (k - 1) * WIDTH
    local event_version = string.format('%d', version + k)
    local id = '*'
    if k > 1 then
      id = first_millis .. '-' .. string.format('%d', first_sequence + k - 1)
    end
    local position = redis.call('XADD', log_key, id, 's', name, 'v', event_version, 't', ARGV[base + 1])
    if k == 1 then
      first_millis, first_sequence = string.match(position, '^(%d+)%-(%d+)$')
      first_sequence = tonumber(first_sequence)
    end
    redis.call('XADD', stream_key, '0-' .. event_version,
      'i', ARGV[base], 't', ARGV[base + 1], 'd', ARGV[base + 2], 'c', ARGV[base + 3], 'm', ARGV[base + 4], 'p', position)
    reply[3 + k] = position
  end

  local now = tonumber(string.match(reply[4], '^(%d+)'))
  if meta[1] then
    redis.call('HSET', meta_key, 'v', reply[3])
  else
    redis.call('HSET', meta_key, 'v', reply[3], 'c', string.format('%d', now))
  end
  if meta[3] then
    -- a soft delete ended the stream's past: the appends before it are no retries' targets any more
    redis.call('HDEL', meta_key, 'd', 'a', unpack(record_fields()))
  end
  if window > 0 then
    local appends = meta[3] and 0 or (tonumber(meta[6]) or 0)
    redis.call('HSET', meta_key, 'r' .. (appends % window), reply[2] .. ' ' .. reply[4] .. ' ' .. request_ids(),
      'a', string.format('%d', appends + 1))
  end

  -- Retention: keep at most max-count events, and none older than max-age. The age index (one entry per
  -- append, ID <millis>-<last version>) says from IDs alone up to which version events are too old, so
  -- this reads one small entry whatever the events' size.
  if meta[4] then
    redis.call('XTRIM', stream_key, 'MAXLEN', meta[4])
  end
  if meta[5] then
    redis.call('XADD', age_key, string.format('%d-%s', now, reply[3]), 'a', '')
    local cutoff = now - tonumber(meta[5])
    local too_old = redis.call('XREVRANGE', age_key, string.format('(%d-0', cutoff), '-', 'COUNT', 1)[1]
    if too_old then
      local last_too_old = tonumber(string.match(too_old[1], '%-(%d+)$'))
      redis.call('XTRIM', stream_key, 'MINID', string.format('0-%d', last_too_old + 1))
      redis.call('XTRIM', age_key, 'MINID', string.format('%d-0', cutoff))
    end
  end
  return reply
end

local replies = {}
local arg = 2
for k = 1, #KEYS, 4 do
  local count = tonumber(ARGV[arg + 3])
  local reply = append(KEYS[k], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], ARGV[arg], ARGV[arg + 1], tonumber(ARGV[arg + 2]), arg + 4, count)
  replies[#replies + 1] = #reply
  for _, element in ipairs(reply) do
    replies[#replies + 1] = element
  end
  arg = arg + 4 + count * WIDTH
end
return replies
