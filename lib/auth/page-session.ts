// For server components: the signed-in user of the current request, from the session cookie.
// Pages cannot set cookies, so rotation happens on the next API call instead.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { SESSION_COOKIE, resolveSession, type SessionInfo } from "./sessions";
import { needsSetup } from "./accounts";

export async function getPageSession(): Promise<SessionInfo | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return resolveSession(getDb(), token, { ttlMs: getConfig().sessionTtlMs, rotate: false });
}

/** Redirects to /setup on first run and to /login without a session. */
export async function requirePageSession(): Promise<SessionInfo> {
  const s = await getPageSession();
  if (s) return s;
  redirect((await needsSetup(getDb())) ? "/setup" : "/login");
}
