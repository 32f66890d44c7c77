// Lighthouse on the built home page, as a phone on slow 4G sees it (Lighthouse's default mobile
// profile: simulated throttling, 150 ms RTT, 1.6 Mbit/s, 4x CPU). Serves dist/ the way a static
// host does (gzip, on http://localhost, which counts as a secure origin) and runs Lighthouse
// RUNS times in Debian's Chromium; prints LCP, CLS, TBT and the performance, accessibility and
// best-practices scores of each run and their medians. A benchmark (`make lighthouse`), not a
// test: Lighthouse is installed into .tools/lighthouse by the make target, not by tools/setup.sh.
//   node tools/lighthouse.mjs [dist] [--runs N] [--json FILE]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let dir = 'dist', runs = 3, json = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--json') json = args[++i];
  else dir = args[i];
}
dir = path.resolve(dir);
if (!fs.existsSync(path.join(dir, 'index.html'))) { console.error(`no ${dir}/index.html: run make build`); process.exit(2); }
const modules = path.join(root, '.tools', 'lighthouse', 'node_modules');
const lighthouse = (await import(pathToFileURL(path.join(modules, 'lighthouse', 'core', 'index.js')).href)).default;
const chromeLauncher = await import(pathToFileURL(path.join(modules, 'chrome-launcher', 'dist', 'index.js')).href);

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};
const server = http.createServer((req, res) => {
  let file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
  const ext = path.extname(file);
  let body = fs.readFileSync(file);
  const headers = { 'content-type': types[ext] || 'application/octet-stream', 'cache-control': 'max-age=600' };
  if (ext !== '.png' && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    body = zlib.gzipSync(body, { level: 9 });
    headers['content-encoding'] = 'gzip';
  }
  res.writeHead(200, headers).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://localhost:${server.address().port}/`;

const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    try {
      const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] });
      const lhr = r.lhr;
      if (lhr.runtimeError) throw new Error(lhr.runtimeError.message);
      const a = lhr.audits, c = lhr.categories;
      const run = {
        lcp: a['largest-contentful-paint'].numericValue, fcp: a['first-contentful-paint'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue, tbt: a['total-blocking-time'].numericValue,
        si: a['speed-index'].numericValue,
        performance: c.performance.score, accessibility: c.accessibility.score, bestPractices: c['best-practices'].score,
        failed: Object.values(lhr.categories).flatMap((cat) => cat.auditRefs.filter((ref) => ref.weight > 0 && a[ref.id].score !== null && a[ref.id].score < 1).map((ref) => `${cat.id}/${ref.id} ${a[ref.id].score}`)),
      };
      results.push(run);
      if (json) fs.writeFileSync(json.replace(/(\.json)?$/, `-${i + 1}.json`), r.report);
    } finally {
      await chrome.kill();
    }
  }
} finally {
  server.close();
}

const fmt = (r) => `LCP ${(r.lcp / 1000).toFixed(2)} s, FCP ${(r.fcp / 1000).toFixed(2)} s, CLS ${r.cls.toFixed(3)}, TBT ${r.tbt.toFixed(0)} ms, SI ${(r.si / 1000).toFixed(2)} s; performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}`;
results.forEach((r, i) => {
  console.log(`run ${i + 1}: ${fmt(r)}`);
  if (r.failed.length) console.log(`  below 1: ${r.failed.join(', ')}`);
});
const median = (k) => results.map((r) => r[k]).sort((x, y) => x - y)[Math.floor(results.length / 2)];
console.log(`median: ${fmt(Object.fromEntries(['lcp', 'fcp', 'cls', 'tbt', 'si', 'performance', 'accessibility', 'bestPractices'].map((k) => [k, median(k)])))}`);
console.log('targets: LCP <= 1.0 s, CLS 0, TBT <= 50 ms, every score >= 0.98');
