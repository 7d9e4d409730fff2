// The LAN registry mirror on the dashboard side: the setting, and where a pull of an image would
// come from (the mirror, a registry on the LAN, or the internet). The agent does the pulling.
import { isIP } from "node:net";
import type { Db } from "@/lib/db";
import { getSetting } from "@/lib/settings";
import { imageRegistry, mirrorReference } from "@/lib/protocol/image-ref";
import type { PullSource } from "./presence-schemas";

/** Host names that only a LAN resolver answers. */
const LAN_SUFFIXES = [".local", ".lan", ".home.arpa", ".internal", ".localhost", ".localdomain"];

/** The mirror Docker Hub images are pulled through, or null. */
export async function getRegistryMirror(db: Db): Promise<string | null> {
  return getSetting(db, "registryMirror");
}

/** True for a registry host on this LAN: a private or loopback address, or a local name. */
export function isLanRegistry(host: string): boolean {
  const h = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").toLowerCase();
  const v = isIP(h);
  if (v === 4) {
    const [a, b] = h.split(".").map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (v === 6) return h === "::1" || h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe80");
  return h === "localhost" || !h.includes(".") || LAN_SUFFIXES.some((s) => h.endsWith(s));
}

/** Where a pull of `image` would come from, given the mirror setting. Pure. */
export function pullSource(image: string, mirror: string | null): PullSource {
  if (mirrorReference(image, mirror)) return "mirror";
  return isLanRegistry(imageRegistry(image)) ? "lan" : "internet";
}
