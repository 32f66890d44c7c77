// Trunk post-build hook (see Trunk.toml). In the staged build folder it
//  0. minifies wasm-bindgen's JS glue with terser (Trunk's own JS minifier breaks it) and updates
//     the integrity hashes index.html gives it,
//  ½. starts the app after the first paint: Trunk's loader script and its preload links are
//     replaced by one that imports the JS glue and fetches the wasm once the pre-rendered page
//     has been painted, so the first paint never shares the network or the CPU with them,
//  1. puts the hashes of index.html's inline scripts and styles into its Content-Security-Policy,
//  2. pre-renders the home screen into index.html's <body> (tools/prerender.mjs),
//  3. writes into sw.js the list of the built files the app needs (with their sha256) and a
//     version derived from their contents,
// so the offline cache and the CSP always match exactly what was built.
//   node tools/precache.mjs [dir] [--rehash]   (dir defaults to $TRUNK_STAGING_DIR)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { homeMarkup } from './prerender.mjs';
import { minify } from 'terser';

//   --rehash: dir is a copy of a build (changed by a test): only the CSP hashes and the service
//   worker's list are written again (its loader and body are already done)
const rehash = process.argv.includes('--rehash');
const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) || process.env.TRUNK_STAGING_DIR;
if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
  console.error('precache: no built index.html in', dir);
  process.exit(1);
}

const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

// 0. The JS glue, minified (release builds: Trunk's own minify setting says which).
if (process.env.TRUNK_PROFILE === 'release' || process.argv.includes('--minify')) {
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'sw.js')) {
    const file = path.join(dir, name);
    const out = await minify(fs.readFileSync(file, 'utf8'), { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
    if (!out.code) throw new Error(`terser gave nothing for ${name}`);
    fs.writeFileSync(file, out.code);
    // Trunk's subresource integrity for this file (e.g. on its modulepreload link), recomputed.
    html = html.replace(new RegExp(`(href=["']?\\.?/?${name.replace(/[.]/g, '\\.')}["']?[^>]*?integrity=["']?)(sha\\d+)-[^"' >]+`, 'g'),
      (_, head, alg) => `${head}${alg}-${crypto.createHash(alg).update(out.code).digest('base64')}`);
  }
}
// ½. The app starts after the first paint.
const loader = rehash ? null : html.match(/<script type=["']?module["']?>\s*import init, \* as bindings from ['"]\.\/([^'"]+\.js)['"];\s*const wasm = await init\(\{ module_or_path: ['"]\.\/([^'"]+\.wasm)['"] \}\);[\s\S]*?<\/script>/);
if (!loader && !rehash) {
  console.error('precache: Trunk\'s loader script was not found in index.html');
  process.exit(1);
}
if (loader) {
  const [, glue, wasmFile] = loader;
  // One frame, then a task: that task runs after the frame is painted. A hidden tab paints no
  // frames: it starts after 1 s. Awaited at the module's top level, as Trunk's loader was, so the
  // page's load event still comes after the app has started.
  // A language other than English: its pack (fetched by index.html's script since the page
  // began) is awaited too and handed to the app (window.blinkLang.pack, src/glue/lang.rs).
  const start = `await new Promise(r=>{requestAnimationFrame(()=>setTimeout(r));setTimeout(r,1000)});const w=fetch('./${wasmFile}');const b=await import('./${glue}');const L=window.blinkLang;if(L)L.pack=await L.text;const wasm=await b.default({module_or_path:w});window.wasmBindings=b;dispatchEvent(new CustomEvent('TrunkApplicationStarted',{detail:{wasm}}))`;
  html = html.replace(loader[0], `<script type=module>${start}</script>`);
  for (const file of [glue, wasmFile]) {
    html = html.replace(new RegExp(`<link\\b[^>]*href=["']?\\.?/?${file.replace(/[.]/g, '\\.')}["']?[^>]*>`, 'g'), '');
  }
}
// The language packs (lang/<id>.<hash>.txt, put there by src/bin/lang_pack.rs): index.html's
// script is told their names (it starts fetching the chosen one at once); the service worker keeps
// only those a person uses, so they stay out of its precache list.
const packs = fs.existsSync(path.join(dir, 'lang')) ? fs.readdirSync(path.join(dir, 'lang')).filter((f) => f.endsWith('.txt')).sort() : [];
html = html.replace(/(['"`])__BLINK_LANG_PACKS__\1/, JSON.stringify(Object.fromEntries(packs.map((f) => [f.split('.')[0], 'lang/' + f]))));
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.trim());
const hashes = inline.map((s) => `'sha256-${crypto.createHash('sha256').update(s).digest('base64')}'`);
if (!html.includes('__BLINK_SCRIPT_HASHES__')) {
  console.error('precache: index.html has no __BLINK_SCRIPT_HASHES__ placeholder in its CSP');
  process.exit(1);
}
html = html.replace('__BLINK_SCRIPT_HASHES__', hashes.join(' '));
const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${crypto.createHash('sha256').update(m[1]).digest('base64')}'`);
html = html.replace('__BLINK_STYLE_HASHES__', styles.join(' '));
fs.writeFileSync(indexPath, html);
let home = '';
if (!rehash) {
  if (!html.includes('__BLINK_PRERENDER__')) {
    console.error('precache: index.html has no __BLINK_PRERENDER__ placeholder in its body');
    process.exit(1);
  }
  home = await homeMarkup(dir);
  html = html.replace('__BLINK_PRERENDER__', home);
  fs.writeFileSync(indexPath, html);
}

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
}
// Icons the page never shows are not cached for offline: the manifest's (the phone takes them
// when the app is installed, which happens online) and the apple-touch-icon (the same, on iOS).
const installOnly = new Set();
const manifestPath = path.join(dir, 'manifest.webmanifest');
if (fs.existsSync(manifestPath)) {
  for (const icon of JSON.parse(fs.readFileSync(manifestPath, 'utf8')).icons || []) installOnly.add(path.normalize(icon.src));
}
for (const m of html.matchAll(/<link\b[^>]*>/g)) {
  if (/rel=["']?apple-touch-icon/.test(m[0])) {
    const href = m[0].match(/href=["']?([^"' >]+)/);
    if (href) installOnly.add(path.normalize(href[1]));
  }
}
const isPack = (f) => path.relative(dir, f).split(path.sep)[0] === 'lang';
const files = walk(dir).filter((f) => path.basename(f) !== 'sw.js' && !installOnly.has(path.relative(dir, f)) && !isPack(f)).sort();
const version = crypto.createHash('sha256');
const entries = files.map((f) => {
  const bytes = fs.readFileSync(f);
  const rel = path.relative(dir, f);
  version.update(rel).update(bytes);
  // index.html as './', the URL the page was opened at: the HTTP cache already holds it there.
  const url = rel === 'index.html' ? './' : './' + rel.split(path.sep).join('/');
  return [url, 'sha256-' + crypto.createHash('sha256').update(bytes).digest('base64')];
});
// Packs are named by their content (lang/<id>.<hash>.txt): their URLs alone, no integrity.
const langs = walk(dir).filter(isPack).sort().map((f) => {
  version.update(path.relative(dir, f)).update(fs.readFileSync(f));
  return './' + path.relative(dir, f).split(path.sep).join('/');
});
const swPath = path.join(dir, 'sw.js');
const sw = fs.readFileSync(swPath, 'utf8')
  .replace("'__BLINK_VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace('__BLINK_PRECACHE__', JSON.stringify(entries))
  .replace('__BLINK_LANGS__', JSON.stringify(langs));
fs.writeFileSync(swPath, sw);
console.log(`precache: home screen pre-rendered (${home.length} bytes); ${entries.length} files, ${langs.length} language packs kept once used (${installOnly.size} install-only icons left out); ${hashes.length} inline script and ${styles.length} style hash(es)`);
