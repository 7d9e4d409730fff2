// The DNS page's components render (server-side, as on first paint): the plan diff with coloured
// creates/updates/deletes, clashes, read-only foreign records, and drift with Re-apply.
import { describe, expect, it } from "vitest";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ToastProvider } from "@/components/ui/toast";
import { CsrfTokenProvider } from "@/lib/client/api";
import { ZonePlan } from "@/components/dns/zone-plan";
import { DriftList } from "@/components/dns/drift-list";
import type { DriftView, ZonePlanView } from "@/lib/dns/schemas";
import { RoleProvider } from "@/components/auth/role-context";
import type { UserRole } from "@/lib/auth/schemas";

const wrap = (el: ReactNode, role: UserRole = "operator") =>
  renderToStaticMarkup(createElement(RoleProvider, { role, children: createElement(QueryClientProvider, { client: new QueryClient() }, createElement(CsrfTokenProvider, { value: "csrf" }, createElement(ToastProvider, null, el))) }));

const zone = { id: "z1", name: "home.test", role: "lan" as const, providerName: "bind" };

describe("DNS components", () => {
  it("shows a plan diff with each action coloured, clashes and foreign records", () => {
    const plan: ZonePlanView = {
      zone, error: null, issues: [], unchanged: 3,
      changes: [
        { action: "delete", name: "old.home.test", type: "A", before: { name: "old.home.test", type: "A", values: ["10.0.0.1"], ttl: 300 } },
        { action: "update", name: "app.home.test", type: "A", before: { name: "app.home.test", type: "A", values: ["10.6.6.6"], ttl: 300 }, after: { name: "app.home.test", type: "A", values: ["192.168.1.10"], ttl: 300 } },
        { action: "create", name: "new.home.test", type: "AAAA", after: { name: "new.home.test", type: "AAAA", values: ["fd00::10"], ttl: 300 } },
      ],
      conflicts: [{ name: "nas.home.test", type: "A", reason: "nas.home.test already has A 10.0.0.2 that Homeport did not create" }],
      foreign: [{ name: "nas.home.test", type: "A", values: ["10.0.0.2"], ttl: 300 }],
    };
    const html = wrap(createElement(ZonePlan, { plan }));
    expect(html).toContain("1 to create, 1 to update, 1 to delete, 3 unchanged");
    expect(html).toMatch(/bg-emerald-50[^>]*>.*new\.home\.test/);
    expect(html).toMatch(/bg-amber-50[^>]*>.*app\.home\.test.*10\.6\.6\.6 \(TTL 300\) → 192\.168\.1\.10/);
    expect(html).toMatch(/bg-red-50[^>]*>.*old\.home\.test/);
    expect(html).toContain("Name clashes (left untouched)");
    expect(html).toContain("1 records not managed by Homeport (read-only)");
    expect(html).toMatch(/<button[^>]*>Apply<\/button>/);
    // A viewer sees the plan but no Apply (the server would refuse it).
    const viewer = wrap(createElement(ZonePlan, { plan }), "viewer");
    expect(viewer).toContain("1 to create, 1 to update, 1 to delete, 3 unchanged");
    expect(viewer).not.toMatch(/>Apply<\/button>/);
  });

  it("disables Apply and explains when records are invalid or the provider is down", () => {
    const html = wrap(createElement(ZonePlan, { plan: { zone, error: "DNS server 127.0.0.1:53 did not answer", issues: [{ path: "routes.x", message: "bad_name.home.test: label \"bad_name\" may hold only letters" }], changes: [], conflicts: [], foreign: [], unchanged: 0 } }));
    expect(html).toContain("The provider could not be read");
    expect(html).toContain("Invalid records: nothing will be applied");
    expect(html).toMatch(/<button[^>]*disabled[^>]*>Apply<\/button>/);
  });

  it("lists drift with a one-click Re-apply", () => {
    const drift: DriftView[] = [{ zone, error: null, items: [{ name: "app.home.test", type: "A", kind: "changed", expected: { values: ["192.168.1.10"], ttl: 300 }, actual: { values: ["10.6.6.6"], ttl: 300 } }] }];
    const html = wrap(createElement(DriftList, { zones: drift }));
    expect(html).toContain("app.home.test A: 10.6.6.6 (expected 192.168.1.10)");
    expect(html).toMatch(/<button[^>]*>Re-apply<\/button>/);
    expect(wrap(createElement(DriftList, { zones: drift }), "viewer")).not.toContain("Re-apply");
    expect(wrap(createElement(DriftList, { zones: [{ zone, error: null, items: [] }] }))).toContain("No drift");
  });
});
