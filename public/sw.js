// Blink Doctor's service worker: the whole app is cached at install, so it works with no network
// after one visit. VERSION and PRECACHE are written at build time by tools/precache.mjs from the
// built files themselves (content hashes); never edit the list by hand.
const VERSION = '__BLINK_VERSION__';
const PRECACHE = __BLINK_PRECACHE__;
const PREFIX = 'blink-doctor-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // 'reload' bypasses the HTTP cache so the new version's files are fetched fresh.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
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
    event.respondWith(caches.open(CACHE).then((c) => c.match('./index.html')).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(caches.open(CACHE).then((c) => c.match(request, { ignoreSearch: true })).then((hit) => hit || fetch(request)));
});
