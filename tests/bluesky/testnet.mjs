// Starts Bluesky's own servers (PLC, PDS, AppView, with bsync and Ozone, from @atproto/dev-env) for the tests,
// creates the council's account and a resident's, prints one line `BSKY_TESTNET_READY {json}` on stdout and
// runs until stdin closes or SIGTERM/SIGINT, then shuts the network down. Logs go to stderr.
//   node testnet.mjs --db postgresql://postgres@127.0.0.1:5432/somedb
// Needs Node 22 (dev-env does not load on Node 20) and a PostgreSQL database for the AppView.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

const args = process.argv.slice(2)
const db = args.includes('--db') ? args[args.indexOf('--db') + 1] : process.env.DB_POSTGRES_URL
if (!db) {
  console.error('usage: node testnet.mjs --db postgresql://USER@HOST:PORT/DATABASE')
  process.exit(2)
}

const t0 = Date.now()
// TestNetwork insists on REDIS_HOST though nothing here connects to it; its logs are noise unless asked for.
process.env.REDIS_HOST ??= 'localhost:6379'
process.env.LOG_ENABLED ??= 'false'

const { TestNetwork, JWT_SECRET } = await import('@atproto/dev-env')
const pg = (await import('pg')).default

// The PDSs keep their SQLite files and blobs under os.tmpdir(): point that at a folder removed on shutdown.
// (Set after the import, so dev-env's port reservations stay in the shared temp folder.)
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'bsky-testnet-'))
process.env.TMPDIR = work

// One schema set per run (appview_X, bsync_X, ozone_X), so networks can share a database; letters and _ only.
const schema = 'tn_' + [...randomBytes(10)].map((b) => String.fromCharCode(97 + (b % 26))).join('')
const dropSchemas = async () => {
  const client = new pg.Client({ connectionString: db })
  await client.connect()
  try {
    for (const s of ['appview', 'bsync', 'ozone']) await client.query(`drop schema if exists "${s}_${schema}" cascade`)
  } finally {
    await client.end()
  }
}

// No ports given: dev-env picks free ones and reserves them across processes. Handles must end in .test.
const net = await TestNetwork.create({ dbPostgresUrl: db, dbPostgresSchema: schema, pds: { hostname: 'localhost' } })
  .catch(async (err) => {
    await fs.rm(work, { recursive: true, force: true })
    throw err
  })
const tNetwork = Date.now() - t0

// Accounts are made the way a person's client makes them: XRPC on the PDS.
const xrpc = async (nsid, body) => {
  const res = await fetch(`${net.pds.url}/xrpc/${nsid}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(`${nsid} ${res.status}: ${JSON.stringify(json)}`)
  return json
}
const accounts = {}
for (const [role, handle, password] of [
  ['council', 'council.test', 'council-pass-1'],
  ['resident', 'resident.test', 'resident-pass-1'],
]) {
  const { did } = await xrpc('com.atproto.server.createAccount', { handle, password, email: `${role}@example.com` })
  accounts[role] = { handle, did, password }
}
await net.processAll() // the AppView knows both accounts before anyone posts

const ready = {
  pds: net.pds.url,
  appview: net.bsky.url,
  plc: net.plc.url,
  pdsDid: net.pds.ctx.cfg.service.did,
  appviewDid: net.bsky.ctx.cfg.serverDid,
  // Session JWTs are HS256 with dev-env's fixed secret: lets a test mint an already-expired access token.
  jwtSecret: JWT_SECRET,
  accounts,
  startupMs: { network: tNetwork, total: Date.now() - t0 },
}
process.stdout.write(`BSKY_TESTNET_READY ${JSON.stringify(ready)}\n`)

let closing = false
const shutdown = async (why) => {
  if (closing) return
  closing = true
  console.error(`testnet: shutting down (${why})`)
  setTimeout(() => process.exit(1), 20000).unref() // a hung close must not outlive the tests
  let code = 0
  try {
    await net.close()
    await dropSchemas()
  } catch (err) {
    console.error('testnet: error on shutdown', err)
    code = 1
  }
  await fs.rm(work, { recursive: true, force: true })
  process.exit(code)
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
process.stdin.on('end', () => shutdown('stdin closed'))
process.stdin.on('error', () => shutdown('stdin error'))
process.stdin.resume()
