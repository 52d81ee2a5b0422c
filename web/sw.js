// Service worker: keeps the calculator working offline after the first visit. build-web-dist stamps the version
// (a hash of every shipped file) and the precache list (every file the page uses, each named by a hash of its
// content); a new version replaces the old cache whole. Every file is fetched past the HTTP cache (cache: 'reload'),
// so a new version can never store an old .wasm beside new glue.
const VERSION = '__VERSION__';
const FILES = [/*__FILES__*/];
const CACHE = `returnloop-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then(async (cache) => {
    await cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })));
  }).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('returnloop-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Cache first for the app's own files (they change only with VERSION); a page URL with any query string is the
// same index.html, since the state lives in the query.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const lookup = request.mode === 'navigate' ? caches.match('./', { cacheName: CACHE }) : caches.match(request, { cacheName: CACHE });
  event.respondWith(lookup.then((hit) => hit || fetch(request)));
});
