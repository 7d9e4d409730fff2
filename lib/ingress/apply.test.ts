import { describe, expect, it } from "vitest";
import { applyIngressPlan } from "./apply";
import type { CaddyAdmin } from "./caddy-client";
import { CaddyConflictError, CaddyRejectedError } from "./errors";
import { planIngressChanges } from "./plan";
import type { AdminOp, DesiredIngress } from "./types";

const desired: DesiredIngress = {
  server: { name: "srv0", listen: [":443"], httpPort: 80, httpsPort: 443 },
  entries: [
    { routeId: "a", hostname: "a.home.arpa", upstream: { dial: "10.0.0.1:80", tls: false }, tls: { mode: "internal" } },
    { routeId: "b", hostname: "b.home.arpa", upstream: { dial: "10.0.0.2:80", tls: false }, tls: { mode: "internal" } },
  ],
};
const config = { apps: { http: { servers: { srv0: { routes: [{ "@id": "user" }] } } } } };

/** A Caddy stand-in that records sent ops, refuses those `reject` picks, and answers GETs from `paths`. */
function fakeCaddy(opts: { reject?: (op: AdminOp) => boolean; paths?: Record<string, unknown> } = {}): CaddyAdmin & { sent: string[] } {
  const sent: string[] = [];
  return {
    adminUrl: "http://fake",
    sent,
    getConfig: async () => config,
    getPath: async (p) => opts.paths?.[p] ?? null,
    getRootCertificate: async () => "",
    async send(op) {
      if (opts.reject?.(op)) throw new CaddyRejectedError(400, "loading new config: boom", `${op.method} ${op.path}`);
      sent.push(`${op.method} ${op.path}`);
    },
  };
}

describe("applyIngressPlan", () => {
  it("sends every op in order when Caddy accepts them", async () => {
    const caddy = fakeCaddy();
    const r = await applyIngressPlan(caddy, planIngressChanges(desired, config));
    expect(r.failed).toBeNull();
    expect(caddy.sent).toEqual(["POST /config/apps/tls", "PUT /config/apps/http/servers/srv0/routes/0", "PUT /config/apps/http/servers/srv0/routes/0"]);
  });

  it("stops at the first refusal and names the change with Caddy's text", async () => {
    const caddy = fakeCaddy({ reject: (op) => JSON.stringify(op.body).includes("b.home.arpa") && op.path.includes("routes") });
    const r = await applyIngressPlan(caddy, planIngressChanges(desired, config));
    expect(r.applied.map((c) => c.id)).toEqual(["homeport-tls-internal", "homeport-route-a"]);
    expect(r.failed?.change.id).toBe("homeport-route-b");
    expect((r.failed?.error as CaddyRejectedError).caddyMessage).toBe("loading new config: boom");
  });

  it("does not replace a container the user created after the plan", async () => {
    const caddy = fakeCaddy({ paths: { "/config/apps/tls": { certificates: { load_files: [] } } } });
    const r = await applyIngressPlan(caddy, planIngressChanges(desired, config));
    expect(r.failed?.error).toBeInstanceOf(CaddyConflictError);
    expect(caddy.sent).toEqual([]);
  });
});
