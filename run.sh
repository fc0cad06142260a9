#!/usr/bin/env bash
# Runs ResponseBot locally with embedded defaults: a private PostgreSQL under .data/ (unless
# ConnectionStrings__ResponseBot is set), the bot on http://127.0.0.1:3978, and Microsoft's Agents
# Playground as the Teams client. Ctrl-C stops everything.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
. scripts/lib.sh

BOT_PORT=${BOT_PORT:-3978}
# Where the local database and the playground's logs live; a fresh directory is a fresh demo.
data=${RESPONSEBOT_DATA:-$root/.data}
PLAYGROUND_PORT=${PLAYGROUND_PORT:-56150}
pids=()
pg_data=""

cleanup() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$pg_data" ] && stop_pg "$pg_data"
  echo "Stopped."
}
trap cleanup INT TERM EXIT

ensure_node_tools "$root"

if [ -z "${ConnectionStrings__ResponseBot:-}" ]; then
  mkdir -p "$data"
  # The postgres user must reach the data directory; a clone under /root can't be, so the
  # cluster then lives in /tmp with .data/pg pointing at it.
  if [ ! -e "$data/pg" ]; then
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$data"; then
      ln -s "$(mktemp -d /tmp/responsebot-pg.XXXXXX)" "$data/pg"
    else
      mkdir -p "$data/pg"
    fi
  fi
  pg_data=$(readlink -f "$data/pg")
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
  pg_port=${PG_PORT:-$(free_port)}
  echo "Starting PostgreSQL in $data/pg on 127.0.0.1:$pg_port ..."
  start_pg "$pg_data" "$pg_port"
  # Two roles, as in production: the owner runs migrations, the bot connects as an app role that can only add to
  # and read the decision log (see the operator's guide, "Database roles").
  psql_pg() { as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "$1"; }
  psql_pg "select 1 from pg_roles where rolname='responsebot_owner'" | grep -q 1 || psql_pg "create role responsebot_owner login" >/dev/null
  psql_pg "select 1 from pg_roles where rolname='responsebot_app'" | grep -q 1 || psql_pg "create role responsebot_app login" >/dev/null
  psql_pg "select 1 from pg_database where datname='responsebot'" | grep -q 1 \
    || as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres -O responsebot_owner responsebot
  export ConnectionStrings__Owner="Host=127.0.0.1;Port=$pg_port;Username=responsebot_owner;Database=responsebot"
  export ConnectionStrings__ResponseBot="Host=127.0.0.1;Port=$pg_port;Username=responsebot_app;Database=responsebot"
fi

# Local defaults; anything already in the environment wins.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Bot__Authentication=${Bot__Authentication:-None}
export Demo__ReplyReceiver=${Demo__ReplyReceiver:-true}
export Accounts__demo__Platform=${Accounts__demo__Platform:-Generic}
export Accounts__demo__Handle=${Accounts__demo__Handle:-ExampleCouncil}
export Accounts__demo__DisplayName=${Accounts__demo__DisplayName:-Community Forum}
export Accounts__demo__WebhookSecret=${Accounts__demo__WebhookSecret:-demo-webhook-secret-not-for-production}
export Accounts__demo__ReplyUrl=${Accounts__demo__ReplyUrl:-http://127.0.0.1:$BOT_PORT/demo/replies}
export Replies__Templates__ReportOnline=${Replies__Templates__ReportOnline:-"Hi {author}, you can report this online and follow its progress there. Our team is back at {cover_until}."}
export Routing__TeamChannel=${Routing__TeamChannel:-auto}
# The playground's user (Alex Wilber) is on the demo rota every night and coordinates it, so "who's on call",
# "rota" (with its Add cover form), "cover me" and "calendar" all have something to show.
export Rota__Layers__Primary__Participants__0=${Rota__Layers__Primary__Participants__0:-00000000-0000-0000-0000-0000000000020}
export Rota__Coordinators__0=${Rota__Coordinators__0:-00000000-0000-0000-0000-0000000000020}
# The playground's second user is a manager, so approvals can be tried with no configuration.
export Roles__Managers__0=${Roles__Managers__0:-00000000-0000-0000-0000-0000000000021}
# The demo is always out of hours, so the rota's primary (the playground's user) gets every card at any time of day.
export Organisation__OfficeOpens=${Organisation__OfficeOpens:-00:00}
export Organisation__OfficeCloses=${Organisation__OfficeCloses:-00:00}
# Sample mentions arrive through the signed webhook by themselves; DEMO_FEED=off turns them off.
if [ "${DEMO_FEED:-on}" = off ]; then export Demo__Feed=false; else export Demo__Feed=${Demo__Feed:-true}; fi
export Calendar__PublicBaseUrl=${Calendar__PublicBaseUrl:-http://127.0.0.1:$BOT_PORT}
export Replies__Templates__Emergency=${Replies__Templates__Emergency:-"Hi {author}, if anyone is in danger please call 999 now. For non-emergencies call 101."}

echo "Building..."
dotnet build bot/ResponseBot.Host -c Release -v q -nologo | grep -E "error|Warn|Elapsed" || true
# The first generation's budget, as the operator's guide sets it ("Running the bot"); the runtime reads it from the environment only.
DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x2000000} setsid dotnet bot/ResponseBot.Host/bin/Release/net10.0/ResponseBot.Host.dll --urls "http://127.0.0.1:$BOT_PORT" &
pids+=($!)
wait_http "http://127.0.0.1:$BOT_PORT/readyz" 60 || { echo "The bot did not become ready; see the log above."; exit 1; }

mkdir -p "$data/playground"
# The playground writes its logs under its working directory. A fixed personal chat id keeps the chat
# the database remembers valid across restarts (real Teams ids are stable; the playground's are not).
cd "$data/playground"
TEAMSAPPTESTER_BROWSER=none setsid "$root/tests/node/node_modules/.bin/agentsplayground" \
  -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT" \
  --conversation-id responsebot-demo-personal-chat < /dev/null > playground.log 2>&1 &
pids+=($!)
cd "$root"
wait_http "http://127.0.0.1:$PLAYGROUND_PORT/" 60 || { echo "The Agents Playground did not start; see $data/playground/playground.log"; exit 1; }

cat <<MSG

  ResponseBot is running.
    Teams client (Agents Playground):  http://127.0.0.1:$PLAYGROUND_PORT
    Bot endpoint:                      http://127.0.0.1:$BOT_PORT/api/messages
    Published replies (demo receiver): http://127.0.0.1:$BOT_PORT/demo/replies
    Demo account "demo" webhook secret: $Accounts__demo__WebhookSecret

  1. Open the Teams client: sample mentions arrive in the Personal Chat by themselves over the next few
     minutes (a complaint, a question, personal data, politics, a journalist, an emergency, a small storm).
     DEMO_FEED=off ./run.sh starts without them.
  2. Approve, edit, escalate, dismiss, "I'm on it" or snooze them. Mentions about elections, the media or
     personal data need a manager: switch to the playground's second user, who is one, and approve there.
  3. Send "help", "open", "who's on call" or "rota": you are on the demo rota and coordinate it (Add cover).
  4. Your own mention, from another terminal:  scripts/send-mention.sh "Streetlight out on Mill Lane?"
     Ctrl-C here stops everything.

MSG
wait "${pids[0]}"
