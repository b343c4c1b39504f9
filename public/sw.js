// Advocate's service worker: a repeat visit starts without the network, and offline every
// member page still shows how to call. Same origin, no inline code, nothing private kept.
//
// - The app's files carry a content hash in their names (Trunk's filehash): kept and served
//   from the cache first; a new release has new names, so a page never mixes two releases.
// - Member pages (the server's HTML, which holds the phone number and hours): from the network,
//   kept for offline; offline, the page kept for that address, else the home page.
// - The public catalogs (program, services, procedures, unit limits): from the cache at once,
//   refreshed from the network behind it.
// - Nothing else: the console, a member's request, bills and every answer marked no-store go to
//   the network only and are never written to the cache.
'use strict';

const CACHE = 'advocate-v1';
const scope = new URL(self.registration.scope);
const base = scope.pathname;
const PUBLIC_API = ['api/program', 'api/services', 'api/procedures', 'api/unit-limits'];

function inScope(url) {
  return url.origin === scope.origin && url.pathname.startsWith(base);
}

function relative(url) {
  return url.pathname.slice(base.length);
}

// Files of a build: a content hash before the extension (advocate-web-1a2b3c4d5e6f7a8b_bg.wasm),
// 16 hex digits or, when the hash starts with zeros, fewer: Trunk does not pad it.
function isHashedFile(path) {
  return /-[0-9a-f]{12,16}(_bg)?\.(wasm|js|css)$/.test(path);
}

// The console's own bundle (console.html's files): for advocates, never kept on a member's device.
function isConsoleFile(path) {
  return path.startsWith('advocate-console-');
}

function isMemberPage(path) {
  return !path.startsWith('api/') && !path.startsWith('console') && !/\.[a-z0-9]+$/i.test(path);
}

function cacheable(response) {
  const control = response.headers.get('cache-control') || '';
  return response.ok && response.type === 'basic' && !/no-store|private/.test(control);
}

self.addEventListener('install', (event) => {
  // The home page and what it loads, so the first offline visit already has them.
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      const home = await fetch(base, { cache: 'no-cache' });
      if (!cacheable(home)) return;
      await cache.put(base, home.clone());
      await cacheFilesOf(cache, await home.text());
    }).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('advocate-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The hashed files a page names, fetched into the cache; those of older builds dropped.
async function cacheFilesOf(cache, html) {
  const named = new Set();
  // In links and in the loader script alike: './advocate-web-<hash>.js', '…_bg.wasm'.
  for (const match of html.matchAll(/["']([^"'\s<>]+-[0-9a-f]{12,16}(?:_bg)?\.(?:wasm|js|css))["']/g)) {
    const url = new URL(match[1], scope);
    if (inScope(url) && isHashedFile(relative(url))) named.add(url.href);
  }
  // A script's wasm stays too: the bill readers' worker is named by its script alone
  // (<meta name="advocate-bill-reader">) and its wasm is kept once a bill page has loaded it.
  const kept = new Set([...named].flatMap((href) => [href, href.replace(/\.js$/, '_bg.wasm')]));
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (isHashedFile(relative(url)) && !kept.has(url.href)) await cache.delete(request);
  }
  await Promise.all([...named].map(async (href) => {
    if (!(await cache.match(href))) {
      const response = await fetch(href);
      if (cacheable(response)) await cache.put(href, response);
    }
  }));
}

async function memberPage(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (cacheable(response)) {
      await cache.put(request, response.clone());
      // The wasm and JS this release's page loads, so that the next visit starts offline.
      response.clone().text().then((html) => cacheFilesOf(cache, html)).catch(() => {});
    }
    return response;
  } catch (offline) {
    return (await cache.match(request, { ignoreSearch: true })) || (await cache.match(base)) || Response.error();
  }
}

async function hashedFile(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

async function publicCatalog(request, event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  const fresh = fetch(request).then(async (response) => {
    if (cacheable(response)) await cache.put(request, response.clone());
    return response;
  });
  if (kept) {
    event.waitUntil(fresh.catch(() => {}));
    return kept;
  }
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!inScope(url)) return;
  const path = relative(url);
  if (request.mode === 'navigate' && path.startsWith('requests/')) {
    // A request's status page: never kept (its address names the request); offline, the home page.
    event.respondWith(fetch(request).catch(async () => (await caches.match(base)) || Response.error()));
  } else if (request.mode === 'navigate' && isMemberPage(path)) {
    event.respondWith(memberPage(request));
  } else if (isHashedFile(path) && !isConsoleFile(path)) {
    event.respondWith(hashedFile(request));
  } else if (PUBLIC_API.some((p) => path === p || path.startsWith(p + '?'))) {
    event.respondWith(publicCatalog(request, event));
  }
});
