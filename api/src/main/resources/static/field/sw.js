/*
 * The field app's service worker (scope /field): the app starts without a network. It keeps the app
 * shell (this folder's files and the shared layer) and the last /app-config in the Cache Storage,
 * and answers from there:
 *
 *  - the app's files: from the cache at once, refreshed from the server in the background (a new
 *    version is used from the next start);
 *  - /app-config: from the server when it answers well within 3 s, else the last answer kept;
 *  - everything else (GraphQL, sign-in): not touched — the queue in IndexedDB deals with failures.
 *
 * Records are never kept here: they live in IndexedDB, sealed, until the server confirms them.
 */
const VERSION = 'caunoi-field-1';
const SHELL = [
  '/field',
  '/field/main.js', '/field/messages.js', '/field/store.js', '/field/sync.js', '/field/data.js',
  '/field/forms.js', '/field/views.js', '/field/validate.js', '/field/field.css',
  '/field/manifest.webmanifest', '/field/icon.svg', '/field/icon-192.png', '/field/icon-512.png',
  '/shared/auth.js', '/shared/client.js', '/shared/i18n.js', '/shared/dom.js', '/shared/widgets.js', '/shared/shared.css',
  '/app-config',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('caunoi-field-') && n !== VERSION).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

function shellKey(url) {
  // /field, /field/ and /field/index.html are the same page.
  if (url.pathname === '/field/' || url.pathname === '/field/index.html') {
    return '/field';
  }
  return url.pathname;
}

async function fromCacheThenRefresh(event, key) {
  const cache = await caches.open(VERSION);
  const hit = await cache.match(key);
  const refresh = fetch(event.request).then((response) => {
    if (response.ok) {
      cache.put(key, response.clone());
    }
    return response;
  });
  if (hit) {
    event.waitUntil(refresh.catch(() => null));
    return hit;
  }
  return refresh;
}

// A line that is up but carries nothing must not hold the app's start: the kept copy after this long.
const NETWORK_WAIT_MS = 3_000;

async function fromNetworkElseCache(event, key) {
  const cache = await caches.open(VERSION);
  const network = fetch(event.request).then(async (response) => {
    if (response.ok) {
      await cache.put(key, response.clone());
    }
    return response;
  });
  const hit = await cache.match(key);
  if (!hit) {
    return network;
  }
  // The network may still answer after the wait and refresh the copy for the next start.
  event.waitUntil(network.catch(() => null));
  const late = new Promise((resolve) => { setTimeout(() => resolve(null), NETWORK_WAIT_MS); });
  try {
    const response = await Promise.race([network, late]);
    // A failing server or a proxy's error page: the copy kept is better than an answer the app cannot read.
    return response && response.ok ? response : hit;
  } catch {
    return hit;
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname === '/app-config') {
    event.respondWith(fromNetworkElseCache(event, '/app-config'));
    return;
  }
  const key = shellKey(url);
  if (SHELL.includes(key) && url.search === '') {
    event.respondWith(fromCacheThenRefresh(event, key));
  }
});
