import { describe, expect, it } from "vitest";
import { INITIAL_LIVE_STATE, liveLabel, liveReducer, reopenDelayMs, REOPEN_MAX_MS, REOPEN_MIN_MS, type LiveAction, type LiveState } from "./state";

const run = (actions: LiveAction[], from: LiveState = INITIAL_LIVE_STATE) => actions.reduce(liveReducer, from);

describe("liveReducer", () => {
  it("says Connecting… until the stream first opens, then Live with the time it heard from the server", () => {
    expect(liveLabel(INITIAL_LIVE_STATE.status)).toBe("Connecting…");
    const s = run([{ type: "open", at: 1_000 }]);
    expect(liveLabel(s.status)).toBe("Live");
    expect(s.lastHeardAt).toBe(1_000);
    expect(run([{ type: "event", at: 5_000 }], s).lastHeardAt).toBe(5_000);
  });

  it("a dropped stream is Reconnecting… and counts failures until it opens again", () => {
    const s = run([{ type: "open", at: 1 }, { type: "error" }, { type: "error" }]);
    expect(liveLabel(s.status)).toBe("Reconnecting…");
    expect(s.failures).toBe(2);
    expect(s.lastHeardAt).toBe(1);
    const back = run([{ type: "open", at: 9 }], s);
    expect(back).toMatchObject({ status: "live", failures: 0, lastHeardAt: 9 });
  });

  it("without a network it is Offline, errors included; back online it reconnects with the backoff reset", () => {
    const off = run([{ type: "open", at: 1 }, { type: "network", online: false }]);
    expect(liveLabel(off.status)).toBe("Offline");
    const stillOff = run([{ type: "error" }, { type: "error" }], off);
    expect(stillOff.status).toBe("offline");
    const on = run([{ type: "network", online: true }], stillOff);
    expect(on).toMatchObject({ status: "reconnecting", failures: 0, online: true });
    expect(run([{ type: "open", at: 2 }], on).status).toBe("live");
  });

  it("a repeated network report changes nothing; the last subscriber leaving starts the next page from Connecting…", () => {
    const s = run([{ type: "open", at: 1 }]);
    expect(liveReducer(s, { type: "network", online: true })).toBe(s);
    expect(run([{ type: "idle" }], s)).toMatchObject({ status: "connecting", failures: 0 });
  });
});

describe("reopenDelayMs", () => {
  it("doubles from the minimum and stops at the maximum", () => {
    expect(reopenDelayMs(1)).toBe(REOPEN_MIN_MS);
    expect(reopenDelayMs(2)).toBe(2 * REOPEN_MIN_MS);
    expect(reopenDelayMs(3)).toBe(4 * REOPEN_MIN_MS);
    expect(reopenDelayMs(50)).toBe(REOPEN_MAX_MS);
  });
});
