// Server-renders Proving ground → Exposure (no browser): the score and the worst finding lead, findings
// are ranked critical-and-new first with their fix, the diff, resolved list and scan errors show, a
// viewer gets no Run button, a running scan shows progress, and before any report the page explains.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import type { UserRole } from "@/lib/auth/schemas";
import { ApiRequestError } from "@/lib/client/api";
import { ExposurePage } from "./exposure-page";
import { runErrorText } from "./exposure-run-button";
import { ScanDialog } from "./exposure-scan-dialog";
import { sampleHistory, sampleReport } from "./report-fixture";
import type { ExposureReportView } from "@/lib/exposure/schemas";

const render = (latest: ExposureReportView | null, role: UserRole = "operator") =>
  renderToString(
    createElement(AppProviders, {
      csrfToken: "x",
      children: createElement(RoleProvider, { role, children: createElement(ExposurePage, { initialLatest: latest, initialHistory: latest ? sampleHistory() : { items: [], nextCursor: null } }) }),
    }),
  );
const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/&#x27;/g, "'").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("Proving ground → Exposure", () => {
  it("leads with the score coloured by the worst finding, the counts and what changed", () => {
    const html = render(sampleReport());
    expect(html).toMatch(/data-testid="exposure-score" data-tone="danger"[^>]*>41</);
    const t = text(html);
    expect(t).toContain("1 critical finding of 4");
    expect(t).toContain("2 new since the last report");
    expect(t).toContain("1 resolved");
    expect(t).toContain("took 42 s, by admin");
    expect(t).toContain("A new critical finding opens an incident");
    expect(html.indexOf('data-testid="report-summary"')).toBeLessThan(html.indexOf('data-testid="report-findings"'));
    expect(html).toContain('data-testid="run-scan"');
  });

  it("ranks findings critical first and new first within a severity, each with its fix and links", () => {
    const html = render(sampleReport());
    const keys = [...html.matchAll(/data-testid="finding" data-key="([^"]+)"/g)].map((m) => m[1]);
    expect(keys).toEqual(["admin-port-reachable|h1|2375|v-away", "privileged|h2|job", "unexpected-public-port|h1|8081|v-lan", "no-limits|h1|web"]);
    const t = text(html);
    expect(t).toContain("nas · 203.0.113.10:2375 · from away (vps)");
    expect(t).toContain("nas · 198.51.100.10:8081 · from the LAN (nas)");
    expect(t).toContain("Stop listening on TCP 2375");
    expect(html).toContain('href="/services/s-web"');
    expect(html).toContain('href="/hosts/h2"');
    // The critical one is open at once; the others fold.
    expect(html).toMatch(/data-key="admin-port-reachable[^"]*"[^>]*><details class="group" open=""/);
    expect(html).toMatch(/data-key="no-limits[^"]*"[^>]*><details class="group">/);
  });

  it("lists the resolved findings, each vantage's figures with its errors, and the history", () => {
    const t = text(render(sampleReport()));
    expect(t).toContain("Resolved since the last report");
    expect(t).toContain("SSH (22) is reachable from away");
    expect(t).toContain("2 hosts · 2,003 ports tried · 2 open · took 10 s");
    expect(t).toContain("pi: no route to host");
    expect(t).toMatch(/vps from away 1 error/);
    expect(t).toContain("+2 new");
    expect(t).toContain("−1 resolved");
  });

  it("shows no Run button to a viewer, and tells them who runs scans", () => {
    expect(render(sampleReport(), "viewer")).not.toContain('data-testid="run-scan"');
    expect(render(sampleReport(), "viewer")).not.toContain('data-testid="scan-options"');
    expect(render(sampleReport())).toContain('data-testid="scan-options"');
    const empty = render(null, "viewer");
    expect(empty).not.toContain('data-testid="run-scan"');
    expect(text(empty)).toContain("an operator or admin runs the scan");
    expect(text(render(null))).not.toContain("an operator or admin runs the scan");
  });

  it("shows a running scan as progress, with the button busy", () => {
    const html = render(sampleReport({ status: "running", finishedAt: null, score: null, findings: [], scans: [], diff: null, counts: { critical: 0, high: 0, medium: 0, low: 0 } }));
    const t = text(html);
    expect(t).toContain("Scanning the lab…");
    expect(t).toContain("A scan is running; this page updates when it finishes.");
    expect(html).toMatch(/data-testid="run-scan"[^>]*>.*Scanning…/s);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="run-scan"/);
    expect(html).not.toContain('data-testid="exposure-score"');
  });

  it("says a first report has nothing to compare with (its history row still counts what it found as new)", () => {
    const t = text(render(sampleReport({ diff: { previousId: null, newCount: 4, resolved: [] } })));
    expect(t).toContain("The first report: the next one shows what changed since this one.");
    expect(t).not.toContain("new since the last report");
    expect(t).not.toContain("Resolved since the last report");
  });

  it("shows a finished scan's notes, and never calls an empty scan clean", () => {
    const partial = render(sampleReport({ error: "pi: posture not read (timeout); vps: the agent did not answer" }));
    expect(text(partial)).toContain("Not everything could be looked at");
    expect(text(partial)).toContain("pi: posture not read (timeout)");
    expect(text(partial)).toContain("vps: the agent did not answer");
    const empty = render(sampleReport({ score: 100, counts: { critical: 0, high: 0, medium: 0, low: 0 }, findings: [], scans: [], diff: null, error: "No host has an IP address yet, so nothing was scanned: give each host its addresses (PATCH /api/v1/hosts/:id)" }));
    expect(text(empty)).toContain("Nothing was scanned");
    expect(text(empty)).toContain("No host has an IP address yet");
    expect(text(empty)).not.toContain("Nothing found");
    expect(empty).toMatch(/data-tone="neutral"[^>]*>100</);
  });

  it("says why a failed scan failed, and a clean report is green", () => {
    expect(text(render(sampleReport({ status: "failed", score: null, error: "no agent is connected" })))).toContain("no agent is connected");
    const clean = render(sampleReport({ score: 100, counts: { critical: 0, high: 0, medium: 0, low: 0 }, findings: [], diff: { previousId: "r1", newCount: 0, resolved: [] } }));
    expect(clean).toMatch(/data-tone="success"[^>]*>100</);
    expect(text(clean)).toContain("Nothing new since the last report");
    expect(text(clean)).toContain("No findings");
    expect(text(clean)).not.toContain("opens an incident");
  });

  it("before any report: what a scan does, that it touches only Homeport's hosts, and the button", () => {
    const html = render(null);
    const t = text(html);
    expect(t).toContain("No exposure report yet");
    expect(t).toContain("only touches Homeport's own hosts");
    expect(html).toContain('data-testid="run-scan"');
    expect(html).not.toContain('data-testid="exposure-history"');
  });
});

describe("starting a scan that cannot start", () => {
  it("shows a 409's own words (a scan runs, or no agent is online), names a refusal, keeps other failures plain", () => {
    expect(runErrorText(new ApiRequestError(409, "conflict", "An exposure scan is already running; wait for its report"))).toBe("An exposure scan is already running; wait for its report");
    expect(runErrorText(new ApiRequestError(409, "conflict", "No agent is online: an exposure scan needs at least one connected agent"))).toContain("No agent is online");
    expect(runErrorText(new ApiRequestError(403, "forbidden", "nas: exposure scans are turned off on this host by its owner (--deny-scan)"))).toBe("Homeport refused the scan: nas: exposure scans are turned off on this host by its owner (--deny-scan)");
    expect(runErrorText(new ApiRequestError(0, "network", "Homeport could not be reached."))).toBe("The scan could not start: Homeport could not be reached.");
  });
});

describe("Scan options", () => {
  it("offers the three port lists, the default chosen, and the vantage points while they load", () => {
    const html = renderToString(
      createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role: "operator", children: createElement(ScanDialog, { onClose: () => undefined, onStarted: () => undefined, onError: () => undefined }) }) }),
    );
    const t = text(html);
    expect(t).toContain("Scan options");
    expect(t).toContain("only touches the addresses of the hosts Homeport manages");
    for (const label of ["Top 1,000 + published", "Published only", "Custom"]) expect(t).toContain(label);
    expect(html).toMatch(/<input type="radio"[^>]*name="ports" checked="" value="default"/);
    expect(t).toContain("Scan from");
    expect(t).toContain("None ticked: every online agent that allows scans.");
  });
});
