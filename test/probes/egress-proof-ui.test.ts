// The egress proof as a user sees it (server-side render, no browser): green "No egress — verified",
// red "Egress proof failed: reached …" as an alert with the way to fix it, amber "not verified" with
// why, "Not verified yet"; Verify now only for those who may run it; the stack row's badge; the
// Settings section with the current addresses and names.
import { describe, expect, it } from "vitest";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { CsrfTokenProvider } from "@/lib/client/api";
import { ToastProvider } from "@/components/ui/toast";
import { RoleProvider } from "@/components/auth/role-context";
import { EGRESS_PROOFS_QUERY_KEY, EgressProofBadge, EgressProofStatus } from "@/components/services/egress-proof-status";
import { EgressProofSection } from "@/components/settings/egress-proof-section";
import type { EgressProofView } from "@/lib/probes/egress-proof-schemas";
import type { UserRole } from "@/lib/auth/schemas";

const AT = "2026-01-01T10:00:00.000Z";

function render(node: React.ReactElement, proofs: EgressProofView[] | null, role: UserRole = "operator"): string {
  const qc = new QueryClient();
  if (proofs) qc.setQueryData(EGRESS_PROOFS_QUERY_KEY, { proofs });
  const tree = h(QueryClientProvider, { client: qc }, h(CsrfTokenProvider, { value: "csrf" }, h(RoleProvider, { role, children: h(ToastProvider, null, node) })));
  return renderToString(tree).replace(/<!-- -->/g, "");
}

const proof = (over: Partial<EgressProofView>): EgressProofView => ({ serviceId: "s1", checkId: "c1", state: "verified", lastAt: AT, message: "No egress: tried 3 addresses and 1 name; nothing answered", since: AT, ...over });

describe("the service page's egress proof", () => {
  it("verified: green, with the time it was verified", () => {
    const html = render(h(EgressProofStatus, { serviceId: "s1", egress: "offline", hasHost: true }), [proof({})]);
    expect(html).toContain("No egress — verified");
    expect(html).toContain(`<time dateTime="${AT}"`);
    expect(html).toContain('data-egress-proof="verified"');
    expect(html).toMatch(/bg-emerald-50[^"]*dark:/);
    expect(html).toContain("Verify now");
  });

  it("failed: a red alert naming what answered, how to fix it and the check", () => {
    const html = render(h(EgressProofStatus, { serviceId: "s1", egress: "open", hasHost: true }), [proof({ state: "failed", message: "Egress is open: reached 198.51.100.9:80" })]);
    expect(html).toContain('role="alert"');
    expect(html).toContain("Egress proof failed: reached 198.51.100.9:80");
    expect(html).toContain("set it back to offline and redeploy");
    expect(html).toContain('href="/reachability/checks/c1"');
    expect(html).toMatch(/bg-red-50/);
  });

  it("unknown says why; pending says not verified yet; an open service without a proof shows nothing", () => {
    expect(render(h(EgressProofStatus, { serviceId: "s1", egress: "offline", hasHost: true }), [proof({ state: "unknown", message: "Not verified: the service's container is exited; nothing to prove until it runs" })]))
      .toContain("Egress not verified: the service&#x27;s container is exited");
    expect(render(h(EgressProofStatus, { serviceId: "s1", egress: "offline", hasHost: true }), [])).toContain("Not verified yet");
    expect(render(h(EgressProofStatus, { serviceId: "s1", egress: "open", hasHost: true }), [])).not.toContain("egress");
  });

  it("offers Verify now only to a role that may run it, and only on a placed service", () => {
    expect(render(h(EgressProofStatus, { serviceId: "s1", egress: "offline", hasHost: true }), [proof({})], "viewer")).not.toContain("Verify now");
    expect(render(h(EgressProofStatus, { serviceId: "s1", egress: "offline", hasHost: false }), [proof({})])).not.toContain("Verify now");
  });

  it("the stack row's badge carries the same state", () => {
    expect(render(h(EgressProofBadge, { serviceId: "s1" }), [proof({})])).toContain("No egress");
    expect(render(h(EgressProofBadge, { serviceId: "s1" }), [proof({ state: "failed" })])).toContain("Egress proof failed");
    expect(render(h(EgressProofBadge, { serviceId: "s2" }), [proof({})])).not.toMatch(/egress/i);
  });
});

describe("the Settings section", () => {
  it("shows the addresses and names, one per line, labelled", () => {
    const html = render(h(EgressProofSection, { initial: { egressProofTargets: ["1.1.1.1:443", "9.9.9.9:53"], egressProofNames: ["example.com"] } }), null, "admin");
    expect(html).toContain('for="egressProofTargets"');
    expect(html).toContain("Addresses it must not reach");
    expect(html).toContain("1.1.1.1:443\n9.9.9.9:53");
    expect(html).toContain("example.com");
  });
});
