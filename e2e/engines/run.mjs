// The cross-engine tier: every scenario of scenarios.mjs in Chromium, Firefox ESR and WebKitGTK
// (ENGINES=webkit,firefox picks some). `make test-engines`; part of `make test`.
//
// Each scenario gets a new browser (a clean profile, its own camera setting); the engine's
// driver and the server stay up for the engine's whole run. Console errors and uncaught
// exceptions fail the scenario. The time each engine took is printed at the end.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { dist } from '../harness.mjs';
import { ENGINES, startEngine } from './drivers.mjs';
import { scenarios } from './scenarios.mjs';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
};

/**
 * Serves dist/ on loopback. `setOffline(true)` makes it unreachable as a phone without a
 * network finds it (every connection is cut before an answer), in any engine alike.
 */
function serve() {
  let offline = false;
  const server = http.createServer((req, res) => {
    if (offline) { req.socket.destroy(); return; }
    const url = new URL(req.url, 'http://x');
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    setOffline(on) {
      offline = on;
      // Kept-alive connections would carry on answering: cut them too.
      if (on) for (const s of sockets) s.destroy();
    },
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(r); }),
  })));
}

const chosen = (process.env.ENGINES || ENGINES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
const timings = [];

for (const name of chosen) {
  describe(name, () => {
    let engine, server, started;
    before(async () => {
      started = Date.now();
      server = await serve();
      engine = await startEngine(name);
    });
    after(async () => {
      await engine?.close();
      await server?.close();
      timings.push(`${name}: ${scenarios.length} scenarios in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
    for (const scenario of scenarios) {
      test(scenario.name, { todo: scenario.todo?.[name] }, async (t) => {
        const attempt = async () => {
          const tab = await engine.open({ camera: scenario.camera || 'fake' });
          try {
            await scenario.run(tab, { url: server.url, server });
            assert.deepEqual(await tab.errors(), [], 'console errors');
          } finally {
            await tab.close();
          }
        };
        try {
          await attempt();
        } catch (e) {
          // The browser itself went away (WebKit's MiniBrowser once did, in its mock camera,
          // on this machine), or the driver stopped answering (WebKitWebDriver once left a new
          // session unanswered for 5 minutes, in a fresh-clone run): that is the engine's fault,
          // not a result of the page. Said in the report with the driver's output, and tried
          // once more (with a new driver when it hung); a second failure fails.
          const lost = /invalid session id/.test(String(e));
          const hung = e?.name === 'TimeoutError' || /^fetch failed/.test(String(e?.message));
          if (!lost && !hung) throw e;
          t.diagnostic(`${name}: ${lost ? "the browser's session was lost" : 'the driver did not answer'} (${e.message}); driver output: ${engine.log?.() ?? ''}`);
          if (hung) {
            await engine.close();
            engine = await startEngine(name);
          }
          await attempt();
        }
      });
    }
  });
}

after(() => { for (const t of timings) console.log(`# ${t}`); });
