// Objects created before fuzzing, so that "a valid id" reaches deep into every {id} operation: a
// service, routes, a check, a channel, a DNS provider and zone, a tunnel, a vantage point, an
// enrolled (never connected) host. Every address is loopback. A seed the server refuses is reported,
// not fatal: the schemas belong to other parts and the fuzz still runs.

export type SeedSend = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: unknown }>;

export interface SeedOutcome {
  what: string;
  status: number;
  /** The refusal's message, when the server refused the seed. */
  refused?: string;
}

const idOf = (json: unknown): string | undefined => {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : undefined;
};

export async function seedObjects(send: SeedSend): Promise<SeedOutcome[]> {
  const out: SeedOutcome[] = [];
  const post = async (what: string, path: string, body: unknown, method = "POST") => {
    const r = await send(method, path, body);
    const refused = r.status >= 300 ? (r.json as { error?: { message?: string } } | null)?.error?.message ?? "" : undefined;
    out.push({ what, status: r.status, ...(refused !== undefined ? { refused } : {}) });
    return r;
  };
  const svc = await post("service", "/api/v1/services", { name: "fuzz-seed", image: "busybox:latest", ports: [{ container: 8080 }] });
  await post("route to the service", "/api/v1/routes", { hostname: "seed.home.arpa", serviceId: idOf(svc.json) ?? null, servicePort: 8080 });
  await post("route to a URL", "/api/v1/routes", { hostname: "nas.home.arpa", upstreamUrl: "http://127.0.0.1:8081", exposure: "both" });
  await post("http check", "/api/v1/checks", { name: "seed-check", type: "http", target: { url: "http://127.0.0.1:9/" }, intervalSec: 3600 });
  await post("webhook channel", "/api/v1/notifications", { name: "seed-hook", kind: "webhook", config: { url: "http://127.0.0.1:9/hook" } });
  const provider = await post("rfc2136 provider", "/api/v1/dns/providers", {
    name: "seed-bind", kind: "rfc2136", settings: { server: "127.0.0.1", port: 5399, keyName: "homeport", algorithm: "hmac-sha256", secret: "c2VjcmV0c2VjcmV0c2VjcmV0" },
  });
  await post("lan zone", "/api/v1/dns/zones", { name: "home.arpa", role: "lan", providerId: idOf(provider.json) ?? "missing", target: ["127.0.0.1"] });
  await post("caddy-edge tunnel", "/api/v1/tunnel", {
    name: "seed-edge", kind: "caddy-edge", mode: "remote", externalId: "edge.home.arpa", originUrl: "https://127.0.0.1:8443", apiBaseUrl: "http://127.0.0.1:2999",
  });
  await post("vantage", "/api/v1/vantages", { id: "seed-remote", name: "seed remote", kind: "remote" });
  const enrollment = await post("enrollment", "/api/v1/enrollments", { name: "seed-host" });
  const token = (enrollment.json as { token?: unknown } | null)?.token;
  if (typeof token === "string") await post("enrolled host", "/api/v1/agents/enroll", { token, hostname: "seed-host", agentVersion: "0.0.0-fuzz" });
  await post("a second enrollment", "/api/v1/enrollments", { name: "seed-spare" });
  await post("ingress settings", "/api/v1/ingress/settings", { adminUrl: "http://127.0.0.1:2019" }, "PATCH");
  return out;
}
