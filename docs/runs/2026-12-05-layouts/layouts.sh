#!/bin/bash
# usage: layouts.sh PORT [NODE_BYTES STREAMS EVENTS PAYLOAD [LAYOUT ...]]
# PORT: a throwaway Redis (it is flushed). Prints Redis bytes per event for each layout of layouts.lua.
# Defaults: the memory scenario's shape (stream-node-max-bytes 1024, 2000 streams x 10 events of 200 B), every layout.
set -euo pipefail
port=${1:?port of a throwaway Redis}
node_bytes=${2:-1024}; streams=${3:-2000}; events=${4:-10}; payload=${5:-200}
shift $(( $# < 5 ? $# : 5 ))
layouts=("$@")
if [ ${#layouts[@]} -eq 0 ]; then
  layouts=(xadd today binary-position no-position position-in-id no-records numeric-id numeric-id-no-type)
fi
cd "$(dirname "$0")"
used() { redis-cli -p "$port" info memory | tr -d '\r' | sed -n 's/^used_memory://p'; }
redis-cli -p "$port" config set stream-node-max-bytes "$node_bytes" > /dev/null
for layout in "${layouts[@]}"; do
  redis-cli -p "$port" flushall > /dev/null
  before=$(used)
  redis-cli -p "$port" --eval layouts.lua , "$layout" "$streams" "$events" "$payload" > /dev/null
  after=$(used)
  awk -v l="$layout" -v b=$((after - before)) -v n=$((streams * events)) 'BEGIN { printf "%-20s %7.1f B/event\n", l, b / n }'
done
