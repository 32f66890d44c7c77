// Trunk post-build hook (see Trunk.toml). In the staged build folder it
//  1. writes into sw.js the list of every built file and a version derived from their contents,
//  2. puts the hashes of index.html's inline scripts into its Content-Security-Policy,
// so the offline cache and the CSP always match exactly what was built.
//   node tools/precache.mjs [dir]   (dir defaults to $TRUNK_STAGING_DIR)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
  console.error('precache: no built index.html in', dir);
  process.exit(1);
}

const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.trim());
const hashes = inline.map((s) => `'sha256-${crypto.createHash('sha256').update(s).digest('base64')}'`);
if (!html.includes('__BLINK_SCRIPT_HASHES__')) {
  console.error('precache: index.html has no __BLINK_SCRIPT_HASHES__ placeholder in its CSP');
  process.exit(1);
}
html = html.replace('__BLINK_SCRIPT_HASHES__', hashes.join(' '));
fs.writeFileSync(indexPath, html);

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
}
const files = walk(dir).filter((f) => path.basename(f) !== 'sw.js').sort();
const version = crypto.createHash('sha256');
for (const f of files) version.update(path.relative(dir, f)).update(fs.readFileSync(f));
const urls = files.map((f) => './' + path.relative(dir, f).split(path.sep).join('/'));
const swPath = path.join(dir, 'sw.js');
const sw = fs.readFileSync(swPath, 'utf8')
  .replace("'__BLINK_VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace('__BLINK_PRECACHE__', JSON.stringify(urls));
fs.writeFileSync(swPath, sw);
console.log(`precache: ${urls.length} files, ${hashes.length} inline script hash(es)`);
