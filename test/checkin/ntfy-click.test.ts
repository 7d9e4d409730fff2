// Incident notifications open the check-in page: ntfy gets a Click header and webhooks a `url`
// field when the channel knows Homeport's address; nothing is added without it. Loopback only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ntfyChannel } from "@/lib/probes/notify/ntfy";
import { webhookChannel } from "@/lib/probes/notify/webhook";
import type { NotificationMessage } from "@/lib/probes/notify";

const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { await new Promise((r) => server.close(r)); });

const message: NotificationMessage = {
  event: "incident.opened",
  title: "nas is down",
  text: "nas fails: refused",
  at: "2026-05-01T12:00:00.000Z",
  check: { id: "chk1", name: "nas", description: "GET http://nas/" },
  incident: { id: "inc1", kind: "down", startedAt: "2026-05-01T12:00:00.000Z", endedAt: null, durationMs: null, vantages: ["control-plane"], errorClass: "refused", message: null },
};
const signal = () => AbortSignal.timeout(5_000);

describe("notifications link to the check-in page", () => {
  it("ntfy: Click header with the app address", async () => {
    const config = ntfyChannel.configSchema.parse({ url: base, topic: "lab", appUrl: "https://homeport.home.example/" });
    await ntfyChannel.send(config, null, message, signal());
    expect(received.at(-1)?.headers.click).toBe("https://homeport.home.example/check-in#incident-inc1");
  });

  it("ntfy: no Click header without an app address", async () => {
    await ntfyChannel.send(ntfyChannel.configSchema.parse({ url: base, topic: "lab" }), null, message, signal());
    expect(received.at(-1)?.headers.click).toBeUndefined();
  });

  it("webhook: a url field with the app address", async () => {
    await webhookChannel.send(webhookChannel.configSchema.parse({ url: `${base}/hook`, appUrl: "https://homeport.home.example" }), null, message, signal());
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ event: "incident.opened", url: "https://homeport.home.example/check-in#incident-inc1" });
  });

  it("refuses an app address that is not http(s)", () => {
    expect(ntfyChannel.configSchema.safeParse({ url: base, topic: "lab", appUrl: "javascript:alert(1)" }).success).toBe(false);
  });
});
