// Shared e2e helpers: a static server for dist/ on loopback and Debian's Chromium via
// playwright-core (no browser download), optionally with a fake camera playing a y4m file.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..');
export const dist = path.join(root, 'dist');
export const videos = path.join(here, 'videos');
export const shots = path.join(here, 'out');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1 at a free port (or `port`); resolves to { url, close }. */
export function serve(dir = dist, port = 0) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    // Resolved per request, so a test can swap what `dir` points to (a redeploy).
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

export const chromiumArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/**
 * Launches Chromium; with `video` (a name in e2e/videos) the camera plays that file; with
 * `fakeCamera` (options for --use-fake-device-for-media-stream, e.g. 'hardware-support=pan-tilt-zoom')
 * the camera is Chromium's own test pattern with those options.
 */
export async function launch({ video, denyCamera = false, fakeCamera } = {}) {
  const args = [...chromiumArgs];
  if (fakeCamera !== undefined) {
    args.push(fakeCamera ? `--use-fake-device-for-media-stream=${fakeCamera}` : '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream');
  } else if (video) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path.join(videos, video + '.y4m')}`);
    if (!denyCamera) args.push('--use-fake-ui-for-media-stream');
  }
  if (denyCamera) args.push('--deny-permission-prompts');
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args });
}

/**
 * A phone-sized page (390x844), with every request recorded. `zoom: 2` gives the layout a phone
 * has at 200 % text zoom (195 CSS px wide); `width` another width (e.g. 320).
 */
export async function phonePage(browser, { bypassCSP = false, colorScheme = 'light', zoom = 1, width = 390, serviceWorkers = 'allow', locale = 'en-US' } = {}) {
  const viewport = { width: Math.round(width / zoom), height: Math.round(844 / zoom) };
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2 * zoom, isMobile: true, hasTouch: true, bypassCSP, colorScheme, serviceWorkers, locale });
  const page = await context.newPage();
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.consoleErrors = [];
  // A load the test itself cuts short (goto or reload while the app still fetches its check's
  // module in the background) ends in the browser's "Response body loading was aborted": that
  // is the test's navigation, not the app's error (seen once in history.test.mjs).
  const cutShort = (text) => /Response body loading was aborted/.test(text);
  page.on('console', (m) => { if (m.type() === 'error' && !cutShort(m.text())) page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => { if (!cutShort(String(e))) page.consoleErrors.push(String(e)); });
  return page;
}

export async function screenshot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/**
 * Walks a person through every screen: home, a model, the camera reading (the browser must have a
 * fake camera), its diagnosis, the questions-only start, its diagnosis, a fix step, a check, and
 * support. Calls `visit(name)` on each.
 */
export async function visitEveryScreen(page, url, visit) {
  await page.goto(`${url}/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${url}/`);
  await page.locator('[data-model=mini]').waitFor();
  await visit('home');
  await page.locator('[data-model=xt2]').click();
  await page.locator('[data-testid=model-page]').waitFor();
  await visit('model');
  await page.locator('[data-testid=start-camera]').click();
  await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
  await visit('reading');
  await page.locator('[data-testid=diagnosis]').waitFor({ timeout: 45000 });
  await visit('diagnosis');
  await page.locator('[data-testid=no-camera]').click();
  await page.locator('[data-testid=question][data-question=light]').waitFor();
  await visit('questions-only');
  await page.locator('[data-answer=blinking-red]').click();
  await page.locator('[data-testid=diagnosis]').waitFor();
  await visit('diagnosis-from-answers');
  await page.locator('[data-testid=start-fix]').click();
  await page.locator('[data-testid=fix-step]').waitFor();
  await visit('fix');
  for (let i = 0; i < 8 && await page.locator('[data-testid=check]').count() === 0; i++) {
    await page.locator('[data-testid=step-done]').click();
  }
  await page.locator('[data-testid=check]').waitFor();
  await visit('fix-check');
  for (let i = 0; i < 30 && await page.locator('[data-testid=support]').count() === 0; i++) {
    await page.locator('[data-testid=next-cause]').click();
  }
  await page.locator('[data-testid=support]').waitFor();
  await visit('support');
}

/**
 * Grants the camera and its pan/tilt/zoom permission to `origin` in the page's context. Chrome
 * shows a camera's zoom capability only with the pan-tilt-zoom permission, which
 * --use-fake-ui-for-media-stream does not grant (and Playwright's grantPermissions cannot name).
 */
export async function grantPanTiltZoom(browser, page, origin) {
  const session = await page.context().newCDPSession(page);
  const { targetInfo } = await session.send('Target.getTargetInfo');
  const root = await browser.newBrowserCDPSession();
  await root.send('Browser.grantPermissions', { origin, browserContextId: targetInfo.browserContextId, permissions: ['videoCapture', 'cameraPanTiltZoom'] });
}
