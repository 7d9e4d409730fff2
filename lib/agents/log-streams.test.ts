// The control plane's log stream registry: ids that cannot be guessed, batches only from the agent
// that owns the stream, per-user and per-agent caps, and every stream ended when its agent leaves.
import { describe, expect, it } from "vitest";
import type { LogLine } from "@/lib/protocol";
import { LogStreamRegistry, type LogSink, type LogStreamEnd } from "./log-streams";
import type { AgentSession } from "./session";

function fakeSession(hostId: string) {
  const asked: { type: string; params: { streamId?: string } }[] = [];
  const s = { hostId, isOpen: true, request: async (type: string, params: { streamId?: string }) => (asked.push({ type, params }), { streamId: params.streamId, tty: false }) };
  return { session: s as unknown as AgentSession, asked };
}
function sink() {
  const got: { lines: LogLine[]; ends: LogStreamEnd[] } = { lines: [], ends: [] };
  const s: LogSink = { lines: (l) => got.lines.push(...l), end: (r) => got.ends.push(r), queuedBytes: () => 0 };
  return { s, got };
}
const params = { containerId: "abc", tail: 10, follow: true };
const line: LogLine = { stream: "stdout", at: null, text: "hi" };

describe("LogStreamRegistry", () => {
  it("gives each stream a fresh 128-bit id and routes batches only from the agent that opened it", async () => {
    const reg = new LogStreamRegistry();
    const a = fakeSession("host-a");
    const out = sink();
    const h1 = await reg.open(a.session, "u1", params, out.s);
    const h2 = await reg.open(a.session, "u1", params, sink().s);
    expect(h1.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(h1.id).not.toBe(h2.id);
    expect(reg.onBatch("host-b", { streamId: h1.id, lines: [line], dropped: 0 }), "another agent cannot feed it").toBe(false);
    expect(reg.onEnd("host-b", { streamId: h1.id, reason: "ended" })).toBe(false);
    expect(reg.onBatch("host-a", { streamId: h1.id, lines: [line], dropped: 0 })).toBe(true);
    expect(out.got.lines).toEqual([line]);
    h1.close();
    expect(a.asked.at(-1)).toEqual({ type: "logs/stop", params: { streamId: h1.id } });
    expect(reg.onBatch("host-a", { streamId: h1.id, lines: [line], dropped: 0 }), "a closed stream takes nothing").toBe(false);
  });

  it("refuses streams over the per-user and per-agent caps", async () => {
    const reg = new LogStreamRegistry({ perUser: 2, perAgent: 3 });
    const a = fakeSession("host-a");
    await reg.open(a.session, "u1", params, sink().s);
    await reg.open(a.session, "u1", params, sink().s);
    await expect(reg.open(a.session, "u1", params, sink().s)).rejects.toMatchObject({ code: "rate_limited" });
    await reg.open(a.session, "u2", params, sink().s);
    await expect(reg.open(a.session, "u3", params, sink().s)).rejects.toMatchObject({ code: "rate_limited" });
    expect(reg.figures().open).toBe(3);
  });

  it("ends every stream of an agent that disconnects, and only those", async () => {
    const reg = new LogStreamRegistry();
    const a = fakeSession("host-a"), b = fakeSession("host-b");
    const sa = sink(), sb = sink();
    await reg.open(a.session, "u1", params, sa.s);
    await reg.open(b.session, "u1", params, sb.s);
    reg.endHost("host-a", a.session);
    expect(sa.got.ends).toEqual(["agent_disconnected"]);
    expect(sb.got.ends).toEqual([]);
    expect(reg.figures().byHost).toEqual({ "host-b": 1 });
  });
});
