{% autoescape off %}// Offline worker of the booth cashier page. Static files: cache first (their URLs change when
// their content does). The page: network first, so a cashier always gets the newest page when
// online, and the last good copy when not. API calls are never cached: the page's own queue
// keeps unsent sales, and a cached answer to a POST would hide a sale that never arrived.
const CONFIG = {{ config_json }};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CONFIG.cache);
    await cache.addAll(CONFIG.assets);
    await keepPage(cache, await fetch(CONFIG.page));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  // Drop this event's caches from earlier deployments; other events' workers keep theirs.
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith(CONFIG.cachePrefix) && name !== CONFIG.cache).map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === CONFIG.page) {
    event.respondWith(pageNetworkFirst(request));
  } else if (CONFIG.assets.includes(url.pathname)) {
    event.respondWith(
      caches.match(request).then((cached) => cached || fetch(request))
    );
  }
});

async function keepPage(cache, response) {
  // Keep only a real page: not the login page after a redirect, not an error.
  if (response.ok && !response.redirected) await cache.put(CONFIG.page, response.clone());
  return response;
}

async function pageNetworkFirst(request) {
  const cache = await caches.open(CONFIG.cache);
  try {
    return await keepPage(cache, await fetch(request));
  } catch (error) {
    // "?booth=A-001" and the bare page are the same shell; the script reads the booth itself.
    const cached = await cache.match(CONFIG.page);
    if (cached) return cached;
    throw error;
  }
}
{% endautoescape %}
