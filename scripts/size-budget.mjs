// `npm run size:budget` (part of `npm test`, after the build): the whole offline install, i.e.
// every file the service worker precaches, in brotli bytes (quality 11), summed by part and held
// to the budgets in scripts/size-budget.json. It fails, naming the part, when a part or the whole
// is over, or when a precached file belongs to no part (so nothing slips in unbudgeted).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
if (!existsSync(join(dist, 'sw.js'))) {
  console.error(`No build in ${dist}/: run \`npm run build\` first.`);
  process.exit(1);
}
const budget = JSON.parse(readFileSync(new URL('./size-budget.json', import.meta.url), 'utf8'));

const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const files = [...new Set([...sw.matchAll(/\{url:"([^"]+)",revision:(?:"[^"]*"|null)\}/g)].map((m) => m[1]))];
if (files.length === 0) {
  console.error('The service worker precaches nothing: the build is broken.');
  process.exit(1);
}

const brotli = (buffer) =>
  brotliCompressSync(buffer, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
  }).length;

const parts = budget.parts.map((p) => ({ ...p, re: new RegExp(p.match), bytes: 0, files: [] }));
const problems = [];
let total = 0;
for (const file of files) {
  const part = parts.find((p) => p.re.test(file));
  const bytes = brotli(readFileSync(join(dist, file)));
  total += bytes;
  if (!part) {
    problems.push(`${file} (${bytes.toLocaleString('en')} B) belongs to no part of scripts/size-budget.json`);
    continue;
  }
  part.bytes += bytes;
  part.files.push(file);
}

const mb = (n) => `${(n / 1e6).toFixed(3)} MB`;
const rows = parts.map((p) => [p.name, mb(p.bytes), mb(p.max), `${p.files.length} files`]);
rows.push(['TOTAL', mb(total), mb(budget.total), `${files.length} files`]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('Offline install (service-worker precache), brotli quality 11, by part: bytes / budget');
for (const r of rows) console.log('  ' + r.map((c, i) => c.padEnd(widths[i])).join('  '));

for (const p of parts) {
  if (p.bytes > p.max)
    problems.push(`${p.name}: ${mb(p.bytes)} is over its budget of ${mb(p.max)} (${p.files.join(', ')})`);
  if (p.files.length === 0 && p.required)
    problems.push(`${p.name}: no file in the precache (expected ${p.match})`);
}
if (total > budget.total) problems.push(`the whole install: ${mb(total)} is over ${mb(budget.total)}`);
if (problems.length) {
  console.error('\nOver budget:\n' + problems.map((p) => `  - ${p}`).join('\n'));
  process.exit(1);
}
console.log(`Within budget: ${mb(total)} of ${mb(budget.total)}.`);
