// The web app manifest (/manifest.webmanifest): installs Homeport on a phone's home screen,
// opening the check-in page in its own window. Icons are committed PNGs (scripts/make-icons.mjs).
import type { MetadataRoute } from "next";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/check-in",
    name: "Homeport",
    short_name: "Homeport",
    description: "Check in on your homelab: incidents, routes, hosts and services at a glance",
    start_url: "/check-in",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#09090b",
    theme_color: "#4f46e5",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
