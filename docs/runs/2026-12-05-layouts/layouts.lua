-- Redis bytes per event of candidate storage layouts: ARGV[2] streams of ARGV[3] single-event appends
-- of ARGV[4] bytes, written round-robin, as the memory scenario does (docs/benchmarks.md, "Memory").
-- Run once per layout on an empty Redis and compare used_memory before and after (layouts.sh).
local layout = ARGV[1]
local streams = tonumber(ARGV[2])
local per_stream = tonumber(ARGV[3])
local data = string.rep('x', tonumber(ARGV[4]))
local event_type = 'BenchEvent'
local window = 16

local function record(version, millis, seq, fingerprint)
  return '\1' .. struct.pack('>I6I6I4', version, millis, seq) .. fingerprint
end

for version = 1, per_stream do
  for s = 1, streams do
    local name = 'benchmx9p0aqn-m-' .. s
    local id = string.sub(redis.sha1hex(name .. version), 1, 16)
    if layout == 'xadd' then
      redis.call('XADD', 'x:' .. name, '*', 'i', id, 't', event_type, 'd', data, 'c', '', 'm', '')
    else
      -- the pointer in the partition log
      local position
      if layout == 'numeric-id' or layout == 'numeric-id-no-type' then
        if version == 1 then
          redis.call('HSET', 'ids', name, s)
          redis.call('HSET', 'names', s, name)
        end
        if layout == 'numeric-id' then
          position = redis.call('XADD', 'log', '*', 's', s, 'v', version, 't', event_type)
        else
          position = redis.call('XADD', 'log', '*', 's', s, 'v', version)
        end
      else
        position = redis.call('XADD', 'log', '*', 's', name, 'v', version, 't', event_type)
      end
      -- the event in its stream
      if layout == 'no-position' then
        redis.call('XADD', 's:' .. name, '0-' .. version, 'i', id, 't', event_type, 'd', data, 'c', '', 'm', '')
      elseif layout == 'binary-position' then
        local millis, seq = string.match(position, '^(%d+)%-(%d+)$')
        redis.call('XADD', 's:' .. name, '0-' .. version, 'i', id, 't', event_type, 'd', data, 'c', '', 'm', '', 'p',
          struct.pack('>I6I4', tonumber(millis), tonumber(seq)))
      elseif layout == 'position-in-id' then
        -- the entry ID says version and position: <version>-<millis * 2^20 + sequence>
        local millis, seq = string.match(position, '^(%d+)%-(%d+)$')
        redis.call('XADD', 's:' .. name, version .. '-' .. string.format('%d', tonumber(millis) * 1048576 + tonumber(seq)),
          'i', id, 't', event_type, 'd', data, 'c', '', 'm', '')
      else
        redis.call('XADD', 's:' .. name, '0-' .. version, 'i', id, 't', event_type, 'd', data, 'c', '', 'm', '', 'p', position)
      end
      -- the meta hash, with a retry record per append unless the layout drops them
      local meta = {'v', version, 'a', version}
      if version == 1 then
        meta[#meta + 1] = 'c'
        meta[#meta + 1] = string.match(position, '^(%d+)')
      end
      if layout ~= 'no-records' then
        local millis, seq = string.match(position, '^(%d+)%-(%d+)$')
        meta[#meta + 1] = 'r' .. ((version - 1) % window)
        meta[#meta + 1] = record(version, tonumber(millis), tonumber(seq), string.sub(id, 1, 8))
      end
      redis.call('HSET', 'm:' .. name, unpack(meta))
    end
  end
end
return 'ok'
