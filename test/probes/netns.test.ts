// Two vantage points in network namespaces made by this test: "lan" reaches the target, "remote"
// does not. Each runs the probe CLI (what an agent would run) and reports through ingestResults;
// the check shows "degraded" with the remote cell's error class, and an incident names the remote
// vantage point. Namespaces are removed even when a step fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { createNamespaces, netnsAvailable, type Namespaces } from "./helpers/netns";
import { ensureControlPlaneVantage, getMatrix, ingestResults, listIncidents, upsertVantage, VantageResultSchema } from "@/lib/probes";

const TSX = join(process.cwd(), "node_modules/.bin/tsx");
const CLI = join(process.cwd(), "lib/probes/cli.ts");
const TARGET_PORT = 8080;
const TARGET_SERVER = `require("node:http").createServer((q, s) => s.end("hello from the LAN target")).listen(${TARGET_PORT}, "192.0.2.1", () => console.log("ready"))`;

const available = await netnsAvailable();
let ns: Namespaces | undefined;
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  if (!available) return;
  ns = await createNamespaces();
  await ns.start(ns.target, [process.execPath, "-e", TARGET_SERVER], "ready");
}, 60_000);

afterAll(async () => {
  ns?.cleanup();
  await t?.cleanup();
});

async function probeFrom(namespace: string, checks: { id: string; type: string; target: unknown }[]) {
  const out = await ns!.exec(namespace, [TSX, CLI], JSON.stringify({ checks: checks.map((c) => ({ ...c, timeoutMs: 3000 })) }));
  const parsed = JSON.parse(out) as { results: unknown[] };
  return parsed.results.map((r) => VantageResultSchema.parse({ ...(r as object), checkId: (r as { id: string }).id }));
}

describe.skipIf(!available)("LAN vs remote vantage points (network namespaces)", () => {
  it("a route reachable from the LAN but not from remote is degraded, with the remote's error class", async () => {
    await ensureControlPlaneVantage(t.db);
    await upsertVantage(t.db, { id: "ns-lan", name: "LAN namespace", kind: "lan" });
    await upsertVantage(t.db, { id: "ns-remote", name: "Remote namespace", kind: "remote" });
    const url = `http://${ns!.targetIp}:${TARGET_PORT}/`;
    const check = await t.db.check.create({
      data: { name: "app.home.example", type: "http", retries: 0, vantages: JSON.stringify(["ns-lan", "ns-remote"]), target: JSON.stringify({ url, method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0, keyword: "LAN target" }) },
    });
    const spec = { id: check.id, type: "http", target: { url, keyword: "LAN target" } };

    const [lanResults, remoteResults] = await Promise.all([probeFrom(ns!.lan, [spec]), probeFrom(ns!.remote, [spec])]);
    expect(lanResults[0]).toMatchObject({ ok: true, statusCode: 200 });
    expect(remoteResults[0]).toMatchObject({ ok: false, errorClass: "unreachable" });

    await ingestResults("ns-lan", lanResults, t.db);
    await ingestResults("ns-remote", remoteResults, t.db);

    const matrix = await getMatrix(t.db, { limit: 10 });
    const row = matrix.rows.find((r) => r.check.id === check.id)!;
    expect(row.status).toBe("degraded");
    const cell = (id: string) => row.cells[matrix.vantages.findIndex((v) => v.id === id)];
    expect(cell("ns-lan")).toMatchObject({ status: "up" });
    expect(cell("ns-remote")).toMatchObject({ status: "down", errorClass: "unreachable" });
    expect(cell("control-plane")).toBeNull(); // the check does not run from there

    const incidents = await listIncidents(t.db, { limit: 5, checkId: check.id });
    expect(incidents.items[0]).toMatchObject({ kind: "degraded", vantages: ["ns-remote"], errorClass: "unreachable" });
  });

  it("the CLI refuses the metadata address from inside a namespace without sending anything", async () => {
    // Spelled as a number, it is refused before anything runs (exit 2, nothing probed)…
    const refused = await ns!.exec(ns!.lan, [TSX, CLI], JSON.stringify({ type: "tcp", target: { host: "2852039166", port: 80 } })).then(() => null, (e: Error) => e);
    expect(refused?.message).toMatch(/exited 2/);
    // …and behind a name (the namespace's own hosts file, bind-mounted by `ip netns exec`), it is
    // refused once resolved, before any connection is made.
    const etc = `/etc/netns/${ns!.lan}`;
    mkdirSync(etc, { recursive: true });
    writeFileSync(`${etc}/hosts`, "127.0.0.1 localhost\n169.254.169.254 metadata.lab\n");
    try {
      const out = await ns!.exec(ns!.lan, [TSX, CLI], JSON.stringify({ type: "tcp", target: { host: "metadata.lab", port: 80 } }));
      expect(JSON.parse(out)).toMatchObject({ results: [{ ok: false, errorClass: "blocked" }] });
      expect(out).toMatch(/169\.254\.169\.254/);
    } finally {
      rmSync(etc, { recursive: true, force: true });
    }
  });
});
