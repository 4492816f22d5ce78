// Service Handbook service worker, written at build time by handbook.site.offline.
//
// One worker per language, at the language's root: its scope is that language's folder. After
// the first visit it holds the precache list below (every SOP page, every checklist, the
// phrasebook, the home page, the language's assets and search data); any other page of the scope
// is kept once visited. Everything is served from one cache named after this build's version,
// so two builds never mix: a new build brings a new sw.js, which fetches the whole list anew
// (bypassing the HTTP cache), takes over, deletes the old cache, and the page shows a notice.
"use strict";

const CONFIG = /*HANDBOOK_CONFIG*/ {};
const SCOPE = new URL(self.registration.scope);
const PREFIX = "handbook " + SCOPE.href + " ";
const CACHE = PREFIX + CONFIG.version;

// One cache entry per file: no query (search highlights add ?h=…), no fragment, folder → index.html.
function cacheKey(href) {
  const url = new URL(href, SCOPE);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  return url.href;
}

// Requests this worker answers: same origin, inside the scope, not another language's folder.
function mine(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return false;
  const rel = url.pathname.slice(SCOPE.pathname.length);
  return rel !== "sw.js" && !CONFIG.exclude.some((prefix) => rel.startsWith(prefix));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const existed = await caches.has(CACHE);
    const cache = await caches.open(CACHE);
    try {
      await cache.addAll(CONFIG.precache.map((path) => new Request(new URL(path, SCOPE), { cache: "reload" })));
    } catch (error) {
      if (!existed) await caches.delete(CACHE); // half a build is worse than the old one: keep the old worker
      throw error;
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function offlinePage() {
  const t = CONFIG.offline;
  const html = '<!doctype html><html lang="' + t.lang + '"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><title>' + t.title + "</title></head>" +
    '<body style="font-family:system-ui,sans-serif;margin:2rem 1.2rem;line-height:1.6;max-width:40rem">' +
    "<h1>" + t.title + "</h1><p>" + t.text + '</p><p><a href="' + SCOPE.href + 'index.html">' + t.home +
    "</a></p></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  const key = cacheKey(request.url);
  const hit = await cache.match(key);
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic" && !response.redirected && !request.headers.has("range")) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (error) {
    if (request.mode === "navigate") return offlinePage();
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !mine(new URL(request.url))) return;
  event.respondWith(respond(request));
});

// The page a visitor opened before this worker existed: keep it too ("kept once visited").
async function remember(href) {
  const cache = await caches.open(CACHE);
  const key = cacheKey(href);
  if (await cache.match(key)) return;
  try {
    const response = await fetch(key);
    if (response.ok && !response.redirected) await cache.put(key, response);
  } catch (error) { /* offline again: nothing to keep */ }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "visited" && typeof data.url === "string" && mine(new URL(data.url))) {
    event.waitUntil(remember(data.url));
  }
});
