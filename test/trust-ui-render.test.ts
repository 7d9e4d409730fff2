// Server-renders the audit log and the retention setting (no browser): a folded row says how
// many attempts it stands for and when the last one was; the Settings field shows the current
// retention and its bounds.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { AuditList } from "@/components/audit/audit-list";
import { AuditRetentionSection } from "@/components/settings/audit-retention-section";
import type { AuditEventView } from "@/lib/audit";

const row = (over: Partial<AuditEventView>): AuditEventView => ({
  id: "a1", at: "2026-03-01T13:02:00.000Z", actorType: "anonymous", actorId: null, actorName: null, action: "host.enroll.refused",
  targetType: null, targetId: null, ip: "198.51.100.66", userAgent: null, details: { reason: "unknown" }, count: 1, lastAt: null, ...over,
});
const render = (el: React.ReactElement) => renderToString(createElement(AppProviders, { csrfToken: "x", children: el }));

describe("audit log", () => {
  it("shows a folded row's count and last time, and nothing extra for a single event", () => {
    const html = render(createElement(AuditList, {
      initial: { items: [row({ id: "folded", count: 37, lastAt: "2026-03-01T14:05:00.000Z" }), row({ id: "single", action: "auth.login" })], nextCursor: null },
    }));
    expect(html.match(/data-testid="audit-repeats"/g)).toHaveLength(2); // table row and phone card of the folded row
    expect(html).toMatch(/×<!-- -->37/);
    expect(html).toContain("last");
    expect(html).toContain('dateTime="2026-03-01T14:05:00.000Z"');
    expect(html).toContain("14:05 UTC");
  });
});

describe("audit retention field", () => {
  it("shows the current retention and its bounds", () => {
    const html = render(createElement(AuditRetentionSection, { initial: { auditRetentionDays: 90 } }));
    expect(html).toContain("Audit retention");
    expect(html).toContain("Keep audit events for (days)");
    expect(html).toContain('value="90"');
    expect(html).toContain("Between 7 and 3650 days; now 90.");
  });
});
