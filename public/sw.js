// Blink Doctor's service worker: everything the app needs is cached, so it works with no network
// after one visit. VERSION, PRECACHE and LATER are written at build time by tools/precache.mjs
// from the built files themselves; never edit the lists by hand. Each entry is [url, integrity]:
// the sha256 of the file as built.
//
// PRECACHE is what the first visit loads (the page and the first module): cached at install.
// LATER (the check's module and the reader's worker) is cached as the page fetches it, which it
// does once this worker is installed (src/glue/modules.rs, keep_offline): the first visit, as
// issue 16 counts it, ends at the install, and offline is complete a moment later. The icons used
// only when installing are LATER files too, kept when the browser fetches them (Chromium does on
// each load that links the manifest, offline as well).
//
// Nothing is downloaded twice. A file is taken, in this order, from the previous version's cache
// (when its bytes are the same), from the browser's HTTP cache (the page has just fetched it), and
// only then from the network; the integrity check makes sure a stale copy is never kept.
const VERSION = '__BLINK_VERSION__';
const PRECACHE = __BLINK_PRECACHE__;
const LATER = __BLINK_LATER__;
const PREFIX = 'blink-doctor-';
const CACHE = PREFIX + VERSION;
// Language packs (lang/<id>.<hash>.txt, named by their content): only those used are kept, in a
// cache that outlives versions; a new version fetches its packs of the languages kept before.
// (What lies between the lang markers is the languages' part: tools/lang-cost.mjs measures the
// worker without it; tools/precache.mjs takes the markers out.)
/*<lang>*/
const LANGS = __BLINK_LANGS__;
const LANG_CACHE = 'blink-doctor.lang';
// A pack's file name (<id>.<hash>.txt) is unique: a URL is one of LANGS when its file is.
const file = (url) => url.split('/').pop();
const langOf = (url) => file(url).split('.')[0];
const pack = (url) => LANGS.find((u) => file(u) === file(url));
/** A pack from the languages' cache, else fetched (the HTTP cache's copy first: a pack's name
 * is its content's) and kept. */
async function keep(url) {
  const cache = await caches.open(LANG_CACHE);
  const hit = await cache.match(url);
  if (hit) return hit;
  const response = await fetch(url, { cache: 'force-cache' });
  if (response.ok) await cache.put(url, response.clone());
  return response;
}
/*</lang>*/

async function sha256(response) {
  const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer());
  return 'sha256-' + btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** The same bytes from an older version's cache, if it has them. */
async function fromOlder(url, integrity) {
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const hit = await (await caches.open(key)).match(url);
    if (hit && (await sha256(hit)) === integrity) return hit;
  }
  return null;
}

async function fetchChecked(url, integrity) {
  // 'force-cache': the HTTP cache's copy whatever its age; a copy with other bytes fails the
  // integrity check, and then the network is asked.
  try {
    return await fetch(url, { cache: 'force-cache', integrity });
  } catch {
    return fetch(url, { cache: 'reload', integrity });
  }
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(PRECACHE.map(async ([url, integrity]) => {
    const response = (await fromOlder(url, integrity)) || (await fetchChecked(url, integrity));
    if (!response.ok) throw new Error(`precache: ${url} ${response.status}`);
    await cache.put(url, response);
  }));
}

/** LATER's files that an older version already has with the same bytes (no network). */
async function keepLater() {
  const cache = await caches.open(CACHE);
  await Promise.all(LATER.map(async ([url, integrity]) => {
    const hit = await fromOlder(url, integrity);
    if (hit) await cache.put(url, hit);
  }));
}

/*<lang>*/
async function keepUsed() {
  const used = (await (await caches.open(LANG_CACHE)).keys()).map((r) => langOf(r.url));
  await Promise.all(LANGS.filter((url) => used.includes(langOf(url))).map((url) => keep(url).catch(() => {})));
}
/*</lang>*/

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(keepLater)/*<lang>*/.then(keepUsed)/*</lang>*/);
});

/** LATER's integrity by absolute URL. */
const later = new Map(LATER.map(([url, integrity]) => [new URL(url, self.registration.scope).href, integrity]));

/** A LATER file the cache does not have yet: fetched (checked) and kept before it is answered. */
async function fetchLater(url, integrity) {
  const response = await fetchChecked(url, integrity);
  if (response.ok) await (await caches.open(CACHE)).put(url, response.clone());
  return response;
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      /*<lang>*/.then(() => caches.open(LANG_CACHE))
      .then((c) => c.keys().then((keys) => Promise.all(keys.filter((r) => !pack(r.url)).map((r) => c.delete(r)))))/*</lang>*/
      .then(() => self.clients.claim()),
  );
});

// The page asks the waiting worker to take over when the user accepts the update.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Any page of the app (with any query, e.g. ?model=mini) is the cached shell.
    event.respondWith(caches.open(CACHE).then((c) => c.match('./')).then((hit) => hit || fetch(request)));
    return;
  }
  /*<lang>*/const p = pack(request.url);
  if (p) {
    event.respondWith(keep(p));
    return;
  }/*</lang>*/
  const url = new URL(request.url);
  url.search = '';
  const integrity = later.get(url.href);
  event.respondWith(caches.open(CACHE).then((c) => c.match(request, { ignoreSearch: true }))
    .then((hit) => hit || (integrity ? fetchLater(url.href, integrity) : fetch(request))));
});
