// Figures on a slow phone (issue 16), printed, not asserted: Chrome's network throttling at
// Lighthouse's slow 4G (150 ms RTT, 1.6 Mbit/s down) and 4x CPU slowdown. The test asserts only
// that the page and the camera come up on that profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, phonePage } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

test('slow phone: first paint, home usable, and the camera preview after the tap on the model screen', async () => {
  const browser = await launch({ video: 'centre-blink' });
  try {
    const page = await phonePage(browser);
    await throttle(page);
    await page.goto(server.url + '/', { waitUntil: 'commit' });
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 60000 });
    const paint = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { fcp: fcp ? fcp.startTime : NaN, ready: performance.now() };
    });
    await page.locator('[data-model=xt2]').click();
    await page.locator('[data-testid=start-camera]').waitFor();
    // The tap, then the preview playing (a frame shown): both timed in the page.
    await page.evaluate(() => {
      window.__tap = performance.now();
      document.querySelector('[data-testid=start-camera]').click();
    });
    await page.waitForFunction(() => {
      const v = document.querySelector('[data-testid=preview] video');
      return v && v.readyState >= 2 && v.currentTime > 0;
    }, null, { timeout: 30000, polling: 16 });
    const previewMs = await page.evaluate(() => performance.now() - window.__tap);
    console.log(`slow 4G + 4x CPU: first contentful paint ${paint.fcp.toFixed(0)} ms, home usable ${paint.ready.toFixed(0)} ms, camera preview ${previewMs.toFixed(0)} ms after the tap (target 1500 ms)`);
    assert.ok(previewMs > 0);
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});
