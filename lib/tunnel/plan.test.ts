import { describe, expect, it } from "vitest";
import { buildTunnelRule, canonicalService, desiredTunnelRules, planTunnelIngress } from "./plan";
import type { IngressRule } from "./types";

const ORIGIN = "https://192.168.1.10:443";
const CATCH_ALL: IngressRule = { service: "http_status:404" };
const app = buildTunnelRule("app.example.com", ORIGIN, "remote");
const wiki = buildTunnelRule("wiki.example.com", ORIGIN, "remote");
const userRule: IngressRule = { hostname: "ssh.example.com", service: "ssh://192.168.1.2:22" };
const want = (...rules: IngressRule[]) => rules.map((rule, i) => ({ routeId: `r${i}`, rule }));

const cases: { desc: string; desired: ReturnType<typeof want>; observed: IngressRule[]; changes: string[]; rules: IngressRule[]; needsWrite: boolean }[] = [
  {
    desc: "tunnel without configuration: Homeport's rules then the catch-all",
    desired: want(app),
    observed: [],
    changes: ["create app.example.com"],
    rules: [app, CATCH_ALL],
    needsWrite: true,
  },
  {
    desc: "in place: nothing to write",
    desired: want(app),
    observed: [app, CATCH_ALL],
    changes: [],
    rules: [app, CATCH_ALL],
    needsWrite: false,
  },
  {
    desc: "the user's own rules and catch-all stay, after Homeport's",
    desired: want(app, wiki),
    observed: [userRule, app, { service: "http_status:503" }],
    changes: ["create wiki.example.com"],
    rules: [app, wiki, userRule, { service: "http_status:503" }],
    needsWrite: true,
  },
  {
    desc: "a Route no longer exposed remotely: its rule goes, the user's stays",
    desired: want(),
    observed: [app, userRule, CATCH_ALL],
    changes: ["delete app.example.com"],
    rules: [userRule, CATCH_ALL],
    needsWrite: true,
  },
  {
    desc: "a rule edited by hand: updated back",
    desired: want(app),
    observed: [{ ...app, originRequest: { httpHostHeader: "app.example.com", noTLSVerify: false } }, CATCH_ALL],
    changes: ["update app.example.com"],
    rules: [app, CATCH_ALL],
    needsWrite: true,
  },
  {
    desc: "a list without catch-all (invalid): the catch-all is added",
    desired: want(app),
    observed: [app],
    changes: [],
    rules: [app, CATCH_ALL],
    needsWrite: true,
  },
];

describe("planTunnelIngress", () => {
  for (const c of cases) {
    it(c.desc, () => {
      const plan = planTunnelIngress(c.desired, c.observed, ORIGIN, CATCH_ALL);
      expect(plan.changes.map((x) => `${x.action} ${x.hostname}`)).toEqual(c.changes);
      expect(plan.rules).toEqual(c.rules);
      expect(plan.needsWrite).toBe(c.needsWrite);
    });
  }

  it("only Routes exposed remote or both get a rule, sorted by hostname", () => {
    const rules = desiredTunnelRules(
      [
        { id: "1", hostname: "b.example.com", exposure: "both" },
        { id: "2", hostname: "lan.example.com", exposure: "lan" },
        { id: "3", hostname: "a.example.com", exposure: "remote" },
      ],
      ORIGIN,
      "local",
    );
    expect(rules.map((r) => r.rule.hostname)).toEqual(["a.example.com", "b.example.com"]);
    expect(rules[0]?.rule.originRequest).toEqual({ httpHostHeader: "a.example.com", originServerName: "a.example.com", caPool: "/etc/cloudflared/homeport-root-ca.crt" });
  });
});

describe("canonicalService", () => {
  const cases: { service: string; want: string }[] = [
    { service: "https://192.168.1.10:443", want: "https://192.168.1.10" },
    { service: "https://192.168.1.10", want: "https://192.168.1.10" },
    { service: "http://proxy.lan:80/", want: "http://proxy.lan" },
    { service: "https://proxy.lan:8443", want: "https://proxy.lan:8443" },
    { service: "https://proxy.lan/app", want: "https://proxy.lan/app" },
    { service: "http_status:404", want: "http_status:404" },
  ];
  for (const c of cases) it(c.service, () => expect(canonicalService(c.service)).toBe(c.want));
});

describe("planTunnelIngress with a provider that reads back only its own rules", () => {
  const rule = (hostname: string, service = "https://192.0.2.1:443") => ({ hostname, service, originRequest: { httpHostHeader: hostname } });
  it("a rule to an old origin is Homeport's: updated in place, not kept as the user's", () => {
    const plan = planTunnelIngress([{ routeId: "r1", rule: rule("app.example.com") }], [rule("app.example.com", "https://192.0.2.9:443"), CATCH_ALL], "https://192.0.2.1:443", CATCH_ALL, { ownsEveryRule: true });
    expect(plan.changes.map((x) => `${x.action} ${x.hostname}`)).toEqual(["update app.example.com"]);
    expect(plan.rules).toEqual([rule("app.example.com"), CATCH_ALL]);
  });
  it("the same origin spelt with or without its default port is no change", () => {
    const plan = planTunnelIngress([{ routeId: "r1", rule: rule("app.example.com") }], [rule("app.example.com", "https://192.0.2.1"), CATCH_ALL], "https://192.0.2.1:443", CATCH_ALL, { ownsEveryRule: true });
    expect(plan).toMatchObject({ changes: [], needsWrite: false });
  });
});
