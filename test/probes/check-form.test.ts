// The check form renders what a user must see (server-side render, no browser, as ui-render.test):
// the type control shows exactly the chosen type's target fields, a target the API refuses (422)
// has its message beside the field and an explanation above it, a conflict (409) is a banner,
// and an automatic check is shown read-only where its source owns it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiRequestError, CsrfTokenProvider, apiRequest } from "@/lib/client/api";
import { formProblem, issuesToErrors, zodErrors } from "@/lib/client/form-errors";
import { ToastProvider } from "@/components/ui/toast";
import { ProblemBanner } from "@/components/common/resource-form";
import { CheckFields, CheckForm } from "@/components/reachability/check-form";
import { emptyModel, payloadFromModel, toggleVantage, type CheckKind, type CheckModel } from "@/components/reachability/check-model";
import { CheckCreateSchema, CheckUpdateSchema } from "@/lib/probes/schemas";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, issueToken, setupAdmin, type Auth } from "../helpers/api";
import * as checks from "@/app/api/v1/checks/route";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {}, replace: () => {}, back: () => {} }) }));

function render(node: React.ReactElement): string {
  const qc = new QueryClient();
  return renderToString(h(QueryClientProvider, { client: qc }, h(CsrfTokenProvider, { value: "csrf" }, h(ToastProvider, null, node)))).replace(/<!-- -->/g, "");
}

const vantages = [
  { id: "control-plane", name: "Control plane", kind: "lan" as const, enabled: true },
  { id: "vps", name: "VPS agent", kind: "remote" as const, enabled: true },
];
const channels = [{ id: "ch1", name: "Phone", kind: "ntfy", enabled: true }];

function fields(model: CheckModel, errors: Record<string, string> = {}): string {
  return render(h(CheckFields, { model, errors, update: () => {}, vantages, channels }));
}

/** The form controls (by id) each type must show, and those it must not. */
const FIELDS: Record<CheckKind, string[]> = {
  http: ["check-url", "check-method", "check-status-min", "check-status-max", "check-keyword", "check-follow", "check-verify", "check-tls-days"],
  tcp: ["check-host", "check-port"],
  dns: ["check-resolver", "check-dns-name", "check-record-type", "check-expect"],
  tls: ["check-host", "check-port", "check-servername", "check-verify", "check-tls-days"],
  ping: ["check-host", "check-ping-count", "check-ping-wait"],
  push: ["check-push-grace"],
  egress: ["check-egress-service", "check-egress-targets", "check-egress-names"],
};
const ALL = [...new Set(Object.values(FIELDS).flat())];

describe("check form: the type switch", () => {
  for (const kind of Object.keys(FIELDS) as CheckKind[]) {
    it(`${kind} shows its target fields and no others`, () => {
      // The form as the "new" page renders it for ?type=<kind> …
      const html = render(h(CheckForm, { vantages, channels, defaultKind: kind }));
      // … and after switching to <kind> from another type with a URL typed in.
      const switched = fields({ ...emptyModel(kind === "http" ? "dns" : "http"), url: "https://x.example/", kind });
      for (const out of [html, switched]) {
        for (const id of FIELDS[kind]) expect(out, id).toContain(`id="${id}"`);
        for (const id of ALL.filter((i) => !FIELDS[kind].includes(i))) expect(out, id).not.toContain(`id="${id}"`);
        expect(out.match(/<input type="radio"[^>]*name="check-type"[^>]*checked=""[^>]*>/)?.[0]).toContain(`value="${kind}"`);
      }
      expect(html).toContain('for="check-name"');
      expect(html).toMatch(/dark:/);
    });
  }

  it("offers every type, vantage selectors, channels, timing and the switch", () => {
    const html = render(h(CheckForm, { vantages, channels }));
    for (const label of ["HTTP(S)", "TCP", "DNS", "TLS", "Ping", "Push", "All LAN vantage points", "All remote vantage points", "VPS agent", "Phone", "Interval (s)", "Timeout (ms)", "Retries", "Enabled", "Create check"]) {
      expect(html).toContain(label);
    }
  });

  it("the payload of each type passes the API's schema", () => {
    const ok: Record<CheckKind, Partial<CheckModel>> = {
      http: { url: "https://app.home.example/", keyword: "ok" },
      tcp: { host: "192.168.1.10", port: "22" },
      dns: { resolver: "192.168.1.1", dnsName: "nas.home.example", expect: "192.168.1.10" },
      tls: { host: "nas.home.example", port: "443" },
      ping: { host: "192.168.1.1", pingCount: "5", perPingTimeoutSec: "1" },
      push: { graceSec: "120" },
      egress: { egressServiceId: "svc1", egressTargets: "198.51.100.9:80", egressNames: "" },
    };
    for (const [kind, patch] of Object.entries(ok) as [CheckKind, Partial<CheckModel>][]) {
      const parsed = CheckCreateSchema.safeParse(payloadFromModel({ ...emptyModel(kind), name: "c", ...patch, vantages: ["kind:lan", "vps"] }));
      expect(parsed.success, `${kind}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      // Editing a manual check PATCHes the same object, which the strict update schema accepts.
      expect(CheckUpdateSchema.safeParse(parsed.data).success, kind).toBe(true);
    }
    expect(CheckCreateSchema.parse(payloadFromModel({ ...emptyModel("http"), name: "c", url: "http://192.168.1.2/" })).type).toBe("http");
  });

  it("ticking “all LAN” drops the LAN ids it now covers", () => {
    const kinds = { "control-plane": "lan", vps: "remote" } as const;
    expect(toggleVantage(["control-plane", "vps"], "kind:lan", true, kinds)).toEqual(["vps", "kind:lan"]);
    expect(toggleVantage(["kind:lan"], "kind:lan", false, kinds)).toEqual([]);
  });
});

describe("check form: refusals and conflicts", () => {
  let t: TestDb;
  let writer: Auth;
  beforeAll(async () => {
    t = await createTestDb();
    writer = { bearer: (await issueToken(await setupAdmin(t.db), ["write"])).token };
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await t.cleanup();
  });

  /** Sends `body` through the browser's API client to the real POST /api/v1/checks handler. */
  async function submit(body: unknown): Promise<ApiRequestError> {
    vi.stubGlobal("fetch", async (_path: string, init: RequestInit) => {
      const r = await call(checks.POST, "/api/v1/checks", { body: JSON.parse(String(init.body)), auth: writer });
      return new Response(r.text, { status: r.status, headers: { "content-type": "application/json" } });
    });
    try {
      await apiRequest("POST", "/api/v1/checks", { body, csrfToken: "csrf" });
    } catch (err) {
      return err as ApiRequestError;
    } finally {
      vi.unstubAllGlobals();
    }
    throw new Error("expected the API to refuse");
  }

  for (const [what, model, field, reason] of [
    ["a file: URL", { ...emptyModel("http"), name: "x", url: "file:///etc/passwd" }, "check-url", "the file: scheme is not allowed"],
    ["the metadata address", { ...emptyModel("http"), name: "x", url: "http://169.254.169.254/latest/meta-data/" }, "check-url", "169.254.169.254 is a link-local / cloud-metadata address"],
    ["a link-local TCP host", { ...emptyModel("tcp"), name: "x", host: "169.254.10.1", port: "22" }, "check-host", "169.254.10.1 is a link-local"],
  ] as [string, CheckModel, string, string][]) {
    it(`shows the API's 422 for ${what} beside the field, with why`, async () => {
      const err = await submit(payloadFromModel(model));
      expect(err).toBeInstanceOf(ApiRequestError);
      expect(err.status).toBe(422);
      const errors = issuesToErrors(err.issues);
      const message = Object.values(errors).find((m) => /link-local|metadata|http:\/\/|scheme/.test(m));
      expect(message, JSON.stringify(err.issues)).toBeDefined();
      const html = fields(model, errors) + render(h(ProblemBanner, { problem: formProblem(err) }));
      // The message sits in the field's error paragraph, which the control points at (and which focus-first-error finds).
      const escaped = message!.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      expect(html).toContain(`<p id="${field}-error" class="text-xs font-medium text-red-600 dark:text-red-400" role="alert" data-field-error="true">${escaped}</p>`);
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`));
      expect(html).toContain("Homeport will not probe this target");
      expect(html).toContain(reason);
      expect(html).toContain("Please fix the highlighted fields");
      // The browser refuses it before sending too, with the same schema.
      const local = CheckCreateSchema.safeParse(payloadFromModel(model));
      expect(local.success).toBe(false);
      expect(Object.keys(zodErrors(local.error!))).toContain(field === "check-url" ? "target.url" : "target.host");
    });
  }

  it("shows a 409 as a banner", () => {
    const html = render(h(ProblemBanner, { problem: formProblem(new ApiRequestError(409, "conflict", "A check with this name already exists")) }));
    expect(html).toContain("Conflict");
    expect(html).toContain("A check with this name already exists");
  });
});

describe("check form: automatic checks", () => {
  const routeCheck = {
    id: "c1aaaaaaaa", name: "app.home.example", type: "https" as const, description: "GET https://app.home.example/",
    target: { url: "https://app.home.example/", method: "GET" as const, expectStatus: { min: 200, max: 499 }, followRedirects: true, maxRedirects: 5, verifyTls: false, tlsMinDaysValid: 7 },
    intervalSec: 60, timeoutMs: 10000, retries: 1, vantages: ["kind:lan"], channels: ["ch1"], enabled: true, expectation: "reachable" as const, source: "route" as const, sourceKey: "route:r1",
    status: "up" as const, statusSince: null, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z",
    tags: [], groupName: null, pausedAt: null, pausedBy: null,
  };

  it("says what follows the route and locks it; timing, channels and enabled stay editable", () => {
    const html = render(h(CheckForm, { check: routeCheck, vantages, channels }));
    expect(html).toContain("Automatic check from a route");
    expect(html).toContain("Save changes");
    expect(html).toMatch(/<input[^>]*id="check-url"[^>]*disabled=""/);
    expect(html).toMatch(/<input[^>]*id="check-name"[^>]*disabled=""/);
    expect(html).toMatch(/<input[^>]*id="check-vantage-kind-lan"[^>]*checked=""[^>]*disabled=""|<input[^>]*id="check-vantage-kind-lan"[^>]*disabled=""[^>]*checked=""/);
    expect(html).not.toMatch(/<input[^>]*id="check-interval"[^>]*disabled=""/);
    expect(html).not.toMatch(/<input[^>]*id="check-channel-ch1"[^>]*disabled=""/);
    expect(html).not.toContain('name="check-type"');
    // What the form sends for it is a PATCH the API accepts.
    expect(CheckUpdateSchema.safeParse({ intervalSec: 120, timeoutMs: 5000, retries: 2, channels: [], enabled: false }).success).toBe(true);
  });
});

describe("check form: expectation", () => {
  it("offers reachable and unreachable (exposure check), and sends the choice", () => {
    const html = fields(emptyModel("http"));
    expect(html).toContain("Expect");
    expect(html).toContain("Unreachable (exposure check)");
    expect(html).toContain('name="check-expectation"');
    const parsed = CheckCreateSchema.parse(payloadFromModel({ ...emptyModel("http"), name: "nas from away", url: "https://nas.home.example/", expectation: "unreachable" }));
    expect(parsed.expectation).toBe("unreachable");
    expect(CheckCreateSchema.parse(payloadFromModel({ ...emptyModel("http"), name: "c", url: "http://192.168.1.2/" })).expectation).toBe("reachable");
  });

  it("an automatic exposure check shows its expectation read-only", () => {
    const html = render(h(CheckFields, { model: { ...emptyModel("http"), expectation: "unreachable" }, errors: {}, update: () => {}, vantages, channels, source: "route" }));
    expect(html).toContain("unreachable (exposure check)");
    expect(html).not.toContain('name="check-expectation"');
  });
});
