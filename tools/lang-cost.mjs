// What having languages at all costs the English first visit (issue 17: at most 3 KB gzip). The
// English first visit downloads index.html, the first module (wasm and glue) and sw.js; each is
// measured as served (gzip -9) with the languages and as it would be without them:
//   - the first module: built twice the way `make build` builds it (cargo release with the
//     Makefile's wasm flags, wasm-bindgen, wasm-opt -Oz, terser, tools/wasm-names.mjs), with the
//     `langs` feature (the default: the picker, a pack's decoding) and without it (English only),
//     into target/lang-cost (its own target directory: the two builds do not undo each other or
//     `make build`'s);
//   - index.html and sw.js: tools/precache.mjs measured them with and without their languages'
//     parts when dist/ was built (target/lang-cost/site.json).
//   node tools/lang-cost.mjs [--check BYTES]
// --check: exit 1 when the languages cost the English first visit more than BYTES.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { shortenNames } from './wasm-names.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const budget = args.includes('--check') ? Number(args[args.indexOf('--check') + 1]) : null;
const out = path.join(root, 'target', 'lang-cost');
const site = JSON.parse(fs.readFileSync(path.join(out, 'site.json'), 'utf8'));
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const run = (cmd, argv, env = {}) => execFileSync(cmd, argv, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });

/** The first module as `make build` serves it, with or without the `langs` feature: gzip bytes. */
async function firstModule(langs) {
  const target = path.join(out, 'target');
  run('cargo', ['build', '--release', '--offline', '--target', 'wasm32-unknown-unknown', '--bin', 'blink-home', '--target-dir', target, ...(langs ? [] : ['--no-default-features'])], {
    RUSTC_BOOTSTRAP: '1',
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: process.env.WASM_RUSTFLAGS || '-Zlocation-detail=none -Zfmt-debug=none',
  });
  const dir = path.join(out, langs ? 'with' : 'without');
  fs.mkdirSync(dir, { recursive: true });
  run('wasm-bindgen', ['--target=web', `--out-dir=${dir}`, '--out-name=blink-home', '--no-typescript', path.join(target, 'wasm32-unknown-unknown', 'release', 'blink-home.wasm')]);
  const wasmFile = path.join(dir, 'blink-home_bg.wasm');
  run('wasm-opt', [`--output=${wasmFile}`, '-Oz', wasmFile]);
  const js = await minify(fs.readFileSync(path.join(dir, 'blink-home.js'), 'utf8'), { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  const short = shortenNames(js.code, fs.readFileSync(wasmFile));
  return { wasm: gz(short.wasm), js: gz(short.js) };
}

const withLangs = await firstModule(true);
const withoutLangs = await firstModule(false);
const parts = [
  ['first module (wasm)', withLangs.wasm, withoutLangs.wasm],
  ['first module (glue)', withLangs.js, withoutLangs.js],
  ['index.html', site.index.with, site.index.without],
  ['sw.js', site.sw.with, site.sw.without],
];
let cost = 0;
console.log('What the languages cost the English first visit (gzip -9 bytes: with, without, the difference):');
for (const [name, a, b] of parts) {
  cost += a - b;
  console.log(`  ${name.padEnd(22)}${String(a).padStart(8)}${String(b).padStart(8)}${String(a - b).padStart(7)}`);
}
console.log(`  ${'languages'.padEnd(38)}${String(cost).padStart(7)}${budget !== null ? ` (budget ${budget})` : ''}`);
if (budget !== null && cost > budget) {
  console.error(`the languages cost the English first visit ${cost} bytes, over the ${budget} budget`);
  process.exit(1);
}
