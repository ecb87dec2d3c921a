-- Appends batches of events to streams of one partition (DESIGN.md, "Storage in Redis"), each batch
-- atomically and checked and answered on its own: group commit sends the appends that queued for a
-- partition in one call, in order, so an append sees the writes of those before it (a retry next to its
-- original is found). All keys share the partition's hash slot.
-- KEYS: 4 per append: meta hash, stream, partition log, age index (set_retention.lua).
-- ARGV[1] dedup window (appends), then per append: stream name, expected kind (any | no_stream |
-- stream_exists | exact), expected version (for exact), event count, the events' id fingerprints (8 bytes
-- each, concatenated), then 5 per event: id (16 bytes), type, data, content type, metadata. Every append is
-- checked for a retry by its ids, whoever chose them: the server fixes its ids before the first send, so a
-- resend of this script (a client reconnect) appends nothing twice.
-- Replies, flat, per append: the length of its reply, then {'OK'|'DUP', first, last, position...},
-- {'WRONG', actual}, {'CONFLICT', actual} or {'DELETED', actual}.
-- Everything that can fail is checked before the first write: Redis does not roll a script back.
-- The helpers are top-level functions, not closures made per append: this script runs for every append.
local WIDTH = 5
local HEAD = 4
local window = tonumber(ARGV[1])

-- The meta hash keeps a record of each of the stream's last `window` appends in fields r0..r<window-1>
-- (a ring; 'a' counts the appends). A record is a marker byte, the first version (6 bytes), the first
-- position's millis (6) and sequence (4), big-endian, then the events' id fingerprints: a retry is
-- answered from the record alone, and looking for one costs the same whatever the events' size. Records
-- of an older format (no marker) are never matched; the ring overwrites them.
local RECORD_MARKER = '\1'
local RECORD_HEADER = '>I6I6I4'
local RECORD_IDS_AT = 18
local FINGERPRINT = 8

-- The names of the first n record fields.
local function record_fields(n)
  local fields = {}
  for slot = 1, n do
    fields[slot] = META.record .. (slot - 1)
  end
  return fields
end

local function text(number)
  return string.format('%d', number)
end

-- A stored entry's field by name (entries are {id, {field, value, ...}}).
local function field(entry, name)
  local values = entry[2]
  for at = 1, #values, 2 do
    if values[at] == name then
      return values[at + 1]
    end
  end
  return nil
end

local function version_of(entry)
  return string.match(entry[1], '^0%-(%d+)$')
end

-- A retry of an append with exact(n) lands right after version n: this reads the request's own number of
-- events (whole: Redis cannot read one field of a stream entry), and only when the version is not n.
local function check_after(stream_key, version, n, events_at, count)
  local entries = redis.call('XRANGE', stream_key, '0-' .. text(n + 1), '0-' .. text(n + count))
  local stored = {}
  for _, entry in ipairs(entries) do
    stored[field(entry, EVENT.id)] = true
  end
  local exact = #entries == count
  local overlap = false
  for k = 1, count do
    local id = ARGV[events_at + (k - 1) * WIDTH]
    if stored[id] then
      overlap = true
    end
    if exact and field(entries[k], EVENT.id) ~= id then
      exact = false
    end
  end
  if exact then
    local reply = {'DUP', version_of(entries[1]), version_of(entries[count])}
    for k = 1, count do
      reply[3 + k] = field(entries[k], EVENT.position)
    end
    return reply
  end
  if overlap then
    return {'CONFLICT', version}
  end
  return {'WRONG', version}
end

-- Is this fingerprint one of the record's (at a fingerprint's boundary)?
local function contains(ids, fingerprint)
  local found = string.find(ids, fingerprint, 1, true)
  while found do
    if found % FINGERPRINT == 1 then
      return true
    end
    found = string.find(ids, fingerprint, found + 1, true)
  end
  return false
end

-- Without an expected version a retry is found among the records of the stream's last appends: the same
-- fingerprints in the same order are the same append; a fingerprint of the request inside another
-- record is an overlap.
local function check_recent(meta_key, version, recorded, fingerprints, count)
  if recorded == 0 then
    return nil
  end
  local records = redis.call('HMGET', meta_key, unpack(record_fields(recorded)))
  -- the common case, no id seen before, costs one search per event over all records together
  local stored = {}
  for _, record in ipairs(records) do
    if record then
      stored[#stored + 1] = record
    end
  end
  stored = table.concat(stored)
  local seen = false
  for k = 1, #fingerprints, FINGERPRINT do
    if string.find(stored, string.sub(fingerprints, k, k + FINGERPRINT - 1), 1, true) then
      seen = true
      break
    end
  end
  if not seen then
    return nil
  end
  for _, record in ipairs(records) do
    if record and string.sub(record, 1, 1) == RECORD_MARKER then
      local ids = string.sub(record, RECORD_IDS_AT)
      if ids == fingerprints then
        local first, millis, sequence = struct.unpack(RECORD_HEADER, record, 2)
        local reply = {'DUP', text(first), text(first + count - 1)}
        for k = 1, count do
          reply[3 + k] = text(millis) .. '-' .. text(sequence + k - 1)
        end
        return reply
      end
      for k = 1, #fingerprints, FINGERPRINT do
        if contains(ids, string.sub(fingerprints, k, k + FINGERPRINT - 1)) then
          return {'CONFLICT', version}
        end
      end
    end
  end
  return nil
end

-- Retention: keep at most max-count events, and none older than max-age. The age index (one entry per
-- append, ID <millis>-<last version>) says from IDs alone up to which version events are too old, so
-- this reads one small entry whatever the events' size.
local function retain(stream_key, age_key, max_count, max_age, now, last_version)
  if max_count then
    redis.call('XTRIM', stream_key, 'MAXLEN', max_count)
  end
  if max_age then
    redis.call('XADD', age_key, text(now) .. '-' .. last_version, AGE.mark, '')
    local cutoff = now - tonumber(max_age)
    local too_old = redis.call('XREVRANGE', age_key, '(' .. text(cutoff) .. '-0', '-', 'COUNT', 1)[1]
    if too_old then
      local last_too_old = tonumber(string.match(too_old[1], '%-(%d+)$'))
      redis.call('XTRIM', stream_key, 'MINID', '0-' .. text(last_too_old + 1))
      redis.call('XTRIM', age_key, 'MINID', text(cutoff) .. '-0')
    end
  end
end

local function append(meta_key, stream_key, log_key, age_key, name, kind, expected, count, fingerprints, events_at)
  local meta = redis.call('HMGET', meta_key, META.version, META.tombstone, META.deleted, META.max_count, META.max_age, META.appends)
  local version = tonumber(meta[1]) or 0
  if meta[2] then
    return {'DELETED', version}
  end
  local live = version > 0 and not meta[3]
  local appends = meta[3] and 0 or (tonumber(meta[6]) or 0)

  if kind == 'exact' then
    if version ~= expected then
      if version > expected then
        return check_after(stream_key, version, expected, events_at, count)
      end
      return {'WRONG', version}
    end
  elseif kind == 'no_stream' then
    if live then
      return check_after(stream_key, version, 0, events_at, count)
    end
  else
    if kind == 'stream_exists' and not live then
      return {'WRONG', version}
    end
    if live then
      local reply = check_recent(meta_key, version, math.min(appends, window), fingerprints, count)
      if reply then
        return reply
      end
    end
  end

  -- The first pointer takes an auto ID (Redis's clock); the batch's other pointers follow in the same
  -- millisecond, so all events of one append share one recorded time.
  local reply = {'OK', text(version + 1), text(version + count)}
  local first_millis, first_sequence
  for k = 1, count do
    local at = events_at + (k - 1) * WIDTH
    local event_version = text(version + k)
    local id = '*'
    if k > 1 then
      id = first_millis .. '-' .. text(first_sequence + k - 1)
    end
    local position = redis.call('XADD', log_key, id, POINTER.stream, name, POINTER.version, event_version, POINTER.type, ARGV[at + 1])
    if k == 1 then
      first_millis, first_sequence = string.match(position, '^(%d+)%-(%d+)$')
      first_sequence = tonumber(first_sequence)
    end
    redis.call('XADD', stream_key, '0-' .. event_version,
      EVENT.id, ARGV[at], EVENT.type, ARGV[at + 1], EVENT.data, ARGV[at + 2], EVENT.content_type, ARGV[at + 3],
      EVENT.metadata, ARGV[at + 4], EVENT.position, position)
    reply[3 + k] = position
  end

  local now = tonumber(first_millis)
  if meta[3] then
    -- a soft delete ended the stream's past: the appends before it are no retries' targets any more
    redis.call('HDEL', meta_key, META.deleted, META.appends, unpack(record_fields(window)))
  end
  local update = {META.version, reply[3]}
  if not meta[1] then
    update[#update + 1] = META.created
    update[#update + 1] = text(now)
  end
  if window > 0 then
    update[#update + 1] = META.record .. (appends % window)
    update[#update + 1] = RECORD_MARKER .. struct.pack(RECORD_HEADER, version + 1, now, first_sequence) .. fingerprints
    update[#update + 1] = META.appends
    update[#update + 1] = text(appends + 1)
  end
  redis.call('HSET', meta_key, unpack(update))

  retain(stream_key, age_key, meta[4], meta[5], now, reply[3])
  return reply
end

local replies = {}
local arg = 2
for k = 1, #KEYS, 4 do
  local count = tonumber(ARGV[arg + 3])
  local reply = append(KEYS[k], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], ARGV[arg], ARGV[arg + 1], tonumber(ARGV[arg + 2]),
    count, ARGV[arg + 4], arg + HEAD + 1)
  replies[#replies + 1] = #reply
  for _, element in ipairs(reply) do
    replies[#replies + 1] = element
  end
  arg = arg + HEAD + 1 + count * WIDTH
end
return replies
