// Reading a route's state on the bed through the API: its status (parts, verdicts, sides) and
// waiting for one, running the route's checks at once between looks (POST /routes/{id}/checks/run)
// instead of waiting for their interval. Shared by the Vitest scenarios and the Playwright spec.
import type { HomeportApi } from "./api-client";
import type { TestBed } from "./bed";

export type VerdictStatus = "pass" | "fail" | "pending" | "not-applicable";
export interface Verdict { status: VerdictStatus; reason: string }
export interface SideVantage { id: string; name: string; kind: string; status: string; errorClass: string | null; message: string | null; fingerprint: string | null }
export interface Side { expectation: string; status: "up" | "down" | "unknown"; vantages: SideVantage[] }
export interface RouteStatus {
  parts: { part: string; status: string; message: string | null }[];
  verdicts: { sameUrl: Verdict; worksOffline: Verdict; exposureMatchesIntent: Verdict };
  sides: { lan: Side; remote: Side };
}

export const ROUTE_WAIT_MS = 120_000;
const LOOK_INTERVAL_MS = 1_000;

export const routeStatus = (api: HomeportApi, id: string) => api.get<RouteStatus>(`/api/v1/routes/${id}/status`);

/** One line of a status for failure messages. */
export function describeStatus(s: RouteStatus | undefined): string {
  if (!s) return "no status yet";
  const side = (x: Side) => `${x.status} [${x.vantages.map((v) => `${v.name}: ${v.status}${v.errorClass ? ` ${v.errorClass}` : ""}${v.fingerprint ? ` fp=${v.fingerprint}` : ""}`).join(", ")}]`;
  return [
    `parts: ${s.parts.map((p) => `${p.part}=${p.status}${p.message ? ` (${p.message})` : ""}`).join(", ")}`,
    `lan: ${side(s.sides.lan)}; remote: ${side(s.sides.remote)}`,
    ...Object.entries(s.verdicts).map(([k, v]) => `${k}: ${v.status} — ${v.reason}`),
  ].join("\n");
}

/**
 * Waits until `ok(status)` holds, running the route's checks now between looks. The error carries
 * the last status and the bed's logs.
 */
export async function waitForRoute(api: HomeportApi, bed: TestBed, id: string, ok: (s: RouteStatus) => boolean, what: string, timeoutMs = ROUTE_WAIT_MS): Promise<RouteStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: RouteStatus | undefined;
  for (;;) {
    last = await routeStatus(api, id);
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describeStatus(last)}\n${bed.logs()}`);
    await api.post(`/api/v1/routes/${id}/checks/run`);
    await new Promise((r) => setTimeout(r, LOOK_INTERVAL_MS));
  }
}

export const bothSidesUp = (s: RouteStatus) => s.sides.lan.status === "up" && s.sides.remote.status === "up";
