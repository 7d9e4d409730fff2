// Registers the service worker (public/sw.js) in production builds on secure contexts (HTTPS, or
// localhost, which browsers treat as secure). Once it is active it is handed the page's own
// scripts and styles, which loaded before it could see them, so the /check-in shell opens
// offline from the first visit. A sign-out reported by the worker clears the stored summary.
"use client";

import { useEffect } from "react";
import { clearStoredSummary } from "./offline-store";

export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !window.isSecureContext || !("serviceWorker" in navigator)) return;
    const onMessage = (e: MessageEvent<{ type?: string }>) => {
      if (e.data?.type === "signed-out") clearStoredSummary();
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    navigator.serviceWorker
      .register("/sw.js", { scope: "/", updateViaCache: "none" })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const urls = performance
          .getEntriesByType("resource")
          .map((r) => r.name)
          .filter((u) => new URL(u).origin === window.location.origin && new URL(u).pathname.startsWith("/_next/static/"));
        reg.active?.postMessage({ type: "cache-assets", urls });
      })
      .catch(() => {
        // No offline copy then; the app works the same online.
      });
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
  }, []);
  return null;
}
