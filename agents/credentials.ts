// The agent's identity: exchanged once for an enrollment token (POST /api/v1/agents/enroll) and
// kept in <state dir>/credentials.json with mode 0600. Later starts reuse it; the token is spent.
import { z } from "zod";
import { existsSync, readFileSync } from "node:fs";
import { writeStateFile } from "./state-file";
import { join } from "node:path";
import { ENROLL_PATH } from "@/lib/protocol";

export const CREDENTIALS_FILE = "credentials.json";
const ENROLL_TIMEOUT_MS = 15_000;

export const EnrollResponseSchema = z.object({ agentId: z.string().min(1), secret: z.string().min(20), hostName: z.string() });
const CredentialsSchema = EnrollResponseSchema.extend({ server: z.string(), enrolledAt: z.string() });
export type Credentials = z.infer<typeof CredentialsSchema>;

export class EnrollmentError extends Error {}

export function loadCredentials(stateDir: string): Credentials | null {
  const file = join(stateDir, CREDENTIALS_FILE);
  if (!existsSync(file)) return null;
  const r = CredentialsSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!r.success) throw new EnrollmentError(`${file} is not a valid credentials file; remove it and enroll again`);
  return r.data;
}

export function saveCredentials(stateDir: string, c: Credentials): void {
  writeStateFile(stateDir, CREDENTIALS_FILE, c);
}

export async function enroll(server: string, token: string, hostname: string, agentVersion: string): Promise<Credentials> {
  let res: Response;
  try {
    res = await fetch(`${server}${ENROLL_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, hostname, agentVersion }),
      signal: AbortSignal.timeout(ENROLL_TIMEOUT_MS),
    });
  } catch (err) {
    throw new EnrollmentError(`could not reach ${server}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new EnrollmentError(`enrollment refused (HTTP ${res.status}): ${body?.error?.message ?? "no details"}`);
  const r = EnrollResponseSchema.safeParse(body);
  if (!r.success) throw new EnrollmentError("the server's enrollment answer is not understood");
  return { ...r.data, server, enrolledAt: new Date().toISOString() };
}
