// "Use a video instead" (issue 15): a video the person recorded is read through the same frame
// loop as the camera. The files are made by ffmpeg from the synthetic videos (an MP4/H.264 as
// Android phones record, a WebM), plus a file no browser can decode and one too short to show a
// pattern. Nothing leaves the page: the file is played from an object URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, launch, phonePage, screenshot, videos } from './harness.mjs';

let server;
const made = path.join(videos, 'files');

/** Encodes `from` (a y4m in e2e/videos) with ffmpeg unless the result is newer. */
function encode(from, to, args) {
  const src = path.join(videos, `${from}.y4m`);
  const out = path.join(made, to);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) return out;
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', src, ...args, out], { stdio: 'inherit' });
  assert.equal(r.status, 0, `ffmpeg made ${to}`);
  return out;
}

let files;
before(async () => {
  fs.mkdirSync(made, { recursive: true });
  files = {
    // What an Android phone records: H.264 in MP4, 4:2:0, the index at the front.
    mp4: encode('no-internet', 'no-internet.mp4', ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-movflags', '+faststart']),
    // WebM (VP8), as Chrome's own MediaRecorder writes it.
    webm: encode('low-battery', 'low-battery.webm', ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '4M', '-crf', '8']),
    // Held upright and recorded at 60 fps (the light's timing is the same).
    portrait: encode('no-internet', 'no-internet-portrait-60.mp4', ['-vf', 'transpose=1,fps=60', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p']),
    // Nothing lit for 8 s.
    dark: encode('nothing', 'nothing.mp4', ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p']),
    // 3 s: too short to show any pattern.
    short: encode('no-internet', 'short.mp4', ['-t', '3', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p']),
  };
  files.broken = path.join(made, 'broken.mp4');
  // A file named like a video that is not one (a failed download, a corrupted copy).
  fs.writeFileSync(files.broken, Buffer.concat([Buffer.from('not really a video\n'), Buffer.alloc(4096, 0x5a)]));
  server = await serve();
});
after(async () => { await server?.close(); });

const external = (page) => page.requests.filter((u) => !u.startsWith(server.url) && !/^(data|blob):/.test(u));

test('an MP4 (H.264) chosen on the model screen is read to the right diagnosis', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor`);
    await page.locator('[data-testid=model-page]').waitFor();
    await page.locator('[data-testid=video-file]').setInputFiles(files.mp4);
    const reading = page.locator('[data-testid=reading][data-source=video]');
    await reading.waitFor({ timeout: 10000 });
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
    // 30 fps video plays twice as fast while every frame is still shown.
    await page.waitForFunction(() => document.querySelector('video')?.dataset.rate === '2', null, { timeout: 10000 });
    await screenshot(page, 'video-reading');
    const pattern = page.locator('[data-testid=pattern]');
    await pattern.waitFor({ timeout: 45000 });
    assert.equal(await pattern.getAttribute('data-pattern'), 'blinking');
    assert.equal(await pattern.getAttribute('data-colour'), 'red');
    assert.equal(await page.locator('[data-testid=diagnosis]').getAttribute('data-cause'), 'no-internet');
    await screenshot(page, 'video-diagnosis-mp4');
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(external(page), [], 'requests left the origin');
  } finally { await browser.close(); }
});

test('a WebM chosen on the reading screen replaces the camera and is read to the right diagnosis', async () => {
  const browser = await launch({ video: 'nothing' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=xt2&source=camera`);
    await page.locator('[data-testid=reading][data-source=camera]').waitFor();
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
    await page.locator('[data-testid=video-file]').setInputFiles(files.webm);
    await page.locator('[data-testid=reading][data-source=video]').waitFor({ timeout: 10000 });
    // The camera is released once the video takes over.
    await page.waitForFunction(() => !(document.querySelector('video')?.srcObject));
    const pattern = page.locator('[data-testid=pattern]');
    await pattern.waitFor({ timeout: 45000 });
    assert.equal(await pattern.getAttribute('data-pattern'), 'burst');
    assert.equal(await pattern.getAttribute('data-colour'), 'red');
    assert.equal(await pattern.getAttribute('data-flash-count'), '6');
    assert.equal(await page.locator('[data-testid=diagnosis]').getAttribute('data-cause'), 'low-battery');
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(external(page), [], 'requests left the origin');
  } finally { await browser.close(); }
});

test('a portrait video at 60 fps is read upright, in real time, to the same diagnosis', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor`);
    await page.locator('[data-testid=video-file]').setInputFiles(files.portrait);
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
    // The preview takes the video's shape; the frames are read as shown (480 wide, 640 high).
    const read = await page.waitForFunction(() => document.querySelector('video')?.dataset.read || false, null, { timeout: 10000 });
    assert.equal(await read.jsonValue(), '480x640');
    // 60 fps video stays at real time (faster would skip frames).
    await page.waitForFunction(() => Number(document.querySelector('video')?.dataset.frames) >= 20, null, { timeout: 10000 });
    assert.equal(await page.locator('video').getAttribute('data-rate'), '1');
    const pattern = page.locator('[data-testid=pattern]');
    await pattern.waitFor({ timeout: 45000 });
    assert.equal(await pattern.getAttribute('data-pattern'), 'blinking');
    assert.equal(await page.locator('[data-testid=diagnosis]').getAttribute('data-cause'), 'no-internet');
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

test('a video without a light says so; "the light was off" carries on to that diagnosis', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=mini`);
    await page.locator('[data-testid=video-file]').setInputFiles(files.dark);
    const err = page.locator('[data-testid=video-error]');
    await err.waitFor({ timeout: 30000 });
    assert.equal(await err.getAttribute('data-error'), 'no-light');
    assert.match(await err.textContent(), /No status light was found/);
    await err.locator('[data-testid=accept-no-light]').click();
    const pattern = page.locator('[data-testid=pattern]');
    await pattern.waitFor({ timeout: 10000 });
    assert.equal(await pattern.getAttribute('data-pattern'), 'none');
    assert.equal(await page.locator('[data-testid=diagnosis]').getAttribute('data-cause'), 'not-flashing');
  } finally { await browser.close(); }
});

test('a file the browser cannot decode gets a clear message and ways on', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=mini`);
    await page.locator('[data-testid=video-file]').setInputFiles(files.broken);
    const err = page.locator('[data-testid=video-error]');
    await err.waitFor({ timeout: 20000 });
    assert.equal(await err.getAttribute('data-error'), 'undecodable');
    assert.match(await err.textContent(), /cannot play that file/);
    await screenshot(page, 'video-undecodable');
    // Another video can be chosen right there; the questions are a way on too.
    assert.equal(await page.locator('[data-testid=video-file]').count(), 1);
    await err.locator('[data-testid=questions-instead]').click();
    await page.locator('[data-testid=question][data-question=light]').waitFor();
  } finally { await browser.close(); }
});

test('a video too short to show a pattern says how long to record', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=mini`);
    await page.locator('[data-testid=video-file]').setInputFiles(files.short);
    const err = page.locator('[data-testid=video-error]');
    await err.waitFor({ timeout: 20000 });
    assert.equal(await err.getAttribute('data-error'), 'too-short');
    assert.match(await err.textContent(), /only 3 seconds long.*15 seconds/);
  } finally { await browser.close(); }
});
