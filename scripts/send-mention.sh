#!/usr/bin/env bash
# Sends one signed mention to ResponseBot's generic webhook, as any listening tool would.
#   scripts/send-mention.sh "text" [author-handle]
# Environment: BOT_URL (default http://127.0.0.1:3978), ACCOUNT (default demo),
#              SECRET (default: the demo secret run.sh uses).
set -euo pipefail
text=${1:?usage: send-mention.sh "text" [author-handle]}
handle=${2:-resident_$RANDOM}
BOT_URL=${BOT_URL:-http://127.0.0.1:3978}
ACCOUNT=${ACCOUNT:-demo}
SECRET=${SECRET:-${Accounts__demo__WebhookSecret:-demo-webhook-secret-not-for-production}}
id="demo-$(date +%s%N)"
body=$(python3 -c 'import json,sys; print(json.dumps({"account":sys.argv[1],"id":sys.argv[2],"author":{"handle":sys.argv[3],"name":"A Resident","url":"https://social.example/@"+sys.argv[3]},"text":sys.argv[4],"url":"https://social.example/posts/"+sys.argv[2],"createdAt":sys.argv[5]}))' \
  "$ACCOUNT" "$id" "$handle" "$text" "$(date -u +%Y-%m-%dT%H:%M:%SZ)")
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.*= //')
curl -sS -X POST "$BOT_URL/api/webhooks/generic" \
  -H "Content-Type: application/json" \
  -H "X-ResponseBot-Timestamp: $ts" \
  -H "X-ResponseBot-Signature: sha256=$sig" \
  --data-binary "$body" -w '  (HTTP %{http_code})\n'
