// Pre-renders the home screen into index.html at build time, from the app itself: the built app
// runs once in headless Chromium (a fresh profile: no remembered model, no checks, no service
// worker), and the markup it draws for the home screen is written into index.html's <body>. The
// page then paints before the wasm arrives, and cannot drift from the app's views: it is their
// output. The app takes over by replacing it with the same markup (src/glue/page.rs, take_over).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json' };

/** The home screen's markup as the app in `dir` draws it (the children of <body>). */
export async function homeMarkup(dir) {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(dir) || !fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // English whatever the build machine's locale: the pre-rendered page is the English one.
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // `trunk serve` adds its live-reload script, whose websocket the page's CSP refuses while it
    // is pre-rendered from the files on disk: that is the dev server's, not the app's.
    const devReload = /\.well-known\/trunk\/ws/;
    page.on('console', (m) => { if (m.type() === 'error' && !devReload.test(m.text())) errors.push(m.text()); });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready' && document.querySelector('main [data-model]'), null, { timeout: 60000 });
    if (errors.length) throw new Error('the app logged errors while pre-rendering: ' + errors.join('; '));
    return await page.evaluate(() => document.body.innerHTML);
  } finally {
    await browser.close();
    server.close();
  }
}
