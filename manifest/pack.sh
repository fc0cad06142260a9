#!/usr/bin/env bash
# Builds the Teams app package: ./manifest/pack.sh <botAppId> <publicHostName>
# Fills manifest.template.json with the bot's Entra app id and the bot's public host name, and writes
# manifest/dist/responsebot.zip holding manifest.json, color.png and outline.png at its root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage="usage: $0 <botAppId> <publicHostName>   e.g. $0 00000000-0000-0000-0000-000000000000 bot.example.gov.uk"
fail() { echo "pack.sh: $1" >&2; echo "$usage" >&2; exit 2; }

[ $# -eq 2 ] || fail "expected 2 arguments, got $#"
bot_id=$(printf '%s' "$1" | tr 'A-F' 'a-f')
host=$(printf '%s' "$2" | tr 'A-Z' 'a-z')

[[ $bot_id =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]] ||
  fail "botAppId '$1' is not a GUID (the Application (client) ID of the bot's Entra app registration)"
# Teams wants bare domains in validDomains and builds https://<host>/... links from it: no scheme, port or path.
label='[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?'
tld='[a-z]([a-z0-9-]{0,61}[a-z0-9])?'
[[ $host =~ ^($label\.)+$tld$ ]] && [ ${#host} -le 253 ] ||
  fail "publicHostName '$2' is not a bare, fully qualified host name like bot.example.gov.uk (no https://, port or path)"

command -v python3 >/dev/null || fail "python3 is needed to write the zip"

manifest=$(sed -e "s/{{BOT_APP_ID}}/$bot_id/g" -e "s/{{PUBLIC_HOST}}/$host/g" "$here/manifest.template.json")
if grep -q '{{' <<<"$manifest"; then
  echo "pack.sh: the template has a placeholder pack.sh does not fill: $(grep -o '{{[^}]*}}' <<<"$manifest" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi

mkdir -p "$here/dist"
out="$here/dist/responsebot.zip"
# python3's zipfile rather than zip(1), which not every machine has. Entries go at the root, no directories.
MANIFEST="$manifest" python3 - "$out" "$here/color.png" "$here/outline.png" <<'PY'
import os, sys, zipfile
out, color, outline = sys.argv[1:]
tmp = out + ".tmp"
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("manifest.json", os.environ["MANIFEST"] + "\n")
    z.write(color, "color.png")
    z.write(outline, "outline.png")
os.replace(tmp, out)
PY
echo "$out"
