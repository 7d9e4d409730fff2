// POSTs a body to exactly the configured URL: the address is resolved and checked by the probe
// engine's safety rules, redirects are not followed, the answer is size-capped.
import http from "node:http";
import https from "node:https";
import { resolveHost } from "../engine/resolve";
import { isIpLiteral, urlRefusal } from "../engine/safety";

const MAX_ANSWER_BYTES = 16 * 1024;

export async function postTo(rawUrl: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<void> {
  const refusal = urlRefusal(rawUrl);
  if (refusal) throw new Error(refusal);
  const url = new URL(rawUrl);
  const { address, family } = await resolveHost(url.hostname, signal);
  const isHttps = url.protocol === "https:";
  await new Promise<void>((resolve, reject) => {
    const req = (isHttps ? https : http).request({
      host: address,
      family,
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: "POST",
      headers: { host: url.host, "user-agent": "Homeport-Notify/1", "content-length": String(Buffer.byteLength(body)), ...headers },
      agent: false,
      signal,
      ...(isHttps ? { servername: isIpLiteral(url.hostname) ? undefined : url.hostname } : {}),
    });
    req.once("error", reject);
    req.once("response", (res) => {
      let size = 0;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(c);
      });
      res.once("end", () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`HTTP ${status}${status >= 300 && status < 400 ? " (redirects are not followed)" : ""}: ${Buffer.concat(chunks).toString("utf8").slice(0, 200)}`));
      });
      res.once("error", reject);
    });
    req.end(body);
  });
}
