#!/bin/bash
# usage: node-sizes.sh PORT — plain XADD against today's layout over stream-node-max-bytes and stream shapes
set -euo pipefail
port=${1:?port of a throwaway Redis}
cd "$(dirname "$0")"
for shape in "2000 10 200" "2000 10 100" "2000 10 500" "2000 10 1000" "200 100 200" "200 100 1000" "4000 3 200"; do
  set -- $shape
  for node_bytes in 1024 1536 2048 4096; do
    echo "$1 streams x $2 events of $3 B, stream-node-max-bytes $node_bytes: $(./layouts.sh "$port" "$node_bytes" "$1" "$2" "$3" xadd today | tr -s ' ' | tr '\n' ' ')"
  done
done
