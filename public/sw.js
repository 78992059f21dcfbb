// Lede's service worker: the app shell from a versioned cache, stories and images kept as they
// are read, the feed stale-while-revalidate. Stories the reader saves (src/saved.rs) are put by
// the page into the `lede-saved` cache, which this worker reads but never deletes. Small on
// purpose; no library.
//
// scripts/build.sh writes dist/sw.js from this file, replacing BUILD_VERSION and PRECACHE with the
// build's content hash and its list of shell files, so one build's files are never mixed with
// another's: a new build installs beside the old one and takes over only when the reader reloads
// ("Update available — reload"), never mid-read.
const VERSION = 'BUILD_VERSION';
const PRECACHE = [/* PRECACHE */];
const SHELL = `lede-shell-${VERSION}`;
const STORIES = 'lede-stories';
const FEED = 'lede-feed';
const SAVED = 'lede-saved';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('lede-shell-') && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The page asks a waiting worker to take over when the reader chooses to reload.
self.addEventListener('message', (event) => {
  if (event.data === 'lede:activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Online, the server's page (stories and the front page come pre-rendered). Offline, this
    // build's empty shell: the app renders the story from the cached JSON. (A cached page of an
    // older build would name script and style files that build's update has since removed.)
    event.respondWith(fetch(request).catch(() => caches.match('/shell.html', { cacheName: SHELL })));
  } else if (url.pathname.startsWith('/articles/')) {
    event.respondWith(networkFirst(request, STORIES));
  } else if (url.pathname.startsWith('/images/') || url.pathname.startsWith('/models/')) {
    event.respondWith(cacheFirst(request, STORIES));
  } else if (url.pathname === '/feed.json' || url.pathname.startsWith('/feeds/') || url.pathname === '/index.json' || url.pathname === '/feed.atom') {
    event.respondWith(staleWhileRevalidate(request, FEED));
  } else {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  }
});

// Fresh when online (a corrected story reaches the reader); the last copy read when not.
async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // The copy kept from reading, or one the reader saved.
    const hit = (await cache.match(request)) || (await caches.match(request, { cacheName: SAVED }));
    if (hit) return hit;
    throw error;
  }
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = (await cache.match(request)) || (await caches.match(request, { cacheName: SAVED }));
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  const update = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, response.clone());
    return response;
  });
  if (hit) {
    update.catch(() => {});
    return hit;
  }
  return update;
}
