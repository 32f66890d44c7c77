// Records an engine's own fake camera (Chromium's test pattern, Firefox's green frame, WebKit's
// colour bars with a clock) as a page sees it, to a lossless video (FFV1 in Matroska, each frame
// at the time the page drew it) that the native reader reads:
//   node tools/capture-fake-camera.mjs ENGINE OUT.mkv [SECONDS]
//   cargo run --release --example read_video -- OUT.mkv --model outdoor
// These cameras show no status light: their recordings are no-LED scenes made by the engines,
// not by us (issue 18). Needs ffmpeg (tools/setup.sh installs it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEngine } from '../e2e/engines/drivers.mjs';

const [name, out, seconds = '8'] = process.argv.slice(2);
if (!name || !out) { console.error('usage: node tools/capture-fake-camera.mjs ENGINE OUT.mkv [SECONDS]'); process.exit(2); }
// A secure context for getUserMedia: an empty page on loopback.
const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>capture</title>'));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const engine = await startEngine(name);
const tab = await engine.open({ camera: 'fake' });
try {
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  // Frames are read in the page as the app reads them (drawn into a canvas), a few at a time so
  // that no answer grows past what the driver carries; each with its time in ms.
  await tab.run(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } } });
    const v = document.createElement('video');
    v.muted = true; v.playsInline = true; v.srcObject = stream; document.body.append(v);
    await v.play();
    window.__frames = [];
    const c = document.createElement('canvas');
    const g = c.getContext('2d', { willReadFrequently: true });
    const t0 = performance.now();
    const tick = () => {
      c.width = v.videoWidth; c.height = v.videoHeight;
      g.drawImage(v, 0, 0);
      window.__frames.push({ t: performance.now() - t0, w: c.width, h: c.height, url: c.toDataURL('image/png') });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await new Promise((r) => setTimeout(r, Number(seconds) * 1000));
  const count = await tab.run(() => window.__frames.length);
  const frames = [];
  for (let i = 0; i < count; i += 4) frames.push(...await tab.run((a, b) => window.__frames.slice(a, b).map(({ t, w, h, url }) => ({ t, w, h, url })), i, Math.min(count, i + 4)));
  // The frames as PNG files, each shown until the next one came (ffmpeg's concat list).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-camera-'));
  let list = 'ffconcat version 1.0\n';
  frames.forEach((f, i) => {
    const file = path.join(dir, `${String(i).padStart(5, '0')}.png`);
    fs.writeFileSync(file, Buffer.from(f.url.split(',')[1], 'base64'));
    const next = frames[i + 1];
    list += `file '${file}'\nduration ${((next ? next.t - f.t : 80) / 1000).toFixed(4)}\n`;
  });
  fs.writeFileSync(path.join(dir, 'list.txt'), list);
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', path.join(dir, 'list.txt'), '-fps_mode', 'vfr', '-c:v', 'ffv1', '-pix_fmt', 'yuv420p', out]);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`${frames.length} frames, ${frames[0]?.w}x${frames[0]?.h}, ${(frames.length / (frames.at(-1).t / 1000)).toFixed(1)} fps`);
} finally {
  await tab.close(); await engine.close(); server.close();
}
