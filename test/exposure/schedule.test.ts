// Scheduled exposure scans through the real startExposureScan, with a faked agent hub (one online
// host whose agent answers posture and port scans): the tick starts a scan audited as "schedule"
// with trigger "schedule", is not due again until the interval has passed, skips quietly while a
// scan runs or no agent is online, stays off at 0, and the old-image setting changes a finding.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { getReport, runScheduledScanIfDue, startExposureScan } from "@/lib/exposure";
import { updateSettings } from "@/lib/settings";
import type { ContainerPosture } from "@/lib/protocol/scan";

const H = 3_600_000;
const DAY = 24 * H;
const IMAGE_AGE_DAYS = 30;
const admin = { type: "user" as const, name: "alice" };
const meta = { ip: "127.0.0.1", userAgent: "test" };

type GlobalWithHub = typeof globalThis & { __homeportAgentHub?: unknown };
const g = globalThis as GlobalWithHub;

let t: TestDb;
let hostId: string;
let online = true;
/** Set to hold the next posture read (a scan "running") until released. */
let hold: Promise<void> | null = null;
const requests: string[] = [];

function container(): ContainerPosture {
  return {
    id: "c1", name: "photos", image: "photos:1.2", state: "running", managed: false, serviceId: null,
    privileged: false, hostNetwork: false, hostPid: false, mounts: [], user: "1000", runsAsRoot: false,
    memoryLimitBytes: 512 * 1024 * 1024, cpuLimit: 1, imageTag: "pinned",
    imageCreatedAt: new Date(Date.now() - IMAGE_AGE_DAYS * DAY).toISOString(), ports: [],
  };
}

const session = {
  async request(type: string, params: { targets?: string[] }) {
    requests.push(type);
    if (type === "posture/read") {
      if (hold) await hold;
      return { containers: [container()], at: new Date().toISOString() };
    }
    return { results: (params.targets ?? []).map((address) => ({ address, open: [], closed: 0, filtered: 0 })), durationMs: 1 };
  },
};

const reports = () => t.db.exposureReport.findMany({ orderBy: { startedAt: "asc" } });
const oldImage = async (id: string) => (await getReport(t.db, id)).findings.filter((f) => f.rule === "old-image");

beforeAll(async () => {
  t = await createTestDb();
  const host = await t.db.host.create({ data: { name: "nas", enrolledAt: new Date(Date.now() - 30 * H), dockerInfo: "{}" } });
  hostId = host.id;
  g.__homeportAgentHub = { session: (id: string) => (online && id === hostId ? session : undefined), isOnline: (id: string) => online && id === hostId };
});
afterEach(() => {
  vi.useRealTimers();
  online = true;
  hold = null;
});
afterAll(async () => {
  g.__homeportAgentHub = undefined;
  await t?.cleanup();
});

describe("scheduled exposure scans", () => {
  it("a tick skips quietly while no agent is online, and starts nothing", async () => {
    online = false;
    await expect(runScheduledScanIfDue(t.db)).resolves.toBeNull();
    expect(await reports()).toHaveLength(0);
  });

  it("a lab whose first agent enrolled over an interval ago gets a scan with trigger and actor \"schedule\", audited like any scan", async () => {
    const started = await runScheduledScanIfDue(t.db);
    expect(started).not.toBeNull();
    await started!.done;
    const [r] = await reports();
    expect(r).toMatchObject({ id: started!.id, status: "done", trigger: "schedule", actor: "schedule" });
    expect(requests).toContain("posture/read");
    const audit = await t.db.auditEvent.findFirst({ where: { action: "exposure.scan", targetId: started!.id } });
    expect(audit).toMatchObject({ actorType: "system", actorName: "schedule" });
    // The default threshold (180 days) does not call a 30-day-old image old.
    expect(await oldImage(started!.id)).toEqual([]);
  });

  it("is not due again until the interval has passed since that report, even after a restart", async () => {
    await expect(runScheduledScanIfDue(t.db, new Date(Date.now() + 23 * H))).resolves.toBeNull();
    expect(await reports()).toHaveLength(1);
  });

  it("the old-image setting changes the finding: at 7 days the 30-day-old image is reported", async () => {
    await updateSettings(t.db, { exposureOldImageDays: 7 }, admin, meta);
    const started = await runScheduledScanIfDue(t.db, new Date(Date.now() + 25 * H));
    expect(started).not.toBeNull();
    await started!.done;
    const found = await oldImage(started!.id);
    expect(found).toHaveLength(1);
    expect(found[0]!.title).toContain(`${IMAGE_AGE_DAYS} days old`);
  });

  it("skips while a scan runs (never two at once), and a manual scan is refused meanwhile", async () => {
    let release!: () => void;
    hold = new Promise<void>((r) => { release = r; });
    const later = new Date(Date.now() + 100 * DAY);
    await updateSettings(t.db, { exposureScanIntervalHours: 1 }, admin, meta);
    const manual = await startExposureScan(t.db, { ports: "default" }, admin, meta);
    await expect(runScheduledScanIfDue(t.db, later)).resolves.toBeNull();
    await expect(startExposureScan(t.db, { ports: "default" }, admin, meta)).rejects.toMatchObject({ code: "conflict" });
    release();
    await manual.done;
    expect((await reports()).filter((r) => r.status === "running")).toHaveLength(0);
  });

  it("after long downtime runs once, not once per missed window", async () => {
    const before = (await reports()).length;
    // The clock jumps a hundred 1-hour windows past the last report (the process was down meanwhile).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 100 * DAY));
    const first = await runScheduledScanIfDue(t.db);
    expect(first).not.toBeNull();
    await first!.done;
    vi.setSystemTime(new Date(Date.now() + 60_000)); // the next tick
    await expect(runScheduledScanIfDue(t.db)).resolves.toBeNull();
    expect(await reports()).toHaveLength(before + 1);
  });

  it("at 0 no scan is ever scheduled, however old the last report", async () => {
    await updateSettings(t.db, { exposureScanIntervalHours: 0 }, admin, meta);
    const before = (await reports()).length;
    await expect(runScheduledScanIfDue(t.db, new Date(Date.now() + 1000 * DAY))).resolves.toBeNull();
    expect(await reports()).toHaveLength(before);
  });
});
