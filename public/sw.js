// Headroom's service worker: the app works offline once loaded. scripts/post-build.mjs copies
// this file into release builds with VERSION (a hash of every file of the build), PRECACHE
// (every file of the build, relative to this file, but those of ON_USE) and ON_USE (the files
// only a plan with ranges fetches: cached when first fetched, not by every visitor) filled in,
// so each deployment has its own cache.
//   navigation (index.html)  network first, so a new deployment is picked up; cached copy offline
//   everything else          cache first (file names are content-hashed), network as fallback
// A new version waits until no tab uses the old one (no skipWaiting: an open tab keeps its own
// files), then deletes the older caches.
const VERSION = '__HEADROOM_VERSION__';
const PRECACHE = ['__HEADROOM_PRECACHE__'];
const ON_USE = new Set(['__HEADROOM_ON_USE__'].map((url) => new URL(url, self.registration.scope).href));
const CACHE = `headroom-${VERSION}`;
const INDEX = new URL('./index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  // no-cache: revalidate with the server, so an unhashed file (index.html, the file worker) is
  // never taken from a stale HTTP cache into the new version's cache.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'no-cache' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('headroom-') && key !== CACHE) await caches.delete(key);
      }
      // The first visit's page is controlled at once, so it works offline without a reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(INDEX, { cacheName: CACHE })) ?? Response.error()),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then(
      (hit) =>
        hit ??
        fetch(request).then(async (response) => {
          if (response.ok && ON_USE.has(request.url.split('?')[0])) {
            await (await caches.open(CACHE)).put(request, response.clone());
          }
          return response;
        }),
    ),
  );
});
