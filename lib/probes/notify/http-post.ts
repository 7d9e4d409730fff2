// POSTs a body to exactly the configured URL through the bounded request (overall deadline, answer
// cut at MAX_ANSWER_BYTES): the address is resolved and checked by the shared address guard (admin
// endpoints included) and dialled as vetted, redirects are not followed.
import { knownAdminEndpoints } from "@/lib/net/admin-endpoints";
import { boundedRequest, BoundedRequestError, formatDuration, KIB } from "@/lib/net/bounded-request";
import { resolveHost } from "../engine/resolve";
import { urlRefusal } from "../engine/safety";

/** The receiver's answer is only quoted in errors: the rest is not read. */
export const MAX_ANSWER_BYTES = 16 * KIB;
/** One delivery, connect to last byte (the delivery's own signal may end it sooner). */
export const NOTIFY_DEADLINE_MS = 10_000;

export async function postTo(rawUrl: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<void> {
  await sendTo("POST", rawUrl, headers, body, signal);
}

/** As postTo, with another method (Matrix sends with PUT); resolves with the 2xx answer's text. */
export async function sendTo(method: "POST" | "PUT", rawUrl: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<string> {
  const refusal = urlRefusal(rawUrl, knownAdminEndpoints());
  if (refusal) throw new Error(refusal);
  const url = new URL(rawUrl);
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  const connectTo = await resolveHost(url.hostname, signal, { port });
  let res;
  try {
    res = await boundedRequest(url, {
      method,
      headers: { "user-agent": "Homeport-Notify/1", ...headers },
      body,
      signal,
      deadlineMs: NOTIFY_DEADLINE_MS,
      maxBytes: MAX_ANSWER_BYTES,
      truncate: true,
      connectTo: { address: connectTo.address, family: connectTo.family },
    });
  } catch (err) {
    if (err instanceof BoundedRequestError && err.kind === "timeout") throw new Error(`no complete answer within ${formatDuration(NOTIFY_DEADLINE_MS)}`);
    if (err instanceof BoundedRequestError && err.kind === "aborted") throw new Error("no answer within the delivery's timeout");
    throw err;
  }
  const status = res.status;
  if (status >= 200 && status < 300) return res.text();
  throw new Error(`HTTP ${status}${status >= 300 && status < 400 ? " (redirects are not followed)" : ""}: ${res.text().slice(0, 200)}`);
}
