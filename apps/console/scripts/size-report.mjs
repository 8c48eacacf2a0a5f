// Prints the size of the console's production build against its budget: the JavaScript a first
// visit loads (index.html's entry and the chunks it imports eagerly), gzipped, must stay ≤ 500 KB.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 500;
const dir = new URL('../../../dist/console/', import.meta.url).pathname;
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]),
);
const gz = (file) => gzipSync(readFileSync(join(dir, file))).length;
const all = readdirSync(join(dir, 'assets')).map((f) => `assets/${f}`);
const kb = (n) => (n / 1024).toFixed(1);
let initialBytes = 0;
let lazyBytes = 0;
for (const f of all.filter((f) => f.endsWith('.js'))) {
  if (initial.has(f)) initialBytes += gz(f);
  else lazyBytes += gz(f);
}
const css = all.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(f), 0);
console.log(
  `console build: initial JavaScript ${kb(initialBytes)} KB gzipped (budget ${BUDGET_KB} KB), ` +
    `lazy pages ${kb(lazyBytes)} KB, CSS ${kb(css)} KB`,
);
if (initialBytes / 1024 > BUDGET_KB) {
  console.error(`console build: over budget by ${kb(initialBytes - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
