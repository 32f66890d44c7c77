// Renders the app icon (public/icon.svg) to the PNG sizes the manifest and iOS need, with
// Debian's Chromium. Run by hand when the icon changes; the PNGs are committed.
//   node tools/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'public/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
// name, size, padding share (maskable icons keep the drawing inside the 80 % safe zone)
for (const [name, size, pad, bg] of [
  ['icon-192.png', 192, 0, 'transparent'],
  ['icon-512.png', 512, 0, 'transparent'],
  ['icon-maskable-512.png', 512, 0.12, '#12324a'],
  ['apple-touch-icon.png', 180, 0.06, '#12324a'],
]) {
  const inner = Math.round(size * (1 - 2 * pad));
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:${bg};display:grid;place-items:center;width:${size}px;height:${size}px">
    <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`);
  await page.screenshot({ path: path.join(root, 'public', name), omitBackground: bg === 'transparent' });
  console.log('wrote public/' + name);
}
await browser.close();
