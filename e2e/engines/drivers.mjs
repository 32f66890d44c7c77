// The three browser engines behind one small interface, so one list of scenarios runs in each.
//
//   Chromium (Debian's chromium)      puppeteer-core over CDP
//   Firefox ESR (Debian's firefox-esr) puppeteer-core over WebDriver BiDi
//   WebKitGTK (Debian's webkit2gtk-driver) plain W3C WebDriver over HTTP to WebKitWebDriver,
//                                      which drives MiniBrowser in a virtual X display (xvfb-run)
//
// A tab is opened with one of three cameras: 'fake' (the engine's own fake camera: Chromium's
// test pattern, Firefox's plain green moving frame, WebKit's colour bars with a clock), 'none'
// (no camera at all), or 'denied' (a camera the person refuses). A tab offers goto, run (a
// function evaluated in the page, its JSON result returned), screenshot, errors (console errors
// and uncaught exceptions) and close; everything else is built on those in scenarios.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const PHONE = { width: 390, height: 844 };

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Starts an engine; `open(options)` then opens a phone-sized tab, `close()` ends the engine. */
export async function startEngine(name) {
  switch (name) {
    case 'chromium': return puppeteerEngine(name, (camera) => ({
      browser: 'chrome', executablePath: CHROMIUM, headless: true,
      args: [...chromiumArgs, ...{
        fake: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
        none: ['--use-fake-ui-for-media-stream'],
        denied: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'],
      }[camera]],
    }));
    case 'firefox': return puppeteerEngine(name, (camera) => ({
      browser: 'firefox', executablePath: FIREFOX, headless: true,
      extraPrefsFirefox: {
        // A plain green moving frame; without a prompt, or refused as a person would.
        fake: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true },
        none: { 'media.navigator.permission.disabled': true },
        denied: { 'media.navigator.streams.fake': true, 'permissions.default.camera': 2 },
      }[camera],
    }));
    case 'webkit': return webkitEngine();
    default: throw new Error(`unknown engine ${name}`);
  }
}

// --- Chromium and Firefox: puppeteer-core ------------------------------------------------------

async function puppeteerEngine(name, launchOptions) {
  return {
    name,
    async open({ camera = 'fake' } = {}) {
      const browser = await puppeteer.launch(launchOptions(camera));
      const page = await browser.newPage();
      await page.setViewport({ ...PHONE, deviceScaleFactor: 1 });
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      return {
        engine: name,
        /** Both engines refuse the camera themselves (a launch setting). */
        deniesNatively: true,
        async goto(url) { await page.goto(url, { waitUntil: 'load' }); },
        async run(fn, ...args) { return page.evaluate(fn, ...args); },
        async screenshot(file) { await page.screenshot({ path: file }); },
        errors: async () => [...errors],
        async close() { await browser.close(); },
      };
    },
    async close() {},
  };
}

// --- WebKit: WebKitWebDriver over HTTP ---------------------------------------------------------

async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function webkitEngine() {
  const port = await freePort();
  // MiniBrowser has no headless mode: the driver and every browser it starts share one virtual
  // display. Its own process group, so closing ends Xvfb, the driver and any browser left.
  const driver = spawn('xvfb-run', ['-a', '-s', `-screen 0 ${PHONE.width}x${PHONE.height}x24`, 'WebKitWebDriver', `--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  const collect = (chunk) => { output += chunk.toString(); };
  driver.stdout.on('data', collect);
  driver.stderr.on('data', collect);
  const base = `http://127.0.0.1:${port}`;
  const wd = async (method, url, body) => {
    // Every command answers within its script timeout (60 s); a driver silent for twice that
    // has hung (it once left a new session unanswered for 5 minutes), and says so at once.
    const res = await fetch(base + url, { method, headers: { 'content-type': 'application/json; charset=utf-8' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(120000) });
    const json = await res.json();
    if (json.value && json.value.error) throw new Error(`WebDriver ${method} ${url}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  const deadline = Date.now() + 20000;
  for (;;) {
    try { await fetch(base + '/status'); break; } catch (e) {
      if (Date.now() > deadline || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    name: 'webkit',
    async open({ camera = 'fake' } = {}) {
      const args = ['--automation', '--full-screen', '--enable-media-stream=true'];
      // WebKit's mock camera: colour bars and a clock, 1280x720, facing the environment. With
      // mock devices WebKit grants the camera without asking; there is no setting to refuse it,
      // so 'denied' is a getUserMedia that rejects as a refusal does (see refuseCamera).
      if (camera !== 'none') args.push('--enable-mock-capture-devices=true');
      const session = await wd('POST', '/session', {
        capabilities: { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args } } },
      });
      const s = `/session/${session.sessionId}`;
      await wd('POST', `${s}/timeouts`, { script: 60000 });
      // Full screen on a display of a phone's size: the page gets the whole window, no toolbar.
      await wd('POST', `${s}/window/rect`, { ...PHONE });
      const inner = await wd('POST', `${s}/execute/sync`, { script: 'return [innerWidth, innerHeight]', args: [] });
      if (inner[0] !== PHONE.width || inner[1] !== PHONE.height) throw new Error(`WebKit's viewport is ${inner.join('x')}, not a phone's`);
      const run = async (fn, ...fnArgs) => {
        const script = `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${fn}).apply(null, ${JSON.stringify(fnArgs)}))
            .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String(e && e.stack || e) }));`;
        const r = await wd('POST', `${s}/execute/async`, { script, args: [] });
        if (r && 'err' in r) throw new Error(`in the page: ${r.err}`);
        return r ? r.ok : r;
      };
      return {
        engine: 'webkit',
        deniesNatively: camera !== 'denied',
        async goto(url) {
          await wd('POST', `${s}/url`, { url });
          await run(collectErrors);
        },
        run,
        async screenshot(file) { fs.writeFileSync(file, Buffer.from(await wd('GET', `${s}/screenshot`), 'base64')); },
        errors: () => run(() => window.__blinkErrors || []),
        async close() { await wd('DELETE', s).catch(() => {}); },
      };
    },
    /** The last of what WebKitWebDriver and the browsers it started printed. */
    log: () => output.slice(-2000),
    async close() {
      try { process.kill(-driver.pid, 'SIGTERM'); } catch { /* already gone */ }
    },
  };
}

/**
 * WebDriver classic has no console log: console errors, uncaught exceptions and unhandled
 * rejections are collected in the page from the moment `goto` returns (the page's load event).
 * Errors before that moment are not seen in WebKit; the other engines report every one.
 */
function collectErrors() {
  if (window.__blinkErrors) return;
  const seen = window.__blinkErrors = [];
  const error = console.error.bind(console);
  console.error = (...a) => { seen.push(a.map(String).join(' ')); error(...a); };
  addEventListener('error', (e) => seen.push(String(e.error || e.message)));
  addEventListener('unhandledrejection', (e) => seen.push(`unhandled rejection: ${e.reason}`));
}

/**
 * Where an engine cannot refuse the camera by a setting (WebKit with mock devices), the page's
 * getUserMedia rejects as a refusal does in that engine: a NotAllowedError DOMException.
 * Called on the page before the camera is asked for.
 */
export function refuseCamera() {
  navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('The request is not allowed by the user agent or the platform in the current context.', 'NotAllowedError'));
}

export const tmpdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'blink-engines-'));
