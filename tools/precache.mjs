// Trunk post-build hook (see Trunk.toml). In the staged build folder it
//  0. minifies wasm-bindgen's JS glue with terser (Trunk's own JS minifier breaks it), gives
//     each module's imports and exports short names in its wasm and its glue, and updates the
//     integrity hashes index.html gives them,
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
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { homeMarkup } from './prerender.mjs';
import { minify } from 'terser';
import { shortenNames } from './wasm-names.mjs';

//   --rehash: dir is a copy of a build (changed by a test): only the CSP hashes and the service
//   worker's list are written again (its loader and body are already done)
const rehash = process.argv.includes('--rehash');
const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) || process.env.TRUNK_STAGING_DIR;
if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
  console.error('precache: no built index.html in', dir);
  process.exit(1);
}

const release = process.env.TRUNK_PROFILE === 'release' || process.argv.includes('--minify');
const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

// 0. The JS glue, minified (release builds: Trunk's own minify setting says which).
//    Then each module's wasm and glue find each other by short names (tools/wasm-names.mjs).
const integrity = (name, bytes) => {
  // Trunk's subresource integrity for this file (e.g. on its modulepreload link), recomputed.
  html = html.replace(new RegExp(`(href=["']?\\.?/?${name.replace(/[.]/g, '\\.')}["']?[^>]*?integrity=["']?)(sha\\d+)-[^"' >]+`, 'g'),
    (_, head, alg) => `${head}${alg}-${crypto.createHash(alg).update(bytes).digest('base64')}`);
};
if (!rehash && release) {
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'sw.js')) {
    const file = path.join(dir, name);
    const out = await minify(fs.readFileSync(file, 'utf8'), { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
    if (!out.code) throw new Error(`terser gave nothing for ${name}`);
    let code = out.code;
    const wasmName = name.replace(/\.js$/, '_bg.wasm');
    if (fs.existsSync(path.join(dir, wasmName))) {
      const short = shortenNames(code, fs.readFileSync(path.join(dir, wasmName)));
      code = short.js;
      fs.writeFileSync(path.join(dir, wasmName), short.wasm);
      integrity(wasmName, short.wasm);
    }
    fs.writeFileSync(file, code);
    integrity(name, code);
  }
}
// ½. The later modules (built as Trunk "workers", so under their plain names) get content-hashed
//    names like the first one's, so a host's HTTP cache can never mix two versions.
const later = { app: null, reader: null, picker: null };
if (!rehash) {
  for (const [key, base] of [['app', 'blink-doctor'], ['reader', 'blink-reader']]) {
    const js = path.join(dir, `${base}.js`), wasm = path.join(dir, `${base}_bg.wasm`);
    if (!fs.existsSync(js) || !fs.existsSync(wasm)) continue;
    const h = crypto.createHash('sha256').update(fs.readFileSync(js)).update(fs.readFileSync(wasm)).digest('hex').slice(0, 16);
    later[key] = { js: `${base}-${h}.js`, wasm: `${base}-${h}_bg.wasm` };
    fs.renameSync(js, path.join(dir, later[key].js));
    fs.renameSync(wasm, path.join(dir, later[key].wasm));
    for (const f of fs.readdirSync(dir).filter((f) => f.startsWith(`${base}_loader`))) fs.rmSync(path.join(dir, f));
  }
  // The language picker's handler (public/picker.js), imported at the picker's first change.
  const picker = path.join(dir, 'picker.js');
  if (fs.existsSync(picker)) {
    later.picker = `picker-${crypto.createHash('sha256').update(fs.readFileSync(picker)).digest('hex').slice(0, 16)}.js`;
    fs.renameSync(picker, path.join(dir, later.picker));
  }
  if (later.reader) {
    // The reader's worker script: starts its module; the module says when it listens.
    later.reader.worker = later.reader.js.replace(/\.js$/, '_worker.js');
    fs.writeFileSync(path.join(dir, later.reader.worker), `import init from './${later.reader.js}';await init({module_or_path:'./${later.reader.wasm}'});`);
  }
}
// The app starts after the first paint: Trunk's loader is replaced by one that starts the first
// module (home and model screens) once the pre-rendered page has been painted, and that carries
// the functions src/glue/modules.rs calls for the later ones.
const loader = rehash ? null : html.match(/<script type=["']?module["']?>\s*import init, \* as bindings from ['"]\.\/([^'"]+\.js)['"];\s*const wasm = await init\(\{ module_or_path: ['"]\.\/([^'"]+\.wasm)['"] \}\);[\s\S]*?<\/script>/);
if (!loader && !rehash) {
  console.error('precache: Trunk\'s loader script was not found in index.html');
  process.exit(1);
}
if (loader && !later.app) {
  console.error('precache: the check\'s module (blink-doctor.js, blink-doctor_bg.wasm) was not built');
  process.exit(1);
}
// The check's screens' stylesheet: out of the page, into the loader (loaded with the check's module).
const sheet = rehash ? null : [...html.matchAll(/<link\b[^>]*>/g)]
  .map((m) => [m[0], (m[0].match(/href=["']?\.?\/?(check-[0-9a-f]+\.css)/) || [])[1]])
  .find(([tag, href]) => href && /rel=["']?stylesheet/.test(tag));
if (loader && !sheet) {
  console.error('precache: the check\'s stylesheet (style/check.css) was not built');
  process.exit(1);
}
if (sheet) html = html.replace(sheet[0], '');
// The loader as written, and as it would be without languages (tools/lang-cost.mjs).
let loaders = null;
if (loader) {
  const [, glue, wasmFile] = loader;
  const css = sheet[1];
  const rest = [...(later.reader ? [later.reader.worker, later.reader.js, later.reader.wasm] : []), ...(later.picker ? [later.picker] : [])].map((f) => './' + f);
  // Once the first paint has been presented (the browser has reported its largest contentful
  // paint: the takeover, which puts identical markup in its place, then never counts as a later
  // one), else one frame, then a task: that task runs after the frame is painted. A hidden tab
  // paints no frames: it starts after 1 s. Awaited at the module's top level, as Trunk's loader was, so the
  // page's load event still comes after the app has started. A link to another screen than home
  // or a model (source= or screen=) starts the check's module straight away.
  // blinkFetch: the check's module fetched and compiled, once (a failure may be tried again);
  // blinkApp: started, once; blinkOffline: everything not loaded yet, and the language's pack,
  // fetched (through the service worker, which keeps it); blinkReader: the reader worker's script.
  // A language other than English: its pack (fetched by index.html's script since the page
  // began) is awaited before either module starts and handed to it (window.blinkPack,
  // src/glue/lang.rs); the check's module finds it there too.
  // (`langs` false: the loader of an English-only app, for tools/lang-cost.mjs.)
  const start = (langs) => [
    `const c=(r,u)=>{if(!r.ok)throw Error(u+' '+r.status);return WebAssembly.compileStreaming(r.clone()).catch(()=>r.arrayBuffer().then(b=>WebAssembly.compile(b)))}`,
    langs ? `const P=()=>window.blinkLang` : '',
    `let a,s,o;window.blinkFetch=()=>a??=Promise.all([import('./${later.app.js}'),fetch('./${later.app.wasm}').then(r=>c(r,'${later.app.wasm}')),fetch('./${css}').then(r=>{if(!r.ok)throw Error('${css} '+r.status)})]).catch(e=>{a=null;throw e})`,
    // The stylesheet is in place before the check's module draws anything.
    `const sheet=()=>new Promise((y,n)=>{const l=document.createElement('link');l.rel='stylesheet';l.href='./${css}';l.onload=y;l.onerror=()=>{l.remove();n(Error('${css}'))};document.head.append(l)})`,
    // blinkCamera: the camera asked for at the tap on the model screen (src/glue/modules.rs,
    // early_camera) as the check's module asks it (src/glue/camera.rs, Ask::Relaxed: 1280x720
    // and 60 fps as wishes, zoom), while that module is on its way; the module takes the answer
    // (window.blinkCam; a rejection is handled there, so it is marked handled here). Until the
    // module has started, the page shows the stream (data-testid=early-preview) under the model's
    // name. When the module cannot start, the camera is let go and the preview goes.
    `let S,V;window.blinkCamera=()=>{const d=navigator.mediaDevices;if(d&&!window.blinkCam)(window.blinkCam=d.getUserMedia({audio:false,video:{facingMode:{ideal:'environment'},width:{ideal:1280},height:{ideal:720},frameRate:{ideal:60},zoom:true}}).then(m=>{const n=document.querySelector('main');if(!S&&n&&!document.querySelector('[data-testid=reading]')){const b=document.createElement('div'),v=document.createElement('video');b.dataset.testid='early-preview';b.style.cssText='background:#000;border-radius:12px;overflow:hidden';v.style.cssText='width:100%;display:block';v.muted=v.playsInline=v.autoplay=!0;v.srcObject=m;b.append(v);n.replaceChildren(...n.querySelectorAll('h1'),b);V=v}return m})).catch(()=>{})}`,
    // The page's preview lets go of the stream once the module has started (its reading shows
    // it; WebKitGTK hung with a second, detached video playing it).
    `const F=()=>{if(V)V.srcObject=null,V.closest('div').remove(),V=0}`,
    `const E=()=>{const c=window.blinkCam;window.blinkCam=null;if(c)c.then(m=>m.getTracks().forEach(t=>t.stop()),()=>{});F()}`,
    `window.blinkApp=()=>s??=blinkFetch().then(([m,w])=>${langs ? 'Promise.all([sheet(),P()])' : 'sheet()'}.then(()=>m.default({module_or_path:w}))).then(()=>{S=1;F()}).catch(e=>{s=null;E();throw e})`,
    // (With the language's pack, whose fetch through the worker keeps it.)
    `window.blinkOffline=()=>o??=blinkFetch().then(()=>Promise.all(${JSON.stringify(rest)}${langs ? '.concat(window.blinkLang?.url||[])' : ''}.map(u=>fetch(u).then(r=>{if(!r.ok)throw Error(u+' '+r.status)})))).catch(e=>{o=null;throw e})`,
    later.reader ? `window.blinkReader='./${later.reader.worker}'` : '',
    `const home=async()=>{const w=fetch('./${wasmFile}');const b=await import('./${glue}');${langs ? 'await P();' : ''}await b.default({module_or_path:w})}`,
    `await new Promise(r=>{const O=window.PerformanceObserver,T='largest-contentful-paint';if(O&&(O.supportedEntryTypes||[]).includes(T))new O((l,o)=>{o.disconnect();setTimeout(r)}).observe({type:T,buffered:!0});else requestAnimationFrame(()=>setTimeout(r));setTimeout(r,1000)})`,
    `if(/[?&](source|screen)=/.test(location.search))await blinkApp().catch(home);else await home()`,
  ].filter(Boolean).join(';');
  loaders = [start(true), start(false)];
  html = html.replace(loader[0], `<script type=module>${loaders[0]}</script>`);
  for (const file of [glue, wasmFile]) {
    html = html.replace(new RegExp(`<link\\b[^>]*href=["']?\\.?/?${file.replace(/[.]/g, '\\.')}["']?[^>]*>`, 'g'), '');
  }
}
// The language packs (lang/<id>.<hash>.txt, put there by src/bin/lang_pack.rs): index.html's
// script is told their names (it starts fetching the chosen one at once); the service worker keeps
// only those a person uses, so they stay out of its precache list.
const packs = fs.existsSync(path.join(dir, 'lang')) ? fs.readdirSync(path.join(dir, 'lang')).filter((f) => f.endsWith('.txt')).sort() : [];
if (later.picker) html = html.replace(/(['"`])__BLINK_PICKER__\1/, `'./${later.picker}'`);
html = html.replace(/(['"`])__BLINK_LANG_PACKS__\1/, JSON.stringify(Object.fromEntries(packs.map((f) => f.split('.').slice(0, 2)))));
// The languages' script (index.html's <script data-lang>) goes into the first inline script: one
// inline script, one hash in the CSP.
let langScript = null;
if (!rehash) {
  const m = html.match(/<script data-lang[^>]*>([\s\S]*?)<\/script>/);
  const first = html.match(/<script>([\s\S]*?)<\/script>/);
  if (!m || !first) {
    console.error('precache: index.html has no <script data-lang> or no inline script before it');
    process.exit(1);
  }
  // Minified here (terser, release builds): Trunk's minifier leaves a script with import() as it is.
  const tidy = async (code) => (release ? (await minify(code, { ecma: 2020, compress: { passes: 2 }, mangle: true })).code : code.trim());
  langScript = (await tidy(m[1])).replace(/;?$/, ';');
  html = html.replace(m[0], '').replace(first[0], `<script>${langScript}${await tidy(first[1])}</script>`);
}
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
  // The picker's messages (data-offline, data-failed) come with the app's own header: the page's
  // script shows them once the app has taken over (issue 17: fewer bytes for the languages).
  home = (await homeMarkup(dir)).replace(/(<select class="lang"[^>]*?) data-offline="[^"]*" data-failed="[^"]*"/, '$1');
  html = html.replace('__BLINK_PRERENDER__', home);
  fs.writeFileSync(indexPath, html);
}

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
}
// Icons the page never shows are not cached at install: the manifest's (the phone takes them
// when the app is installed, which happens online) and the apple-touch-icon (the same, on iOS).
// They are LATER files: kept when the browser fetches one through the worker. Chromium fetches
// a manifest icon on every load that links the manifest (to judge installability), offline too,
// and a failed fetch is an error in the console.
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
const files = walk(dir).filter((f) => path.basename(f) !== 'sw.js' && !isPack(f)).sort();
const version = crypto.createHash('sha256');
const entries = files.map((f) => {
  const bytes = fs.readFileSync(f);
  const rel = path.relative(dir, f);
  version.update(rel).update(bytes);
  // index.html as './', the URL the page was opened at: the HTTP cache already holds it there.
  const url = rel === 'index.html' ? './' : './' + rel.split(path.sep).join('/');
  return [url, 'sha256-' + crypto.createHash('sha256').update(bytes).digest('base64')];
});
// Cached at install: what the first visit loads (the page, the first module). Cached after it
// (`LATER`), as the page fetches it once the worker is installed: the later modules, named
// blink-doctor-* and blink-reader-*, and the check's stylesheet (the first visit stops at the
// install; issue 16); and the install-only icons, as the browser fetches them.
const installOnlyUrls = new Set([...installOnly].map((f) => './' + f.split(path.sep).join('/')));
const isLater = ([url]) => /^\.\/(blink-(doctor|reader)-[0-9a-f]{16}|check-[0-9a-f]+\.css$|picker-[0-9a-f]{16}\.js$)/.test(url) || installOnlyUrls.has(url);
// Packs are named by their content (lang/<id>.<hash>.txt): their URLs alone, no integrity.
const langs = walk(dir).filter(isPack).sort().map((f) => {
  version.update(path.relative(dir, f)).update(fs.readFileSync(f));
  return './' + path.relative(dir, f).split(path.sep).join('/');
});
const swPath = path.join(dir, 'sw.js');
const swTemplate = fs.readFileSync(swPath, 'utf8')
  .replace("'__BLINK_VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace('__BLINK_PRECACHE__', JSON.stringify(entries.filter((e) => !isLater(e))))
  .replace('__BLINK_LATER__', JSON.stringify(entries.filter(isLater)))
  .replace('__BLINK_LANGS__', JSON.stringify(langs));
// The worker as served: its languages' markers taken out, minified in release builds (the first
// visit downloads it); without its languages' part, for tools/lang-cost.mjs.
const swMin = async (text) => {
  if (!release) return text;
  // Its top-level names too: nothing else reads them (a worker's own script).
  const out = await minify(text, { ecma: 2020, toplevel: true, compress: { passes: 2 }, mangle: true });
  if (!out.code) throw new Error('terser gave nothing for sw.js');
  return out.code;
};
const sw = await swMin(swTemplate.replace(/\/\*<\/?lang>\*\//g, ''));
fs.writeFileSync(swPath, sw);
if (!rehash && loaders && langScript) {
  // What the languages add to the English first visit's page and worker, gzip -9 as served:
  // index.html without the languages' script, the loader's wait for a pack, the picker's markup
  // and styles; sw.js without its languages' part. tools/lang-cost.mjs adds the first module's.
  const swNoLang = await swMin(swTemplate.replace(/\/\*<lang>\*\/[\s\S]*?\/\*<\/lang>\*\//g, ''));
  let page = html.replace(langScript, '').replace(loaders[0], loaders[1]);
  const picker = page.match(/<select class="?lang"?[\s\S]*?<\/select>/);
  if (!picker || page === html) throw new Error('precache: the languages\' script or picker was not found in index.html');
  page = page.replace(picker[0], '');
  // Style rules whose selectors name a language (.lang, .lang-problem, [data-lang-wait], :lang()).
  page = page.replace(/<style>([\s\S]*?)<\/style>/, (_, css) => `<style>${css.replace(/([^{}]+)\{([^{}]*)\}/g, (rule, sel, body) => {
    const keep = sel.split(',').filter((x) => !/lang/.test(x));
    return keep.length ? `${keep.join(',')}{${body}}` : '';
  })}</style>`);
  const gz = (t) => zlib.gzipSync(t, { level: 9 }).length;
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'target', 'lang-cost');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'site.json'), JSON.stringify({
    index: { with: gz(html), without: gz(page) },
    sw: { with: gz(sw), without: gz(swNoLang) },
  }));
}
console.log(`precache: home screen pre-rendered (${home.length} bytes); ${entries.length} files, ${entries.filter(isLater).length} of them after the install (${installOnly.size} install-only icons among them), ${langs.length} language packs kept once used; ${hashes.length} inline script and ${styles.length} style hash(es)`);
