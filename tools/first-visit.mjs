// The first visit as the host sees it. Serves dist/ the way a static host does (gzip for text,
// ETag), opens the app once in a fresh Chromium profile at phone size, and counts the bytes the
// server actually sends:
//   - home usable: until the app has taken over the home screen (its buttons work);
//   - first visit: until the service worker is installed and active (offline ready);
//   - whole visit: until the network has been quiet for 3 s (anything fetched in the background).
//   node tools/first-visit.mjs [dist] [--check BYTES] [--check-usable BYTES] [--list] [--locale TAG]
// --check: exit 1 when the first visit is over BYTES; --check-usable: when the bytes before the
// home screen is usable are. It always fails when a file is downloaded twice.
// --locale: the browser's language (default en-US); another language adds its pack to the visit.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
let dir = 'dist', budget = null, usableBudget = null, list = false, locale = 'en-US';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--check') budget = Number(args[++i]);
  else if (args[i] === '--check-usable') usableBudget = Number(args[++i]);
  else if (args[i] === '--list') list = true;
  else if (args[i] === '--locale') locale = args[++i];
  else dir = args[i];
}
dir = path.resolve(dir);
if (!fs.existsSync(path.join(dir, 'index.html'))) { console.error(`no ${dir}/index.html: run make build`); process.exit(2); }

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
};
const compressible = new Set(['.html', '.js', '.wasm', '.css', '.json', '.webmanifest', '.svg', '.txt']);
const log = [];
let sent = 0;
const server = http.createServer((req, res) => {
  const arrived = Date.now();
  const url = new URL(req.url, 'http://x');
  let file = path.join(dir, decodeURIComponent(url.pathname));
  if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  let status = 200, body = Buffer.alloc(0);
  const headers = {};
  if (!fs.existsSync(file)) {
    status = 404; body = Buffer.from('not found');
  } else {
    const raw = fs.readFileSync(file);
    const etag = '"' + crypto.createHash('sha1').update(raw).digest('hex').slice(0, 16) + '"';
    Object.assign(headers, { 'content-type': types[path.extname(file)] || 'application/octet-stream', etag, 'cache-control': 'max-age=600' });
    if (req.headers['if-none-match'] === etag) {
      status = 304;
    } else if (compressible.has(path.extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(raw, { level: 9 });
      headers['content-encoding'] = 'gzip';
    } else {
      body = raw;
    }
  }
  headers['content-length'] = body.length;
  res.writeHead(status, headers);
  res.end(body);
  // Status line and headers as well as the body: all of it goes over the wire.
  const headerBytes = Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 17);
  sent += body.length + headerBytes;
  log.push({ path: url.pathname, status, bytes: body.length + headerBytes, t: arrived });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'blink-visit-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale,
});
// Every request the server had received by a moment (its whole answer counts).
const mark = (t) => {
  const before = log.filter((r) => r.t <= t);
  return { bytes: before.reduce((n, r) => n + r.bytes, 0), requests: before.length };
};
let usable, installed, whole;
try {
  const page = context.pages()[0] || await context.newPage();
  // The moments, taken in the page as they happen: the app has taken over the home screen (the
  // pre-rendered markup is gone, `data-app=ready`, and the app's model buttons are there), and
  // the service worker is activated.
  // The page's own clock (the machine's, as the server's): taken when the binding's message
  // arrived, a request sent a frame after the moment (the manifest, sw.js) could count before it.
  const moments = {};
  await context.exposeBinding('__blinkMark', (_, name, t) => { moments[name] ??= t; });
  await page.addInitScript(() => {
    const seen = new Set();
    const at = (name) => { if (!seen.has(name)) { seen.add(name); window.__blinkMark(name, Date.now()); } };
    const ready = () => document.documentElement.dataset.app === 'ready' && document.querySelector('[data-model]');
    new MutationObserver(() => { if (ready()) at('usable'); }).observe(document, { subtree: true, childList: true, attributes: true });
    if (navigator.serviceWorker) {
      navigator.serviceWorker.ready.then((r) => {
        const w = r.active;
        if (w.state === 'activated') at('installed');
        else w.addEventListener('statechange', () => { if (w.state === 'activated') at('installed'); });
      });
    }
  });
  await page.goto(origin + '/');
  for (let waited = 0; !(moments.usable && moments.installed); waited += 100) {
    if (waited > 60000) throw new Error(`the app was not ${moments.usable ? 'installed' : 'usable'} within 60 s`);
    await page.waitForTimeout(100);
  }
  let last = -1;
  while (last !== log.length) { last = log.length; await page.waitForTimeout(3000); }
  usable = mark(moments.usable);
  installed = mark(moments.installed);
  whole = mark(Infinity);
} finally {
  await context.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

const kb = (n) => (n / 1000).toFixed(1) + ' KB';
if (list) for (const r of log) console.log(`  ${String(r.status).padEnd(4)}${String(r.bytes).padStart(8)}  ${r.path}`);
if (locale !== 'en-US') console.log(`in ${locale}:`);
console.log(`home usable after   ${kb(usable.bytes).padStart(9)} in ${usable.requests} requests`);
console.log(`first visit         ${kb(installed.bytes).padStart(9)} in ${installed.requests} requests (until the service worker is installed: offline ready)`);
console.log(`whole visit         ${kb(whole.bytes).padStart(9)} in ${whole.requests} requests (until the network is quiet)`);
// Nothing may be downloaded twice (the service worker precaches from the HTTP cache).
const counts = new Map();
for (const r of log) if (r.status === 200) counts.set(r.path, (counts.get(r.path) || 0) + 1);
const twice = [...counts].filter(([, n]) => n > 1).map(([p]) => p);
if (twice.length) {
  console.error(`downloaded more than once: ${twice.join(', ')}`);
  process.exit(1);
}
if (budget !== null && installed.bytes > budget) {
  console.error(`first visit is ${installed.bytes} bytes, over the ${budget} budget`);
  process.exit(1);
}
if (usableBudget !== null && usable.bytes > usableBudget) {
  console.error(`the home screen is usable after ${usable.bytes} bytes, over the ${usableBudget} budget`);
  process.exit(1);
}
