// Validates Adaptive Card JSON files with Microsoft's own parser (npm "adaptivecards"), at schema 1.5.
// Usage: node validate-cards.js card1.json [card2.json ...]
// Prints one JSON line per file: {file, events: [...], dropped: [...], bytes, fallbacks, charts}.
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

// Teams' chart elements (Chart.*) are not Adaptive Cards 1.5: the parser knows none of them, logs each as an unknown element
// and parses its fallback in its place, as every host without charts does. So a chart must carry an element fallback; the
// unknown-element event for it is expected, and the round trip is compared with the card as such a host sees it (each chart
// replaced by its fallback): the fallback path is what is validated. The chart's own properties are checked here against
// Teams' documented shape, since no parser of ours reads them.
const CHART_COMMON = ['type', 'id', 'data', 'title', 'colorSet', 'color', 'fallback', 'spacing', 'separator', 'height', 'horizontalAlignment', 'isVisible'];
const CHARTS = {
  'Chart.VerticalBar': { props: ['xAxisTitle', 'yAxisTitle', 'showBarValues'], point: p => typeof p.x === 'string' && typeof p.y === 'number', pointProps: ['x', 'y', 'color'] },
  'Chart.Line': { props: [], point: s => Array.isArray(s.values) && s.values.every(v => typeof v.x === 'string' && typeof v.y === 'number' && Object.keys(v).every(k => k === 'x' || k === 'y')), pointProps: ['legend', 'values', 'color'] },
  'Chart.Donut': { props: [], point: p => typeof p.value === 'number', pointProps: ['legend', 'value', 'color'] },
};

function chartProblems(chart) {
  const shape = CHARTS[chart.type];
  const problems = [];
  for (const key of Object.keys(chart)) if (!CHART_COMMON.includes(key) && !shape.props.includes(key)) problems.push(`${chart.type}: unknown property ${key}`);
  if (!Array.isArray(chart.data)) problems.push(`${chart.type}: data must be an array`);
  else chart.data.forEach((p, i) => {
    if (!shape.point(p)) problems.push(`${chart.type}: data[${i}] is not a data point`);
    for (const key of Object.keys(p)) if (!shape.pointProps.includes(key)) problems.push(`${chart.type}: data[${i}] has unknown property ${key}`);
  });
  if (!chart.fallback || typeof chart.fallback !== 'object') problems.push(`${chart.type}: no element fallback for hosts without charts`);
  return problems;
}

// The card as a host without charts sees it; the charts found go into `charts`.
function withoutCharts(node, charts) {
  if (Array.isArray(node)) return node.map(n => withoutCharts(n, charts));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.type === 'string' && node.type in CHARTS) {
    charts.push(node);
    return withoutCharts(node.fallback, charts);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withoutCharts(v, charts)]));
}

function check(json, pick = x => x, expected = json) {
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
  return { events, dropped: dropped(pick(expected), pick(roundTrip), '', []) };
}

for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const json = JSON.parse(text);
  const fallbacks = extractFallbacks(json, []);
  const charts = [];
  const hostView = withoutCharts(json, charts);
  const result = check(json, x => x, hostView);
  const expectedUnknown = new Set(charts.filter(c => c.fallback && typeof c.fallback === 'object').map(c => `Unknown element type "${c.type}". Fallback will be used if present.`));
  result.events = result.events.filter(e => !expectedUnknown.has(e.message));
  charts.flatMap(chartProblems).forEach(message => result.events.push({ event: 'ChartShape', message }));
  fallbacks.forEach((action, i) => {
    const r = check({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [action] }, c => c.actions);
    r.events.forEach(e => result.events.push({ ...e, fallback: i }));
    r.dropped.forEach(d => result.dropped.push(`fallback[${i}].${d}`));
  });
  console.log(JSON.stringify({ file, bytes: Buffer.byteLength(text), fallbacks: fallbacks.length, charts: charts.length, ...result }));
}
