// Validates Adaptive Card JSON files with Microsoft's own parser (npm "adaptivecards"), at schema 1.5.
// Usage: node validate-cards.js card1.json [card2.json ...]
// Prints one JSON line per file: {file, events: [...], dropped: [...], bytes}.
// "dropped" lists paths present in our JSON but missing from the parser's round trip (typos, unknown properties).
const fs = require('fs');
const AC = require('adaptivecards/dist/adaptivecards.js');

// Host-specific extensions the Adaptive Cards object model doesn't carry but Teams reads.
const HOST_EXTENSIONS = new Set(['msteams']);

function dropped(ours, theirs, path, out) {
  if (Array.isArray(ours)) {
    ours.forEach((v, i) => dropped(v, Array.isArray(theirs) ? theirs[i] : undefined, `${path}[${i}]`, out));
  } else if (ours !== null && typeof ours === 'object') {
    for (const key of Object.keys(ours)) {
      if (path === '' && HOST_EXTENSIONS.has(key)) continue;
      const next = path ? `${path}.${key}` : key;
      if (theirs === null || typeof theirs !== 'object' || !(key in theirs)) out.push(next);
      else dropped(ours[key], theirs[key], next, out);
    }
  } else if (theirs !== ours && !(typeof ours === 'number' && Number(theirs) === ours)) {
    out.push(`${path} (${JSON.stringify(ours)} became ${JSON.stringify(theirs)})`);
  }
  return out;
}

// An action's fallback is consumed at parse time (used only when the action type is unknown), so it
// never round-trips. Each one is cut out here and validated as the only action of a card of its own.
function extractFallbacks(node, out) {
  if (Array.isArray(node)) node.forEach(n => extractFallbacks(n, out));
  else if (node !== null && typeof node === 'object') {
    if (typeof node.type === 'string' && node.type.startsWith('Action.') && node.fallback && typeof node.fallback === 'object') {
      out.push(node.fallback);
      delete node.fallback;
    }
    Object.values(node).forEach(v => extractFallbacks(v, out));
  }
  return out;
}

function check(json, pick = x => x) {
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, ctx);
  const events = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    events.push({ phase: e.phase, event: e.event, message: e.message });
  }
  for (const e of card.validateProperties().validationEvents) events.push({ event: e.event, message: e.message });
  const roundTrip = card.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
  return { events, dropped: dropped(pick(json), pick(roundTrip), '', []) };
}

for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const json = JSON.parse(text);
  const fallbacks = extractFallbacks(json, []);
  const result = check(json);
  fallbacks.forEach((action, i) => {
    const r = check({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [action] }, c => c.actions);
    r.events.forEach(e => result.events.push({ ...e, fallback: i }));
    r.dropped.forEach(d => result.dropped.push(`fallback[${i}].${d}`));
  });
  console.log(JSON.stringify({ file, bytes: Buffer.byteLength(text), fallbacks: fallbacks.length, ...result }));
}
