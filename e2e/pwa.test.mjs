// Installable, offline after one visit, never leaves the origin, and picks up a new version after
// the in-app prompt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve, dist, root, videos, chromiumArgs, screenshot } from './harness.mjs';

/** A persistent (non-incognito) profile: installability and service workers need one. */
async function persistent(video) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blink-profile-'));
  const args = [...chromiumArgs];
  if (video) args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path.join(videos, video + '.y4m')}`);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args, headless: true,
    viewport: { width: 390, height: 844 },
  });
  return { context, page: context.pages()[0] || await context.newPage() };
}

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
}

/** Offline complete: the page has fetched, through the worker, what the first visit left out
 * (the check's module and the reader's worker, kept after the install: src/glue/modules.rs). */
async function offlineReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30000 });
}

test('Chrome reports no installability errors', async () => {
  const server = await serve();
  const { context, page } = await persistent();
  try {
    await page.goto(server.url + '/');
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await (await fetch(server.url + '/manifest.webmanifest')).json();
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
  } finally { await context.close(); await server.close(); }
});

test('after one visit the app reloads offline and a whole camera diagnosis completes; nothing leaves the origin', async () => {
  const server = await serve();
  const { context, page } = await persistent('low-battery');
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  try {
    await page.goto(server.url + '/');
    // One visit: the worker installs, then the rest of the app is kept, without a reload.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await offlineReady(page);
    await page.reload();
    await controlled(page);
    await context.setOffline(true);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    await page.locator('[data-testid=diagnosis]').waitFor({ timeout: 45000 });
    assert.equal(await page.locator('[data-testid=diagnosis]').getAttribute('data-cause'), 'low-battery');
    await screenshot(page, 'offline-diagnosis');
    const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], 'requests left the origin');
  } finally { await context.close(); await server.close(); }
});

test('a rebuilt app with changed content is picked up after the update prompt', async () => {
  // Two builds: the current one, and a copy with changed content re-run through the same hook.
  const v1 = fs.mkdtempSync(path.join(os.tmpdir(), 'blink-v1-'));
  const v2 = fs.mkdtempSync(path.join(os.tmpdir(), 'blink-v2-'));
  fs.cpSync(dist, v1, { recursive: true });
  fs.cpSync(dist, v2, { recursive: true });
  // Undo the hook's edits in the copies' sources: take the unprocessed sw.js and CSP placeholders.
  for (const dir of [v1, v2]) fs.copyFileSync(path.join(root, 'public/sw.js'), path.join(dir, 'sw.js'));
  for (const dir of [v1, v2]) {
    let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    html = html.replace(/script-src 'self' 'wasm-unsafe-eval' [^;]*;/, "script-src 'self' 'wasm-unsafe-eval' __BLINK_SCRIPT_HASHES__;");
    html = html.replace(/style-src 'self' [^;]*;/, "style-src 'self' __BLINK_STYLE_HASHES__;");
    // v2: changed content (the stylesheet is inline in index.html).
    if (dir === v2) html = html.replace('</style>', 'body{--blink-build:"v2"}</style>');
    fs.writeFileSync(path.join(dir, 'index.html'), html);
    execFileSync('node', [path.join(root, 'tools/precache.mjs'), dir, '--rehash']);
  }
  const link = fs.mkdtempSync(path.join(os.tmpdir(), 'blink-live-'));
  const live = path.join(link, 'site');
  fs.symlinkSync(v1, live);
  const server = await serve(fs.realpathSync(link) + '/site');
  const { context, page } = await persistent();
  try {
    await page.goto(server.url + '/');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await controlled(page);
    const build = () => page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--blink-build').trim());
    assert.equal(await build(), '');
    // Deploy v2 and come back: the worker finds the new version and the app offers it.
    fs.unlinkSync(live);
    fs.symlinkSync(v2, live);
    await page.reload();
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.locator('[data-testid=update-ready]').waitFor({ timeout: 20000 });
    await screenshot(page, 'update-ready');
    await page.locator('[data-testid=update-reload]').click();
    await page.waitForFunction(() => getComputedStyle(document.body).getPropertyValue('--blink-build').trim() === '"v2"', null, { timeout: 20000 });
  } finally { await context.close(); await server.close(); }
});

test('hosted under a sub-path, the app loads and works offline there', async () => {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'blink-host-'));
  fs.mkdirSync(path.join(top, 'tools'));
  fs.symlinkSync(dist, path.join(top, 'tools', 'blink'));
  const server = await serve(top);
  const { context, page } = await persistent();
  try {
    await page.goto(server.url + '/tools/blink/');
    await page.locator('[data-model=mini]').waitFor({ timeout: 20000 });
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    assert.equal(scope, server.url + '/tools/blink/');
    await page.reload();
    await controlled(page);
    await offlineReady(page);
    await context.setOffline(true);
    await page.goto(server.url + '/tools/blink/?model=xt');
    await page.locator('[data-testid=model-page]').waitFor({ timeout: 20000 });
  } finally { await context.close(); await server.close(); }
});
