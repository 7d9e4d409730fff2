// Server-renders the game-day pages (no browser): the one in force leads the list with its countdown
// and an Abort button for admins only; "New game day" is offered to admins only; the result page
// puts surprises first, shows predicted next to observed with detect and recover times, and the timeline.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import type { UserRole } from "@/lib/auth/schemas";
import type { GameDayRowView, GameDayView } from "@/lib/gamedays/schemas";
import { GameDayList } from "./gameday-list";
import { GameDayDetail } from "./gameday-detail";

const wrap = (role: UserRole, child: ReturnType<typeof createElement>) => renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role, children: child }) }));
const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const row = (over: Partial<GameDayRowView> = {}): GameDayRowView => ({
  id: "gd1", kind: "kill-service", title: "Service web killed", status: "completed", durationSec: 60, actor: "admin",
  createdAt: "2026-03-01T10:00:00.000Z", startedAt: "2026-03-01T10:00:00.000Z", deadlineAt: "2026-03-01T10:01:00.000Z", endedAt: "2026-03-01T10:01:02.000Z",
  hosts: [{ id: "h1", name: "nas" }], mismatched: 1, error: null, ...over,
});

const detail = (over: Partial<GameDayView> = {}): GameDayView => ({
  ...row(),
  experiment: { kind: "kill-service", serviceId: "s1" },
  targets: [{ hostId: "h1", hostName: "nas", online: true, fault: { kind: "stop-container", containerId: "web-1" } }],
  predictions: [],
  revertedAt: "2026-03-01T10:01:01.000Z",
  timeline: [
    { at: "2026-03-01T10:00:00.000Z", kind: "started", text: "Service web killed: started by admin for 60 s" },
    { at: "2026-03-01T10:00:08.000Z", kind: "check-down", text: "web.home.example fails from vps" },
  ],
  outcome: {
    matched: 1, mismatched: 1, unobserved: 0,
    items: [
      { type: "service", id: "s1", name: "web", predicted: { lan: "down", away: "n/a" }, observed: { lan: "down", away: "n/a" }, matches: true, failedVantages: ["lan1"], detectMs: 4000, recoverMs: 9000, recovered: true },
      { type: "route", id: "r1", name: "web.home.example", predicted: { lan: "down", away: "down" }, observed: { lan: "up", away: "down" }, matches: false, failedVantages: ["vps"], detectMs: 8000, recoverMs: null, recovered: false },
    ],
  },
  ...over,
});

describe("game-day pages", () => {
  it("the one in force leads the list with the countdown and Abort, for admins only", () => {
    const items = [row({ id: "gd2", status: "running", title: "Internet down on nas", mismatched: null, endedAt: null }), row()];
    const admin = wrap("admin", createElement(GameDayList, { initial: items }));
    expect(admin.indexOf('data-testid="gameday-running"')).toBeLessThan(admin.indexOf("History"));
    expect(text(admin)).toContain("Game day in progress Internet down on nas");
    expect(admin).toContain('data-testid="gameday-countdown"');
    expect(admin).toContain('data-testid="gameday-abort"');
    expect(admin).not.toContain('data-testid="gameday-new-button"');
    const operator = wrap("operator", createElement(GameDayList, { initial: items }));
    expect(operator).not.toContain('data-testid="gameday-abort"');
  });

  it("offers New game day to admins only, and explains game days before the first", () => {
    expect(wrap("admin", createElement(GameDayList, { initial: [row()] }))).toContain('data-testid="gameday-new-button"');
    const viewer = text(wrap("viewer", createElement(GameDayList, { initial: [] })));
    expect(viewer).toContain("No game day yet");
    expect(viewer).toContain("Your role can read game days; an admin starts them.");
  });

  it("the result page puts the surprise first, predicted next to observed, with recovery and the timeline", () => {
    const html = wrap("viewer", createElement(GameDayDetail, { initial: detail() }));
    const t = text(html);
    expect(t).toContain("1 surprise: 1 as predicted, 1 not as predicted, 0 without check data.");
    expect(html.indexOf("web.home.example")).toBeLessThan(html.indexOf(">web<"));
    expect(t).toContain("Went red from 1 vantage point; detected after 8.0 s; not green again yet");
    expect(t).toContain("detected after 4.0 s; green again 9.0 s after the revert");
    expect(t).toContain("not as predicted");
    expect(t).toContain("web.home.example fails from vps");
    expect(html).not.toContain('data-testid="gameday-running"');
  });
});
