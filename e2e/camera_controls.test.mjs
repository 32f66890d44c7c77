// The camera's abilities on the reading screen (issue 15): a camera with a zoom capability gets a
// zoom control that changes the track's zoom; one without gets a digital zoom that changes what
// is read (a centred crop at full resolution); guidance and the progress label are shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, phonePage, screenshot, grantPanTiltZoom } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const trackZoom = (page) => page.evaluate(() => document.querySelector('video')?.srcObject?.getVideoTracks()[0]?.getSettings().zoom);

test('a camera with pan/tilt/zoom gets a zoom control that changes the track\'s zoom', async () => {
  // Chromium's own fake camera (a test pattern) with pan, tilt and zoom (the switch
  // --use-fake-device-for-media-stream=hardware-support=pan-tilt-zoom); zoom runs 100..400.
  const browser = await launch({ fakeCamera: 'hardware-support=pan-tilt-zoom' });
  try {
    const page = await phonePage(browser);
    await grantPanTiltZoom(browser, page, server.url);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    const control = page.locator('[data-testid=zoom-control][data-kind=track]');
    await control.waitFor({ timeout: 20000 });
    const before = await trackZoom(page);
    assert.equal(typeof before, 'number', 'the track reports a zoom setting');
    await page.locator('[data-testid=zoom-in]').click();
    await page.waitForFunction((z) => document.querySelector('video').srcObject.getVideoTracks()[0].getSettings().zoom > z, before, { timeout: 5000 });
    const after = await trackZoom(page);
    assert.ok(after > before, `zoom went from ${before} to ${after}`);
    // The slider follows, and says the zoom as a factor.
    assert.equal(Number(await page.locator('[data-testid=zoom]').getAttribute('data-value')), after);
    assert.match(await page.locator('[data-testid=zoom-value]').textContent(), /^\d+\.\d×$/);
    await page.locator('[data-testid=zoom-out]').click();
    await page.waitForFunction((z) => document.querySelector('video').srcObject.getVideoTracks()[0].getSettings().zoom < z, after, { timeout: 5000 });
    await screenshot(page, 'reading-track-zoom');
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

test('once the light is found the exposure goes down where the camera allows, and the screen says so', async () => {
  // Chromium's own test pattern has a manual exposure time (10..100, 50 at the start) and
  // flashes green now and then, so a light is found at once.
  const browser = await launch({ fakeCamera: '' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    const note = page.locator('[data-testid=exposure-lowered]');
    await note.waitFor({ timeout: 20000 });
    assert.match(await note.textContent(), /exposure was lowered/);
    const s = await page.evaluate(() => document.querySelector('video')?.srcObject?.getVideoTracks()[0]?.getSettings());
    assert.equal(s.exposureMode, 'manual');
    assert.ok(s.exposureTime < 50, `exposure time ${s.exposureTime}`);
    await screenshot(page, 'reading-exposure-lowered');
  } finally { await browser.close(); }
});

test('without a zoom capability, the digital zoom reads a smaller crop at full resolution', async () => {
  const browser = await launch({ video: 'centre-blink' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    const control = page.locator('[data-testid=zoom-control][data-kind=digital]');
    await control.waitFor({ timeout: 20000 });
    const video = page.locator('video');
    // The watchdog writes the read size once a second.
    await page.waitForFunction(() => document.querySelector('video')?.dataset.read === '640x480', null, { timeout: 10000 });
    await page.locator('[data-testid=zoom-in]').click();
    await page.locator('[data-testid=zoom-in]').click();
    await page.waitForFunction(() => document.querySelector('video')?.dataset.read !== '640x480', null, { timeout: 5000 });
    const [w, h] = (await video.getAttribute('data-read')).split('x').map(Number);
    assert.ok(w < 640 && h < 480 && Math.abs(w / h - 640 / 480) < 0.02, `read ${w}x${h}, a centred crop of the same shape`);
    // The preview shows the same crop: the picture is enlarged by the zoom.
    assert.match(await video.getAttribute('style'), /scale\(1\.6/);
    assert.match(await page.locator('[data-testid=zoom-value]').textContent(), /^1\.6×$/);
    // The reading still finds the light in the crop and goes on to its verdict.
    await page.locator('[data-testid=led-box]:not([hidden])').waitFor({ timeout: 15000 });
    await screenshot(page, 'reading-digital-zoom');
    await page.locator('[data-testid=diagnosis]').waitFor({ timeout: 45000 });
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

test('two fingers spreading on the preview zoom in (pinch)', async () => {
  const browser = await launch({ video: 'centre-blink' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    await page.locator('[data-testid=zoom-control][data-kind=digital]').waitFor({ timeout: 20000 });
    const box = await page.locator('[data-testid=preview]').boundingBox();
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const cdp = await page.context().newCDPSession(page);
    const fingers = (d) => [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(30) });
    for (let d = 35; d <= 90; d += 5) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(d) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction(() => parseFloat(document.querySelector('[data-testid=zoom-value]')?.textContent) > 1.5, null, { timeout: 5000 });
    assert.equal(await page.locator('[data-testid=zoom-control]').getAttribute('data-kind'), 'digital');
  } finally { await browser.close(); }
});

test('the progress bar says how long is left, and the strip has a caption', async () => {
  const browser = await launch({ video: 'no-internet' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
    const left = page.locator('[data-testid=time-left]');
    await page.waitForFunction(() => /About \d+ seconds? left/.test(document.querySelector('[data-testid=time-left]')?.textContent ?? ''), null, { timeout: 10000 });
    assert.match(await left.textContent(), /About \d+ seconds? left/);
    assert.match(await page.locator('.chart figcaption').textContent(), /brightness/);
    await screenshot(page, 'reading-progress');
  } finally { await browser.close(); }
});
