// Reverted events the agent could not send yet go out, in order, once the link is back.
import { describe, expect, it } from "vitest";
import { GameDayOutbox } from "./outbox";

const ev = (id: string) => ({ experimentId: id, at: "2026-01-01T00:00:00.000Z", reason: "agent-start" as const, ok: true, error: null });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("game-day outbox", () => {
  it("sends at once when connected", () => {
    const sent: string[] = [];
    const box = new GameDayOutbox(10);
    box.send(ev("a"), (e) => (sent.push(e.experimentId), true));
    expect(sent).toEqual(["a"]);
    expect(box.pending).toBe(0);
  });

  it("holds events while offline and delivers them in order after reconnecting", async () => {
    let online = false;
    const sent: string[] = [];
    const send = (e: { experimentId: string }) => (online ? (sent.push(e.experimentId), true) : false);
    const box = new GameDayOutbox(10);
    box.send(ev("a"), send);
    box.send(ev("b"), send);
    await sleep(40);
    expect(sent).toEqual([]);
    expect(box.pending).toBe(2);
    online = true;
    await sleep(40);
    expect(sent).toEqual(["a", "b"]);
    expect(box.pending).toBe(0);
  });
});
