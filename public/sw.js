// Lede's service worker: the app shell from a versioned cache, stories and images kept as they
// are read (at most CACHES.storiesLimit files, oldest out first), the feed stale-while-revalidate,
// the recogniser's model revalidated each time the worker asks for it. Stories the reader saves
// (src/saved.rs) are put by the page into the saved cache, which this worker reads but never
// deletes from. Small on purpose; no library.
//
// scripts/build.sh writes dist/sw.js from this file, replacing BUILD_VERSION and PRECACHE with the
// build's content hash and its list of shell files, so one build's files are never mixed with
// another's: a new build installs beside the old one and takes over only when the reader reloads
// ("Update available — reload"), never mid-read. CACHES becomes lede_core::caches, the one list
// of cache names the pages use too.
const VERSION = 'BUILD_VERSION';
const PRECACHE = [/* PRECACHE */];
const CACHES = {/* CACHES */};
const SHELL = `${CACHES.shellPrefix}${VERSION}`;
const STORIES = CACHES.stories;
const FEED = CACHES.feed;
const SAVED = CACHES.saved;
const MODEL = CACHES.model;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHES.shellPrefix) && name !== SHELL) await caches.delete(name);
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
  } else if (url.pathname.startsWith('/images/')) {
    event.respondWith(cacheFirst(request, STORIES));
  } else if (url.pathname.startsWith('/models/')) {
    // Its address carries no version: ask the server each time (a 304 when unchanged), so a new
    // build's model reaches the reader; offline, the copy kept.
    event.respondWith(networkFirst(request, MODEL));
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
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok) await keep(cache, cacheName, request, response.clone());
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
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const other = await anotherWidth(request);
    if (other) return other;
    throw error;
  }
  if (response.ok) await keep(cache, cacheName, request, response.clone());
  return response;
}

// A picture's rendition (`/images/harbour-800w.webp`, named by lede_core::picture) not kept at
// the width the screen now asks for, offline: the widest one kept of the same picture and format
// stands in for it, so a story read on a phone still shows its picture on a wider screen.
const RENDITION = /^(.*)-(\d+)w\.(webp|jpg|png)$/;
async function anotherWidth(request) {
  const wanted = new URL(request.url).pathname.match(RENDITION);
  if (!wanted) return undefined;
  let best;
  for (const name of [STORIES, SAVED]) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const key of await cache.keys()) {
      const kept = new URL(key.url).pathname.match(RENDITION);
      if (kept && kept[1] === wanted[1] && kept[3] === wanted[3] && (!best || Number(kept[2]) > best.width)) {
        best = { cache, key, width: Number(kept[2]) };
      }
    }
  }
  return best && best.cache.match(best.key);
}

// Puts a response in its cache; the stories cache then drops its oldest files beyond the bound
// (Cache Storage lists keys in the order they were last put, so a story read again moves to the
// end). The saved cache is another cache: nothing the reader saved is ever dropped here.
async function keep(cache, cacheName, request, response) {
  await cache.put(request, response);
  if (cacheName !== STORIES) return;
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - CACHES.storiesLimit))) await cache.delete(old);
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
