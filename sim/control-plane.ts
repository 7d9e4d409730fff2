// The control plane as the simulator sees it from outside: admin API calls with a token,
// enrollment of new identities, a signed-in browser session for page times, the live headroom
// answer (`GET /api/v1/capacity`, null while it does not exist) and the server process's own
// memory and CPU read from /proc.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ENROLL_PATH } from "@/lib/protocol";
import { CapacityLiveSchema, type CapacityLive } from "@/lib/capacity/live-schema";
import { SIM_AGENT_VERSION, type SimIdentity } from "./agent";

const REQUEST_TIMEOUT_MS = 60_000;
/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ) on every common build. */
const CLOCK_TICKS_PER_SECOND = 100;

const EnrollAnswerSchema = z.object({ agentId: z.string().min(1), secret: z.string().min(20), hostName: z.string() });
const TokenAnswerSchema = z.object({ token: z.string().min(1) });

export class ControlPlane {
  constructor(readonly base: string, private readonly token: string) {}

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : null;
  }

  /** A new identity through the real flow: an enrollment token (admin API), spent as an agent would. */
  async enroll(name: string): Promise<SimIdentity> {
    const { token } = TokenAnswerSchema.parse(await this.call("POST", "/api/v1/enrollments", { name }));
    const res = await fetch(`${this.base}${ENROLL_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, hostname: name, agentVersion: SIM_AGENT_VERSION }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`enrollment of ${name} refused (HTTP ${res.status}): ${text.slice(0, 300)}`);
    return EnrollAnswerSchema.parse(JSON.parse(text));
  }

  /** This instance's live headroom; null when the route is not there (404) or answers nothing usable. */
  async capacity(): Promise<CapacityLive | null> {
    try {
      const res = await fetch(`${this.base}/api/v1/capacity`, { headers: { authorization: `Bearer ${this.token}` }, signal: AbortSignal.timeout(10_000) });
      if (!res.ok) return null;
      const r = CapacityLiveSchema.safeParse(await res.json());
      return r.success ? r.data : null;
    } catch {
      return null;
    }
  }
}

/** Signs in through /api/auth/login as the sign-in page does; returns the session cookie. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const cookie = /(hp_session=[^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return cookie;
}

/**
 * Server time to first byte of a page, signed in: the request until the response head arrived
 * (the body is then read to the end so the next request starts clean). Null when it failed.
 */
export async function pageTtfbMs(base: string, path: string, cookie: string): Promise<number | null> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const ms = performance.now() - t0;
    await res.arrayBuffer();
    return res.status === 200 ? ms : null;
  } catch {
    return null;
  }
}

export interface ProcSample {
  at: number;
  rssMb: number;
  /** user + system CPU time so far, seconds. */
  cpuSeconds: number;
}

/** Resident memory and CPU time of a process from /proc; null once it is gone. */
export function procSample(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at state: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
    return { at: performance.now(), rssMb: rssKb / 1024, cpuSeconds };
  } catch {
    return null;
  }
}

/** Mean CPU (cores) between two samples. */
export const cpuCoresBetween = (a: ProcSample, b: ProcSample): number => (b.at > a.at ? (b.cpuSeconds - a.cpuSeconds) / ((b.at - a.at) / 1000) : 0);
