// Checks a Teams app package (the zip manifest/pack.sh writes) the way Teams will look at it:
// - layout: exactly manifest.json, color.png and outline.png, at the root;
// - manifest.json against Microsoft's schema for its manifestVersion, with @microsoft/app-manifest's own validator,
//   offline: the schema is the copy the package ships, never fetched;
// - what the schema doesn't say: at most 10 commands per command list (the documented menu limit; the schema allows 12
//   since 1.24), icons named as the files in the zip, no unfilled {{placeholders}};
// - icons: color.png 192×192 and opaque, outline.png 32×32 and white on transparent.
// Usage: node check-app-package.mjs path/to/package.zip
// Prints {"problems": [...]} and exits 1 when there is any.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { unzipSync } = require('fflate');
const { PNG } = require('pngjs');
const { AppManifestUtils } = require('@microsoft/app-manifest');

const ENTRIES = ['manifest.json', 'color.png', 'outline.png'];
const MAX_COMMANDS = 10;
const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/(v[0-9.]+)\/MicrosoftTeams\.schema\.json$/;

async function checkManifest(text, entries, problems) {
  if (text.includes('{{')) problems.push(`manifest.json: unfilled placeholders ${[...new Set(text.match(/\{\{[^}]*\}\}/g))].join(' ')}`);
  let manifest;
  try { manifest = JSON.parse(text); } catch (e) { problems.push(`manifest.json: not JSON: ${e.message}`); return; }

  const [, version] = SCHEMA_URL.exec(manifest.$schema ?? '') ?? [];
  const schemaFile = version && path.join(path.dirname(require.resolve('@microsoft/app-manifest')),
    'json-schemas', 'teams', version, 'MicrosoftTeams.schema.json');
  let schema;
  try { schema = schemaFile && JSON.parse(readFileSync(schemaFile, 'utf8')); } catch { /* reported below */ }
  if (!schema) problems.push(`manifest.json: $schema ${JSON.stringify(manifest.$schema)} is not a Teams schema @microsoft/app-manifest ships`);
  else if (`v${manifest.manifestVersion}` !== version) problems.push(`manifest.json: manifestVersion ${manifest.manifestVersion} does not match $schema ${version}`);
  else for (const failure of await AppManifestUtils.validateAgainstSchema(manifest, schema)) problems.push(`schema: ${failure}`);

  (manifest.bots ?? []).forEach((bot, b) => (bot.commandLists ?? []).forEach((list, l) => {
    const n = list.commands?.length ?? 0;
    if (n > MAX_COMMANDS) problems.push(`manifest.json: bots[${b}].commandLists[${l}] has ${n} commands; Teams shows at most ${MAX_COMMANDS}`);
  }));
  for (const [icon, file] of [['color', 'color.png'], ['outline', 'outline.png']]) {
    if (manifest.icons?.[icon] !== file || !entries[file]) problems.push(`manifest.json: icons.${icon} should be ${file}, in the zip`);
  }
}

function checkIcon(name, bytes, size, pixelProblem, problems) {
  if (!bytes) return;
  let png;
  try { png = PNG.sync.read(Buffer.from(bytes)); } catch (e) { problems.push(`${name}: not a PNG: ${e.message}`); return; }
  if (png.width !== size || png.height !== size) problems.push(`${name}: ${png.width}×${png.height}, should be ${size}×${size}`);
  const d = png.data; // RGBA, 8 bits a channel whatever the file's own format
  let bad = 0, first, visible = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0) visible++;
    const why = pixelProblem(d[i], d[i + 1], d[i + 2], d[i + 3]);
    if (why && bad++ === 0) first = `(${(i / 4) % png.width},${Math.floor(i / 4 / png.width)}) ${why}`;
  }
  if (bad) problems.push(`${name}: ${bad} pixel(s) wrong, first at ${first}`);
  if (!visible) problems.push(`${name}: nothing visible`);
}

const zipPath = process.argv[2];
if (!zipPath) { console.error('usage: node check-app-package.mjs package.zip'); process.exit(2); }
const problems = [];
let entries = {};
try { entries = unzipSync(readFileSync(zipPath)); } catch (e) { problems.push(`layout: not a zip: ${e.message}`); }
const names = Object.keys(entries);
for (const n of names.filter(n => !ENTRIES.includes(n))) problems.push(`layout: unexpected entry ${n} (only ${ENTRIES.join(', ')}, at the root)`);
for (const n of ENTRIES.filter(n => !names.includes(n))) problems.push(`layout: ${n} missing at the root`);

if (entries['manifest.json']) await checkManifest(Buffer.from(entries['manifest.json']).toString('utf8'), entries, problems);
checkIcon('color.png', entries['color.png'], 192, (r, g, b, a) => a < 255 && `alpha ${a}: the colour icon needs an opaque background`, problems);
checkIcon('outline.png', entries['outline.png'], 32,
  (r, g, b, a) => a > 0 && (r !== 255 || g !== 255 || b !== 255) && `rgb(${r},${g},${b}) at alpha ${a}: only white on transparent`, problems);

console.log(JSON.stringify({ problems }));
process.exit(problems.length ? 1 : 0);
