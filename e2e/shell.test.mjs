// The app shell renders at phone size and the camera screen follows the LED in the fake video.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, phonePage, screenshot } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

test('home screen shows the name, the independence notice and every model', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.goto(server.url + '/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const text = await page.textContent('body');
    assert.match(text, /Blink Doctor/);
    assert.match(text, /not made by.*affiliated with Blink or Amazon/i);
    for (const id of ['mini', 'video-doorbell', 'outdoor', 'indoor', 'xt', 'xt2']) {
      assert.equal(await page.locator(`[data-model="${id}"]`).count(), 1, id);
    }
    await screenshot(page, 'home');
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

test('live LED readout rises and falls with the LED in the fake camera video', async () => {
  const browser = await launch({ video: 'centre-blink' });
  try {
    const page = await phonePage(browser);
    await page.goto(server.url + '/?model=mini&source=camera');
    const readout = page.locator('[data-testid=brightness]');
    await readout.waitFor({ timeout: 20000 });
    // Sample the readout until the reading ends (the screen then moves to the diagnosis).
    const samples = [];
    const start = Date.now();
    let shot = false;
    const places = [];
    while (Date.now() - start < 12000 && await readout.count() > 0) {
      const v = parseFloat(await readout.getAttribute('data-value').catch(() => 'x'));
      if (!Number.isNaN(v)) samples.push(v);
      const style = await page.locator('[data-testid=led-box]').getAttribute('style', { timeout: 200 }).catch(() => null);
      const m = style && style.match(/left:\s*([\d.]+)%;\s*top:\s*([\d.]+)%/);
      if (m) places.push([parseFloat(m[1]), parseFloat(m[2])]);
      if (!shot && samples.length > 10) { await screenshot(page, 'camera-live'); shot = true; }
      await page.waitForTimeout(80);
    }
    // The video's LED sits in the middle of the picture (a large, blooming one): the box must
    // mark its middle, not the rim of its glow.
    assert.ok(places.length > 5, `the LED box was shown ${places.length} times`);
    for (const [x, y] of places) {
      assert.ok(Math.abs(x - 50) < 6 && Math.abs(y - 50) < 6, `LED box at (${x}%, ${y}%), the LED is at (50%, 50%)`);
    }
    assert.ok(samples.length > 20, `only ${samples.length} samples`);
    const lo = Math.min(...samples), hi = Math.max(...samples);
    assert.ok(hi - lo > 0.2, `readout did not follow the LED: min ${lo}, max ${hi}`);
    // It must rise and fall with the LED: count crossings of the midpoint.
    const mid = (lo + hi) / 2;
    let crossings = 0;
    for (let i = 1; i < samples.length; i++) if ((samples[i - 1] < mid) !== (samples[i] < mid)) crossings++;
    // The reader now decides a 2 s blink within about two periods, so the readout is live for
    // one rise and one fall (at least two crossings), not more.
    assert.ok(crossings >= 2, `expected the readout to rise and fall, crossings=${crossings}`);
  } finally { await browser.close(); }
});

test('a denied camera gets a clear message and a way on', async () => {
  const browser = await launch({ video: 'nothing', denyCamera: true });
  try {
    const page = await phonePage(browser);
    await page.goto(server.url + '/?model=outdoor&source=camera');
    const err = page.locator('[data-testid=camera-error]');
    await err.waitFor({ timeout: 15000 });
    assert.equal(await err.getAttribute('data-error'), 'denied');
    assert.match(await err.textContent(), /Allow the camera/);
    await screenshot(page, 'camera-denied');
  } finally { await browser.close(); }
});
