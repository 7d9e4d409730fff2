import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseImageRef } from "@/lib/protocol/image-digest";
import { checkTag, parseBearerChallenge, pickPlatform, RegistryError, MANIFEST_TYPES } from "./registry";

const sha = (s: string) => `sha256:${createHash("sha256").update(s).digest("hex")}`;
const json = (v: unknown) => JSON.stringify(v);

const amdConfig = json({ created: "2026-12-01T10:00:00Z", architecture: "amd64" });
const armConfig = json({ created: "2026-11-20T08:00:00Z", architecture: "arm64" });
const amdManifest = json({ schemaVersion: 2, mediaType: MANIFEST_TYPES.ociManifest, config: { digest: sha(amdConfig), size: amdConfig.length } });
const armManifest = json({ schemaVersion: 2, mediaType: MANIFEST_TYPES.ociManifest, config: { digest: sha(armConfig), size: armConfig.length } });
const index = json({
  schemaVersion: 2,
  mediaType: MANIFEST_TYPES.ociIndex,
  manifests: [
    { digest: sha("attestation"), platform: { os: "unknown", architecture: "unknown" } },
    { digest: sha(armManifest), platform: { os: "linux", architecture: "arm64" } },
    { digest: sha(amdManifest), platform: { os: "linux", architecture: "amd64" } },
  ],
});
const single = json({ schemaVersion: 2, mediaType: MANIFEST_TYPES.dockerManifest, config: { digest: sha(amdConfig) } });
const TOKEN = "anon-token-123";

interface Seen { method: string; url: string; auth: string | undefined; accept: string | undefined }
let seen: Seen[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push({ method: req.method ?? "", url: url.pathname + url.search, auth: req.headers.authorization, accept: req.headers.accept });
    if (url.pathname === "/token") {
      if (url.searchParams.get("scope") !== "repository:team/locked:pull" || url.searchParams.get("service") !== "fake-registry") { res.writeHead(403).end(); return; }
      res.writeHead(200, { "content-type": "application/json" }).end(json({ token: TOKEN }));
      return;
    }
    if (url.pathname.startsWith("/v2/team/denied/")) {
      res.writeHead(401, { "www-authenticate": `Bearer realm="${base}/token",service="other",scope="repository:team/denied:pull"` }).end();
      return;
    }
    if (url.pathname.startsWith("/v2/team/locked/") && req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { "www-authenticate": `Bearer realm="${base}/token",service="fake-registry",scope="repository:team/locked:pull"` }).end();
      return;
    }
    const send = (body: string, type: string, digestHeader = true) => {
      res.writeHead(200, { "content-type": type, "content-length": Buffer.byteLength(body), ...(digestHeader && { "docker-content-digest": sha(body) }) });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
    if (!m) { res.writeHead(404).end(); return; }
    const [, repo, kind, what] = m;
    if (kind === "blobs") {
      const blob = [amdConfig, armConfig].find((b) => sha(b) === what);
      if (blob) send(blob, "application/octet-stream", false);
      else res.writeHead(404).end();
      return;
    }
    if (what === sha(amdManifest)) return send(amdManifest, MANIFEST_TYPES.ociManifest);
    if (what === sha(armManifest)) return send(armManifest, MANIFEST_TYPES.ociManifest);
    if (repo === "team/locked" && what === "1") return send(index, MANIFEST_TYPES.ociIndex);
    if (repo === "team/plain" && what === "latest") return send(single, MANIFEST_TYPES.dockerManifest, false);
    if (repo === "team/huge" && what === "1") {
      res.writeHead(200, { "content-type": MANIFEST_TYPES.dockerManifest, "content-length": 64 * 1024 * 1024 }).end();
      return;
    }
    if (repo === "team/slow") return; // never answers
    res.writeHead(404, { "content-type": "application/json" }).end(json({ errors: [{ code: "MANIFEST_UNKNOWN" }] }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => { seen = []; });

const ref = (name: string) => parseImageRef(`${base.replace("http://", "")}/${name}`)!;
const classOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof RegistryError ? e.errorClass : `thrown: ${String(e)}`));

describe("parseBearerChallenge", () => {
  it("reads realm, service and scope", () => {
    expect(parseBearerChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"')).toEqual({
      realm: "https://auth.docker.io/token", service: "registry.docker.io", scope: "repository:library/nginx:pull",
    });
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull();
    expect(parseBearerChallenge(null)).toBeNull();
  });
});

describe("pickPlatform", () => {
  it("prefers the host's architecture, then amd64, and skips attestations", () => {
    const ms = JSON.parse(index).manifests;
    expect(pickPlatform(ms, "arm64")).toBe(sha(armManifest));
    expect(pickPlatform(ms, "riscv64")).toBe(sha(amdManifest));
    expect(pickPlatform([ms[0]], "amd64")).toBeNull();
  });
});

describe("checkTag against a local fake registry", () => {
  it("gets an anonymous token on 401, reads the index digest from HEAD and the platform image's age", async () => {
    const r = await checkTag(ref("team/locked:1"), { arch: "arm64" });
    expect(r.digest).toBe(sha(index));
    expect(r.createdAt?.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(seen.filter((s) => s.url.startsWith("/token"))).toHaveLength(1);
    const head = seen.find((s) => s.method === "HEAD" && s.auth)!;
    expect(head.accept).toContain(MANIFEST_TYPES.ociIndex);
    expect(head.accept).toContain(MANIFEST_TYPES.dockerManifest);
    expect(seen.filter((s) => s.url.startsWith("/v2/") && s.method !== "HEAD").every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("asks only HEAD when the digest has not moved since the last check", async () => {
    const createdAt = new Date("2026-12-01T10:00:00Z");
    const r = await checkTag(ref("team/locked:1"), { known: { digest: sha(index), createdAt } });
    expect(r).toEqual({ digest: sha(index), createdAt });
    expect(seen.filter((s) => s.url.startsWith("/v2/") && s.method === "GET")).toHaveLength(0);
  });

  it("takes the digest from the body when the registry sends no Docker-Content-Digest", async () => {
    const r = await checkTag(ref("team/plain"));
    expect(r.digest).toBe(sha(single));
    expect(r.createdAt?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("classes failures: not_found, unauthorized, error (oversized), unreachable (refused, silent)", async () => {
    expect(await classOf(checkTag(ref("team/missing:9")))).toBe("not_found");
    expect(await classOf(checkTag(ref("team/denied:1")))).toBe("unauthorized");
    expect(await classOf(checkTag(ref("team/huge:1")))).toBe("error");
    expect(await classOf(checkTag(ref("team/slow:1"), { deadlineMs: 300 }))).toBe("unreachable");
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await checkTag(parseImageRef(`127.0.0.1:${port}/team/locked:1`)!).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RegistryError);
    expect((refused as RegistryError).errorClass).toBe("unreachable");
    expect((refused as RegistryError).message).toBe(`127.0.0.1:${port} could not be reached (connection refused)`);
  });

  it("never asks about a reference pinned to a digest", async () => {
    expect(await classOf(checkTag(ref(`team/locked@${sha(index)}`)))).toBe("error");
    expect(seen).toHaveLength(0);
  });
});
