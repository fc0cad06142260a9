// A real SMTP server for the paging tests (nodemailer's smtp-server): accepts mail on 127.0.0.1 and writes each message,
// whole, as one JSON line on stdout ({"from", "to", "data"}); the first line is {"port": n}.
//   node smtp-sink.mjs [--user U --password P] [--fail-first N]
// --user/--password require that login (AUTH PLAIN/LOGIN, allowed without TLS here: the tests run on loopback).
// --fail-first N answers the first N messages' DATA with 451 (a transient failure), as a busy server would.
import { SMTPServer } from 'smtp-server';

const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const user = arg('--user');
const password = arg('--password');
let failFirst = Number(arg('--fail-first') ?? 0);

const server = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  authOptional: !user,
  logger: false,
  onAuth(auth, session, callback) {
    if (auth.username === user && auth.password === password) return callback(null, { user: auth.username });
    return callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      if (failFirst > 0) {
        failFirst--;
        const err = new Error('Try again later');
        err.responseCode = 451;
        return callback(err);
      }
      process.stdout.write(JSON.stringify({
        from: session.envelope.mailFrom && session.envelope.mailFrom.address,
        to: session.envelope.rcptTo.map((r) => r.address),
        user: session.user ?? null,
        data: Buffer.concat(chunks).toString('utf8'),
      }) + '\n');
      callback(null, 'Queued');
    });
  },
});

server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.server.address().port }) + '\n'));
// The test process owns this one: when it closes stdin (or dies), stop.
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
