// Every camera failure state Chromium can produce or simulate gets a clear message and a way on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, phonePage, screenshot, chromiumArgs } from './harness.mjs';
import { chromium } from 'playwright-core';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** Makes getUserMedia reject with a DOMException of the given name, as a browser would. */
const rejectWith = (name) => `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('simulated', '${name}'));`;

for (const [name, id, words] of [
  ['NotFoundError', 'not-found', /No camera was found/],
  ['NotReadableError', 'in-use', /busy in another app/],
  ['OverconstrainedError', 'overconstrained', /cannot provide/],
  ['NotAllowedError', 'denied', /Allow the camera/],
]) {
  test(`getUserMedia ${name} shows "${id}" with a way on`, async () => {
    const browser = await launch({ video: 'nothing' });
    try {
      const page = await phonePage(browser);
      await page.addInitScript(rejectWith(name));
      await page.goto(`${server.url}/?model=outdoor&source=camera`);
      const err = page.locator('[data-testid=camera-error]');
      await err.waitFor({ timeout: 15000 });
      assert.equal(await err.getAttribute('data-error'), id);
      assert.match(await err.textContent(), words);
      await page.locator('[data-testid=questions-instead]').click();
      // No reading: the questions come first, with no verdict yet.
      await page.locator('[data-testid=question][data-question=light]').waitFor();
    } finally { await browser.close(); }
  });
}

test('a plain-http page on a non-local host says HTTPS is needed', async () => {
  const port = new URL(server.url).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [...chromiumArgs, '--host-resolver-rules=MAP blink-doctor.test 127.0.0.1', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });
  try {
    const page = await phonePage(browser);
    await page.goto(`http://blink-doctor.test:${port}/?model=mini&source=camera`);
    const err = page.locator('[data-testid=camera-error]');
    await err.waitFor({ timeout: 15000 });
    assert.equal(await err.getAttribute('data-error'), 'insecure-context');
    assert.match(await err.textContent(), /https/);
    await screenshot(page, 'camera-insecure');
  } finally { await browser.close(); }
});

test('the camera track ending mid-reading is reported with a restart', async () => {
  const browser = await launch({ video: 'nothing' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
    await page.evaluate(() => document.querySelector('video').srcObject.getVideoTracks().forEach((t) => t.stop()));
    const err = page.locator('[data-testid=camera-error]');
    await err.waitFor({ timeout: 5000 });
    assert.equal(await err.getAttribute('data-error'), 'track-ended');
    await err.getByRole('button', { name: 'Restart the camera' }).click();
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
  } finally { await browser.close(); }
});

test('a hidden page pauses the reading and frees the camera; it resumes when visible', async () => {
  const browser = await launch({ video: 'no-internet' });
  try {
    const page = await phonePage(browser);
    await page.addInitScript(() => {
      window.__hidden = false;
      Object.defineProperty(document, 'hidden', { get: () => window.__hidden, configurable: true });
      Object.defineProperty(document, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible'), configurable: true });
    });
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
    const track = await page.evaluateHandle(() => document.querySelector('video').srcObject.getVideoTracks()[0]);
    await page.evaluate(() => { window.__hidden = true; document.dispatchEvent(new Event('visibilitychange')); });
    await page.locator('[data-testid=camera-paused]').waitFor({ timeout: 5000 });
    assert.equal(await track.evaluate((t) => t.readyState), 'ended', 'camera released while hidden');
    await page.evaluate(() => { window.__hidden = false; document.dispatchEvent(new Event('visibilitychange')); });
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
  } finally { await browser.close(); }
});

test('a very low frame rate is reported', async () => {
  const browser = await launch({ video: 'slow-5fps' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    await page.locator('[data-testid=low-fps]').waitFor({ timeout: 15000 });
    await screenshot(page, 'camera-low-fps');
  } finally { await browser.close(); }
});

test('when no light switches, the reading says how to help it find the LED', async () => {
  const browser = await launch({ video: 'nothing' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=xt&source=camera`);
    const advice = page.locator('[data-testid=reading-advice]');
    await advice.waitFor({ timeout: 15000 });
    assert.match(await advice.textContent(), /tap the light/i);
    await screenshot(page, 'camera-searching');
  } finally { await browser.close(); }
});
