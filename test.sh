#!/usr/bin/env bash
# Installs what the tests need (Debian chromium, PostgreSQL 15 and Node if missing; the npm tools
# from tests/node/package-lock.json; Bluesky's servers and Node 22 from tests/bluesky/package-lock.json),
# then runs every test in the solution: unit, integration against a real PostgreSQL and Bluesky's own
# servers, and end-to-end through the Agents Playground in headless Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
. scripts/lib.sh

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
command -v curl >/dev/null || missing+=(curl)
# better-sqlite3 (in tests/bluesky) compiles from source.
command -v g++ >/dev/null && command -v make >/dev/null || missing+=(g++ make)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages: ${missing[*]}. Install them (as root) and run again." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

ensure_node_tools "$root"
ensure_bluesky_tools "$root"

dotnet test ResponseBot.sln -c Release --nologo "$@"
