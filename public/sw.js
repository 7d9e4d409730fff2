/* global self, caches, fetch, URL, Request, Response */
// Homeport's service worker: makes the /check-in page open instantly and offline with the last
// known state, and never lets that state pass for live.
//
// - Precache (install): the offline page, the icons, the manifest, and the /check-in HTML shell
//   (fetched with the session; the CSRF token is blanked before it is stored).
// - Scripts and styles under /_next/static/ (immutable, content-hashed): cache first, stored as
//   they are fetched; the page also hands over the ones it loaded before this worker ran.
// - Navigations: network first. /check-in falls back to the cached shell, others to offline.html.
// - GET /api/v1/checkin: network first; a stored copy is answered only when the server cannot
//   be reached, marked `x-homeport-offline: 1` and `x-homeport-cached-at`, so the page labels it.
// - Nothing else is cached: other API responses, the event stream and sign-in pass through.
// - Signing out (or a session that ended) deletes the shell and the stored summary.
// Bump VERSION when this file's caching changes; activate removes caches of other versions.
const VERSION = "v1";
const PREFIX = "homeport-";
const SHELL = `${PREFIX}shell-${VERSION}`;
const ASSETS = `${PREFIX}assets-${VERSION}`;
const DATA = `${PREFIX}data-${VERSION}`;
const CHECKIN_PAGE = "/check-in";
const CHECKIN_API = "/api/v1/checkin";
const OFFLINE_PAGE = "/offline.html";
const PRECACHE = [OFFLINE_PAGE, "/icons/icon-192.png", "/icons/icon-512.png", "/icons/maskable-512.png", "/icons/apple-touch-icon.png", "/favicon.svg", "/manifest.webmanifest"];
/** Old chunks pile up across upgrades; keep the newest this many. */
const MAX_ASSETS = 300;
const SIGN_OUT_PATHS = ["/api/auth/logout", "/api/auth/logout-all"];

/** The session's CSRF token travels in the page's RSC payload; the stored shell must not keep it. */
function scrubSecrets(html) {
  return html.replace(/(csrfToken\\*"\s*:\s*\\*")[^"\\]*/g, "$1");
}

async function storeShell(res) {
  const type = res.headers.get("content-type") || "";
  if (!res.ok || res.redirected || !type.includes("text/html")) return;
  const html = scrubSecrets(await res.text());
  const cache = await caches.open(SHELL);
  await cache.put(CHECKIN_PAGE, new Response(html, { headers: { "content-type": type, "x-homeport-cached-at": String(Date.now()) } }));
}

async function forgetUser() {
  const shell = await caches.open(SHELL);
  await shell.delete(CHECKIN_PAGE);
  await caches.delete(DATA);
  for (const c of await self.clients.matchAll({ includeUncontrolled: true })) c.postMessage({ type: "signed-out" });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(PRECACHE);
      try {
        await storeShell(await fetch(CHECKIN_PAGE, { credentials: "same-origin" }));
      } catch {
        // Not signed in or not reachable: the shell is stored on the next visit instead.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL, ASSETS, DATA]);
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function trimAssets(cache) {
  const keys = await cache.keys();
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_ASSETS))) await cache.delete(k);
}

async function cacheAsset(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === "basic") {
    await cache.put(request, res.clone());
    await trimAssets(cache);
  }
  return res;
}

/** A reverse proxy answers 502/503/504 when Homeport itself is down: as good as unreachable. */
const unreachable = (res) => res.status === 502 || res.status === 503 || res.status === 504;

async function navigate(request) {
  const path = new URL(request.url).pathname;
  try {
    const res = await fetch(request);
    if (!unreachable(res)) {
      // /check-in redirects only when there is no session (to sign-in or set-up): forget the user.
      if (path === CHECKIN_PAGE && (res.type === "opaqueredirect" || res.redirected)) await forgetUser();
      else if (path === CHECKIN_PAGE) await storeShell(res.clone());
      return res;
    }
  } catch {
    // offline or the server is gone: fall back below
  }
  if (path === CHECKIN_PAGE) {
    const shell = await caches.match(CHECKIN_PAGE, { cacheName: SHELL });
    if (shell) return shell;
  }
  return (await caches.match(OFFLINE_PAGE, { cacheName: SHELL })) || Response.error();
}

async function checkinData(request) {
  try {
    const res = await fetch(request);
    if (res.status === 401) await forgetUser();
    if (!unreachable(res)) {
      if (res.ok) {
        const body = await res.clone().text();
        const cache = await caches.open(DATA);
        await cache.put(CHECKIN_API, new Response(body, { headers: { "content-type": "application/json", "x-homeport-cached-at": String(Date.now()) } }));
      }
      return res;
    }
  } catch {
    // fall back to the stored copy
  }
  const copy = await caches.match(CHECKIN_API, { cacheName: DATA });
  if (!copy) return Response.error();
  return new Response(copy.body, {
    headers: { "content-type": "application/json", "cache-control": "no-store", "x-homeport-offline": "1", "x-homeport-cached-at": copy.headers.get("x-homeport-cached-at") || "0" },
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (SIGN_OUT_PATHS.includes(url.pathname)) {
      event.respondWith(
        fetch(request).then(async (res) => {
          if (res.ok) await forgetUser();
          return res;
        }),
      );
    }
    return;
  }
  if (request.mode === "navigate") event.respondWith(navigate(request));
  else if (url.pathname === CHECKIN_API) event.respondWith(checkinData(request));
  else if (url.pathname.startsWith("/_next/static/")) event.respondWith(cacheAsset(request));
  else if (PRECACHE.includes(url.pathname)) event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-assets" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      for (const u of data.urls.slice(0, MAX_ASSETS)) {
        const url = new URL(u, self.location.origin);
        if (url.origin !== self.location.origin || !url.pathname.startsWith("/_next/static/")) continue;
        try {
          await cacheAsset(new Request(url.href));
        } catch {
          // a chunk from an older build that is gone: skip it
        }
      }
    })(),
  );
});
