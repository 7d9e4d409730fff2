// Server-renders the schedule's words: the Exposure page says how often scans run and when the next
// comes (or that they are off, or overdue), an admin gets a link to change it, and Settings shows
// both exposure settings with what they do.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import type { UserRole } from "@/lib/auth/schemas";
import { ExposurePage } from "@/components/proving/exposure-page";
import { scheduleParts } from "@/components/proving/exposure-schedule-line";
import { ExposureScansSection } from "@/components/settings/exposure-scans-section";

const wrap = (el: ReturnType<typeof createElement>, role: UserRole) =>
  renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role, children: el }) }));
const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/&#x27;/g, "'").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const NOW = Date.parse("2026-12-06T12:00:00.000Z");

describe("the exposure schedule in words", () => {
  it("names the interval and the next scan's time, counted from the latest report", () => {
    expect(scheduleParts({ intervalHours: 24, firstEnrolledAt: "2026-11-01T00:00:00.000Z" }, "2026-12-06T09:30:00.000Z", NOW)).toEqual({ text: "Scans every 24 h · next around", next: "2026-12-07T09:30:00.000Z" });
  });

  it("says when scans are off, overdue, or wait for the first agent", () => {
    expect(scheduleParts({ intervalHours: 0, firstEnrolledAt: null }, "2026-12-06T09:30:00.000Z", NOW).text).toBe("Scheduled scans are off");
    expect(scheduleParts({ intervalHours: 6, firstEnrolledAt: null }, "2026-12-05T09:30:00.000Z", NOW).text).toMatch(/^Scans every 6 h · next one due now/);
    expect(scheduleParts({ intervalHours: 24, firstEnrolledAt: null }, null, NOW).text).toBe("Scans every 24 h · the first one 24 h after the first agent joins");
    expect(scheduleParts({ intervalHours: 24, firstEnrolledAt: "2026-12-06T06:00:00.000Z" }, null, NOW).next).toBe("2026-12-07T06:00:00.000Z");
  });

  it("shows on the Exposure page before any report; only an admin gets the link to change it", () => {
    const enrolled = new Date(Date.now() - 3_600_000).toISOString();
    const props = { initialLatest: null, initialHistory: { items: [], nextCursor: null }, schedule: { intervalHours: 12, firstEnrolledAt: enrolled } };
    const admin = wrap(createElement(ExposurePage, props), "admin");
    expect(text(admin)).toMatch(/Scans every 12 h · next around \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(admin).toContain('href="/settings#exposure-scans"');
    const viewer = wrap(createElement(ExposurePage, props), "viewer");
    expect(text(viewer)).toContain("Scans every 12 h");
    const off = wrap(createElement(ExposurePage, { ...props, schedule: { intervalHours: 0, firstEnrolledAt: enrolled } }), "viewer");
    expect(text(off)).toContain("Scheduled scans are off");
    expect(viewer).not.toContain('href="/settings#exposure-scans"');
  });

  it("Settings shows both settings with their limits and what they do", () => {
    const html = wrap(createElement(ExposureScansSection, { initial: { exposureScanIntervalHours: 24, exposureOldImageDays: 180 } }), "admin");
    const t = text(html);
    expect(t).toContain("Exposure scans");
    expect(t).toContain("0 turns scheduled scans off");
    expect(html).toMatch(/id="exposureScanIntervalHours"[^>]*value="24"|value="24"[^>]*id="exposureScanIntervalHours"/);
    expect(html).toMatch(/id="exposureOldImageDays"[^>]*value="180"|value="180"[^>]*id="exposureOldImageDays"/);
    expect(t).toContain("built longer ago than this is reported");
  });
});
