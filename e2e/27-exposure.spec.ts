// Proving ground → Exposure end to end: before any report the page explains what a scan does; a host's
// agent runs on this machine with 127.0.0.1 as its address and a PostgreSQL-looking listener on
// 127.0.0.1:5432; "Run scan" shows progress, then the score, the admin-port finding with its fix and the
// scan's figures. Two older reports written into the database (as earlier scans would have left them)
// open from the history with their findings, diff and resolved list. One scan at a time (409).
import Database from "better-sqlite3";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { csrfToken, DATA_DIR, shoot, signIn, trackPageErrors } from "./helpers";
import { FINDINGS, sampleReport } from "../components/proving/report-fixture";

const HOST = "exposure-box";
const ADMIN_PORT = 5432;
const OLD = ["e2eexposure0001", "e2eexposure0002"] as const;
const bed = agentBed("exposure");
let listener: Server | null = null;

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(DATA_DIR, "homeport.db"));
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const sqlTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Two finished reports a day apart, the later one with the fixture's findings against the earlier one. */
function seedOldReports(hostId: string): void {
  const day = 86_400_000;
  const base = Date.now() - 2 * day;
  const r = sampleReport();
  const findings = FINDINGS.map((f) => ({ ...f, hostId }));
  const earlier = findings.filter((f) => !f.isNew).map((f) => ({ ...f, isNew: false }));
  const resolvedOnly = { key: "ssh-from-away|x|22|v-away", rule: "ssh-from-away", severity: "high", category: "exposure", title: "SSH is reachable from away on nas", detail: "d", fix: "f", hostId, hostName: "nas", address: "203.0.113.10", port: 22, vantage: { id: "v-away", name: "vps", kind: "remote" }, isNew: false };
  withDb((db) => {
    const insert = db.prepare("INSERT INTO ExposureReport (id, status, trigger, actor, startedAt, finishedAt, score, critical, high, medium, low, findings, scans, diff, error) VALUES (?, 'done', ?, 'admin', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)");
    insert.run(OLD[0], "schedule", sqlTime(base), sqlTime(base + 40_000), 63, 0, 2, 0, 1, JSON.stringify([...earlier, resolvedOnly]), JSON.stringify(r.scans), JSON.stringify({ previousId: null, newCount: 0, resolved: [] }));
    insert.run(OLD[1], "manual", sqlTime(base + day), sqlTime(base + day + 42_000), r.score, r.counts.critical, r.counts.high, r.counts.medium, r.counts.low, JSON.stringify(findings), JSON.stringify(r.scans), JSON.stringify({ previousId: OLD[0], newCount: 2, resolved: [{ key: resolvedOnly.key, title: resolvedOnly.title, severity: "high" }] }));
  });
}

test.beforeAll(async () => {
  withDb((db) => db.prepare("DELETE FROM ExposureReport WHERE id IN (?, ?)").run(...OLD));
  listener = createServer((s) => s.destroy());
  await new Promise<void>((resolve) => {
    listener!.once("error", () => {
      // Something already listens there: the port is open either way.
      listener = null;
      resolve();
    });
    listener!.listen(ADMIN_PORT, "127.0.0.1", resolve);
  });
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
  withDb((db) => db.prepare("DELETE FROM ExposureReport WHERE id IN (?, ?)").run(...OLD));
});

test("Exposure: the empty page, a real scan of the loopback lab, and an old report from the history", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const errors = trackPageErrors(page);
  await signIn(page);

  // Before any report (a fresh lab): what a scan does and the button.
  const before = (await (await page.request.get("/api/v1/exposure/reports?limit=1")).json()) as { items: unknown[] };
  await page.getByRole("navigation").getByRole("link", { name: "Proving ground" }).first().click();
  await expect(page.getByRole("heading", { name: "Proving ground", level: 1 })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Proving ground" });
  await expect(tabs.getByRole("link", { name: "Exposure" })).toHaveAttribute("aria-current", "page");
  if (before.items.length === 0) {
    await expect(page.getByText("No exposure report yet")).toBeVisible();
    await expect(page.getByText(/only touches Homeport's own hosts/)).toBeVisible();
    await shoot(page, "exposure-empty", { dark: true });
  }
  // With no agent online there is nothing to scan from: the page says so instead of starting.
  const online = (await (await page.request.get("/api/v1/hosts?status=online&limit=1")).json()) as { total: number };
  if (online.total === 0) {
    await page.getByTestId("run-scan").click();
    await expect(page.getByTestId("run-notice")).toHaveText(/^No agent is online/);
  }

  // A host whose agent runs here, addressed on loopback only.
  await bed.enroll(page, baseURL!, HOST);
  const found = (await (await page.request.get(`/api/v1/hosts?q=${HOST}`)).json()) as { items: { id: string; name: string }[] };
  const hostId = found.items.find((h) => h.name === HOST)!.id;
  const csrf = await csrfToken(page.request, "/proving");
  const patched = await page.request.patch(`/api/v1/hosts/${hostId}`, { data: { addresses: ["127.0.0.1"] }, headers: { "x-csrf-token": csrf } });
  expect(patched.status(), await patched.text()).toBe(200);

  // Run a scan: progress, then the score and the finding.
  await page.goto("/proving");
  const run = page.getByTestId("run-scan");
  await run.click();
  const summary = page.getByTestId("report-summary");
  await expect(summary).toHaveAttribute("data-status", /running|done/);
  await expect(summary).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  await expect(page.getByTestId("exposure-score")).toHaveText(/^\d{1,3}$/);
  const finding = page.getByTestId("finding").filter({ hasText: `PostgreSQL is reachable on the LAN (port ${ADMIN_PORT})` });
  await expect(finding).toHaveCount(1);
  await expect(finding).toHaveAttribute("data-severity", "high");
  await expect(finding.getByTestId("finding-where")).toContainText(`${HOST} · 127.0.0.1:${ADMIN_PORT} · from the LAN`);
  await finding.getByTestId("finding-title").click();
  await expect(finding.getByTestId("finding-fix")).toContainText("Bind PostgreSQL to 127.0.0.1");
  await expect(finding.getByRole("link", { name: HOST })).toHaveAttribute("href", `/hosts/${hostId}`);
  const vantage = page.getByTestId("vantage").filter({ hasText: HOST });
  await expect(vantage.getByTestId("vantage-figures")).toContainText(/1 host · [\d,]+ ports tried · [1-9]\d* open/);
  await expect(run).toBeEnabled();
  await shoot(page, "exposure-report", { dark: true, phoneTop: true });

  // One scan at a time: a second request while one runs is refused with 409.
  const first = await page.request.post("/api/v1/exposure/scans", { data: {}, headers: { "x-csrf-token": csrf } });
  const again = await page.request.post("/api/v1/exposure/scans", { data: {}, headers: { "x-csrf-token": csrf } });
  expect(first.status()).toBe(202);
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/already running/);
  // The page follows the scan it did not start: the new report becomes the latest, the first in the history.
  const { id: secondId } = (await first.json()) as { id: string };
  await expect(page.getByTestId("exposure-report")).toHaveAttribute("data-report-id", secondId);
  await expect(summary).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  await expect(page.getByTestId("history-row").first()).toHaveAttribute("data-report-id", secondId);
  await expect(page.getByTestId("report-diff")).toContainText(/new since the last report|Nothing new since the last report/);

  // Filters: exposure only, then low only (the admin port is high), then cleared.
  await page.getByLabel("Category").selectOption("exposure");
  await expect(page.getByTestId("finding").filter({ hasText: "PostgreSQL" })).toHaveCount(1);
  await page.getByLabel("Severity").selectOption("low");
  await expect(page.getByTestId("finding").filter({ hasText: "PostgreSQL" })).toHaveCount(0);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("finding").filter({ hasText: "PostgreSQL" })).toHaveCount(1);

  // Older reports, as earlier scans left them, open from the history with their diff.
  seedOldReports(hostId);
  await page.reload();
  const rows = page.getByTestId("history-row");
  await expect(rows.first()).toHaveAttribute("aria-current", "page");
  const old = page.locator(`[data-testid="history-row"][data-report-id="${OLD[1]}"]`);
  await expect(old).toContainText("+2 new");
  await expect(old).toContainText("−1 resolved");
  await old.click();
  await expect(page).toHaveURL(new RegExp(`/proving/reports/${OLD[1]}$`));
  await expect(page.getByTestId("exposure-score")).toHaveText("41");
  await expect(page.getByTestId("exposure-score")).toHaveAttribute("data-tone", "danger");
  await expect(page.getByTestId("report-headline")).toHaveText("1 critical finding of 4");
  await expect(page.getByTestId("report-diff")).toContainText("2 new since the last report");
  const titles = await page.getByTestId("finding-title").allTextContents();
  expect(titles).toEqual(["Docker API (2375) is reachable from away", "old-job runs privileged", "Port 8081 is published on every address and no route needs it", "web runs without memory or CPU limits"]);
  await expect(page.getByTestId("finding").first()).toHaveAttribute("data-new", "true");
  await expect(page.getByTestId("report-resolved")).toContainText("SSH is reachable from away on nas");
  await expect(page.getByTestId("run-scan")).toHaveCount(0);
  await shoot(page, "exposure-old-report", { dark: true });

  // Its comparison opens the one before, and Exposure is one link back.
  await page.getByTestId("previous-report").click();
  await expect(page).toHaveURL(new RegExp(`/proving/reports/${OLD[0]}$`));
  await expect(page.getByTestId("exposure-score")).toHaveText("63");
  await page.getByRole("navigation", { name: "Report navigation" }).getByRole("link", { name: "Exposure" }).click();
  await expect(page).toHaveURL(/\/proving$/);

  expect((await page.request.get("/api/v1/exposure/reports/nosuchreport00")).status()).toBe(404);
  expect(errors).toEqual([]);
});
