// What each tunnel kind accepts: the API's create schema with the per-kind rules, table-driven.
import { describe, expect, it } from "vitest";
import { movedTunnelFields, TunnelCreateSchema, tunnelFieldIssues } from "./schemas";
import { edgeAuthorization } from "./providers/caddy-edge";

const EDGE = { name: "edge", kind: "caddy-edge", mode: "remote", externalId: "edge.example.org", apiBaseUrl: "http://203.0.113.10:2019", originUrl: "https://198.51.100.1:443" };
const CF = { name: "home", kind: "cloudflare", mode: "remote", accountId: "023e105f4ecef8ad9ca31a8372d0c353", externalId: "6ff42ae2-765d-4adf-8112-31c55c1551ef", credentials: "token", originUrl: "https://192.168.1.10:443" };

describe("TunnelCreateSchema", () => {
  const cases: { desc: string; body: Record<string, unknown>; issue: string | null }[] = [
    { desc: "caddy-edge: admin URL, DNS name, no credentials", body: EDGE, issue: null },
    { desc: "caddy-edge: with a bearer token", body: { ...EDGE, credentials: "s3cret" }, issue: null },
    { desc: "caddy-edge: needs the admin API URL", body: { ...EDGE, apiBaseUrl: undefined }, issue: "apiBaseUrl" },
    { desc: "caddy-edge: the edge name must be a DNS name", body: { ...EDGE, externalId: "not a name" }, issue: "externalId" },
    { desc: "caddy-edge: remote mode only", body: { ...EDGE, mode: "local" }, issue: "mode" },
    { desc: "caddy-edge: no account id", body: { ...EDGE, accountId: "023e105f4ecef8ad9ca31a8372d0c353" }, issue: "accountId" },
    { desc: "caddy-edge: admin API over http(s) only", body: { ...EDGE, apiBaseUrl: "ftp://203.0.113.10/" }, issue: "apiBaseUrl" },
    { desc: "cloudflare remote: as before", body: CF, issue: null },
    { desc: "cloudflare: the tunnel id is a UUID", body: { ...CF, externalId: "edge.example.org" }, issue: "externalId" },
    { desc: "cloudflare remote: needs the account id", body: { ...CF, accountId: undefined }, issue: "accountId" },
    { desc: "cloudflare: needs credentials", body: { ...CF, credentials: undefined }, issue: "credentials" },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = TunnelCreateSchema.safeParse(c.body);
      if (c.issue === null) expect(r.error?.issues ?? []).toEqual([]);
      else expect(r.error?.issues.map((i) => i.path.join("."))).toContain(c.issue);
    });
  }

  it("an update that keeps stored credentials (null) is not asked for them", () => {
    expect(tunnelFieldIssues("cloudflare", { mode: "remote", accountId: CF.accountId, externalId: CF.externalId, apiBaseUrl: null, credentials: null })).toEqual([]);
  });
});

describe("edgeAuthorization", () => {
  const cases: { credentials: string; want: string | null }[] = [
    { credentials: "", want: null },
    { credentials: "tok3n", want: "Bearer tok3n" },
    { credentials: "Bearer tok3n", want: "Bearer tok3n" },
    { credentials: "admin:pw", want: `Basic ${Buffer.from("admin:pw").toString("base64")}` },
  ];
  for (const c of cases) it(JSON.stringify(c.credentials), () => expect(edgeAuthorization(c.credentials)).toBe(c.want));
});

describe("movedTunnelFields: where stored credentials would go next", () => {
  const current = { mode: "remote", apiBaseUrl: "http://203.0.113.10:2019", accountId: "023e105f4ecef8ad9ca31a8372d0c353", hostId: "h1" };
  const cases: { desc: string; next: Parameters<typeof movedTunnelFields>[1]; moved: string[] }[] = [
    { desc: "nothing given", next: {}, moved: [] },
    { desc: "the same values, a trailing slash aside", next: { mode: "remote", apiBaseUrl: "http://203.0.113.10:2019/", accountId: current.accountId }, moved: [] },
    { desc: "another API address", next: { apiBaseUrl: "http://198.51.100.9:2019" }, moved: ["apiBaseUrl"] },
    { desc: "the API address removed", next: { apiBaseUrl: null }, moved: ["apiBaseUrl"] },
    { desc: "another account", next: { accountId: "ffffffffffffffffffffffffffffffff" }, moved: ["accountId"] },
    { desc: "remote → local", next: { mode: "local" }, moved: ["mode"] },
    { desc: "another host in remote mode (unused there)", next: { hostId: "h2" }, moved: [] },
    { desc: "another host while switching to local", next: { mode: "local", hostId: "h2" }, moved: ["mode", "hostId"] },
  ];
  for (const c of cases) it(c.desc, () => expect(movedTunnelFields(current, c.next)).toEqual(c.moved));
});
