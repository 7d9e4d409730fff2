// The HTTP DNS providers against a local server (127.0.0.1) that answers with the wrong shapes or
// too much: each listing fails with a typed DnsProviderError naming what was wrong, never a
// TypeError from reading a field that is not there.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/net/bounded-request";
import { DnsProviderError } from "../errors";
import { adguardProvider } from "./adguard";
import { cloudflareProvider } from "./cloudflare";
import { HTTP_MAX_RESPONSE_BYTES } from "./http";
import { piholeProvider } from "./pihole";
import { technitiumProvider } from "./technitium";

/** path → what the server answers (JSON), or a function writing the answer. */
let answers: Record<string, unknown> = {};
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0]!;
    const a = answers[path];
    if (typeof a === "function") return (a as (r: typeof res) => void)(res);
    res.writeHead(a === undefined ? 404 : 200, { "content-type": "application/json" });
    res.end(a === undefined ? "{}" : JSON.stringify(a));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const zone = { name: "home.test" };
async function failure(p: Promise<unknown>): Promise<DnsProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DnsProviderError);
    return err as DnsProviderError;
  }
  throw new Error("expected a DnsProviderError");
}

describe("HTTP providers given answers that are not their API", () => {
  const cases: { desc: string; answers: Record<string, unknown>; list: () => Promise<unknown>; mentions: RegExp }[] = [
    {
      desc: "Technitium: records is not a list",
      answers: { "/api/zones/records/get": { status: "ok", response: { records: "everything" } } },
      list: () => technitiumProvider.listRecords({ settings: { url, token: "t" } }, zone),
      mentions: /^Technitium at .* answered something that is not its API \(records: /,
    },
    {
      desc: "Technitium: a record without rData",
      answers: { "/api/zones/records/get": { status: "ok", response: { records: [{ name: "a.home.test", type: "A", ttl: 60 }] } } },
      list: () => technitiumProvider.listRecords({ settings: { url, token: "t" } }, zone),
      mentions: /records\.0\.rData/,
    },
    {
      desc: "AdGuard Home: an object instead of the rewrite list",
      answers: { "/control/rewrite/list": { rewrites: [] } },
      list: () => adguardProvider.listRecords({ settings: { url, username: "u", password: "p" } }, zone),
      mentions: /^AdGuard Home at .* answered something that is not its API/,
    },
    {
      desc: "Pi-hole: a session without its fields",
      answers: { "/api/auth": { ok: true } },
      list: () => piholeProvider.listRecords({ settings: { url, password: "p" } }, zone),
      mentions: /^Pi-hole at .* answered something that is not its API \(session: /,
    },
    {
      desc: "Cloudflare: records that are not a list",
      answers: { "/zones": { success: true, result: [{ id: "z1", name: "home.test" }] }, "/zones/z1/dns_records": { success: true, result: { id: 1 } } },
      list: () => cloudflareProvider.listRecords({ settings: { apiToken: "t", baseUrl: url } }, zone),
      mentions: /^Cloudflare answered something that is not its API/,
    },
  ];
  for (const c of cases) {
    it(c.desc, async () => {
      answers = c.answers;
      const err = await failure(c.list());
      expect(err.code).toBe("unavailable");
      expect(err.message).toMatch(c.mentions);
    });
  }

  it("an answer larger than the cap is cut there with a typed error", async () => {
    let sent = 0;
    answers = {
      "/api/zones/records/get": (res: import("node:http").ServerResponse) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.on("error", () => undefined);
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        const pump = () => {
          while (sent < 100 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        pump();
      },
    };
    const err = await failure(technitiumProvider.listRecords({ settings: { url, token: "t" } }, zone));
    expect(err.message).toBe(`Technitium at ${url} sent an answer larger than ${formatBytes(HTTP_MAX_RESPONSE_BYTES)}; Homeport reads at most that much`);
    // Cut at the cap: the server could not push the whole 100 MB.
    expect(sent).toBeLessThan(100 * 1024 * 1024);
  });
});
