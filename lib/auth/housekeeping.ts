// Background clean-up of the auth domain: sign-in counters nobody reads any more (an attacker
// rotating source addresses would otherwise leave one row per address behind for good).
import type { Db } from "@/lib/db";
import type { Schedulers } from "@/lib/schedulers";
import { log } from "@/lib/log";
import { pruneLoginThrottle } from "./rate-limit";

export const AUTH_HOUSEKEEPING_EVERY_MS = 30 * 60_000;

export function scheduleAuthHousekeeping(schedulers: Schedulers, getDb: () => Db): void {
  schedulers.every("auth-housekeeping", AUTH_HOUSEKEEPING_EVERY_MS, async () => {
    const n = await pruneLoginThrottle(getDb());
    if (n > 0) log.info("auth", "pruned stale sign-in counters", { count: n });
  });
}
