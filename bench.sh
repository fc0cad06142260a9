#!/usr/bin/env bash
# The benchmark (not part of ./test.sh): the real host pinned to core 0 against a private PostgreSQL with fsync on, a
# Bot Connector stand-in enforcing Teams' limits, signed webhook load, and card clicks measured side by side with
# Microsoft 365 Agents SDK's bare echo through the peer harness (../shared/bench/peer, or PEER_DIR). Writes
# bench-results.json and bench-results.md here. --quick: short runs, for trying it out.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
. scripts/lib.sh

peer_src=${PEER_DIR:-$root/../shared/bench/peer}
[ -f "$peer_src/run.sh" ] || { echo "The peer harness isn't at $peer_src: set PEER_DIR." >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install -y wrk)." >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is needed (util-linux)." >&2; exit 1; }
[ "$(nproc)" -ge 2 ] || { echo "Two cores are needed: the servers on core 0, the load on core 1." >&2; exit 1; }

# The harness writes its builds and results beside itself: it runs from a copy of our own.
peer=$root/.bench/peer
mkdir -p "$peer"
cp -r "$peer_src"/. "$peer"/

dotnet build ResponseBot.sln -c Release --nologo -v q
# The load generator on core 1, every thread of it (it starts PostgreSQL beside it and the host on core 0).
taskset -c 1 dotnet tests/ResponseBot.Bench/bin/Release/net10.0/ResponseBot.Bench.dll --peer "$peer" --out "$root" "$@"
