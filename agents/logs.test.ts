// The agent's log streams against a fake Docker: framing, caps (streams, rate, line length), abort,
// and telling a removed container from one that merely stopped.
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { randomBytes } from "node:crypto";
import type { AgentEventParams, LogLine } from "@/lib/protocol";
import { MAX_LOG_LINE_CHARS } from "@/lib/protocol";
import { AGENT_LOG_LIMITS, LogStreams, type AgentLogLimits, type LogSource } from "./logs";
import { CUT_MARK, LogDecoder } from "./log-lines";

const frame = (kind: 1 | 2, text: string) => {
  const body = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = kind;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
};
const newId = () => randomBytes(16).toString("base64url");

interface Sent { batches: AgentEventParams<"logs/batch">[]; ends: AgentEventParams<"logs/end">[] }

function fixture(opts: { exists?: boolean; linkUp?: () => boolean; limits?: Partial<AgentLogLimits> } = {}) {
  const sources: PassThrough[] = [];
  const source: LogSource = {
    async open() {
      const s = new PassThrough();
      sources.push(s);
      return { tty: false, stream: s };
    },
    exists: async () => opts.exists ?? true,
  };
  const sent: Sent = { batches: [], ends: [] };
  const streams = new LogStreams(source, (type, params) => {
    if (opts.linkUp && !opts.linkUp()) return false;
    if (type === "logs/batch") sent.batches.push(params as AgentEventParams<"logs/batch">);
    else sent.ends.push(params as AgentEventParams<"logs/end">);
    return true;
  }, { ...AGENT_LOG_LIMITS, flushMs: 5, ...opts.limits });
  return { streams, sources, sent, lines: () => sent.batches.flatMap((b) => b.lines), dropped: () => sent.batches.reduce((n, b) => n + b.dropped, 0) };
}
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
const follow = (s: LogStreams, id = newId()) => s.follow({ streamId: id, containerId: "abc123", tail: 10, follow: true });

describe("LogDecoder", () => {
  it("splits Docker frames into stdout and stderr lines, across chunk edges, with timestamps", () => {
    const got: LogLine[] = [];
    const d = new LogDecoder(false, (l) => got.push(l));
    const bytes = Buffer.concat([frame(1, "2026-12-06T08:00:00.123456789Z hello\n2026-12-06T08:00:01Z wor"), frame(1, "ld\n"), frame(2, "2026-12-06T08:00:02Z oops: é\n")]);
    for (let i = 0; i < bytes.length; i += 3) d.write(bytes.subarray(i, i + 3)); // 3-byte chunks split headers and UTF-8
    d.end();
    expect(got).toEqual([
      { stream: "stdout", at: "2026-12-06T08:00:00.123456789Z", text: "hello" },
      { stream: "stdout", at: "2026-12-06T08:00:01Z", text: "world" },
      { stream: "stderr", at: "2026-12-06T08:00:02Z", text: "oops: é" },
    ]);
  });

  it("cuts an endless line at the cap, marks it, and drops the rest up to its newline", () => {
    const got: LogLine[] = [];
    const d = new LogDecoder(true, (l) => got.push(l));
    for (let i = 0; i < 100; i++) d.write(Buffer.from("x".repeat(1000)));
    d.write(Buffer.from("tail of the long one\nnext\n"));
    d.end();
    expect(got).toHaveLength(2);
    expect(got[0]!.text).toHaveLength(MAX_LOG_LINE_CHARS);
    expect(got[0]!.text.endsWith(CUT_MARK)).toBe(true);
    expect(got[1]!.text).toBe("next");
  });
});

describe("LogStreams", () => {
  it("pushes new lines in order, in batches", async () => {
    const f = fixture();
    await follow(f.streams);
    f.sources[0]!.write(frame(1, "one\ntwo\n"));
    await tick();
    f.sources[0]!.write(frame(2, "three\n"));
    await tick();
    expect(f.lines().map((l) => `${l.stream}:${l.text}`)).toEqual(["stdout:one", "stdout:two", "stderr:three"]);
  });

  it("refuses more streams than its cap, whatever the server asks", async () => {
    const f = fixture({ limits: { maxStreams: 2 } });
    await follow(f.streams);
    await follow(f.streams);
    await expect(follow(f.streams)).rejects.toMatchObject({ code: "rate_limited" });
    expect(f.streams.active).toBe(2);
    const id = newId();
    f.streams.stopAll();
    await follow(f.streams, id);
    await expect(follow(f.streams, id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("drops lines over the stream's rate and says how many", async () => {
    const f = fixture({ limits: { lineBurst: 50, linesPerSecond: 1 } });
    await follow(f.streams);
    f.sources[0]!.write(frame(1, Array.from({ length: 500 }, (_, i) => `line ${i}\n`).join("")));
    await tick();
    expect(f.lines()).toHaveLength(50);
    expect(f.dropped()).toBe(450);
    expect(f.lines()[0]!.text).toBe("line 0");
  });

  it("stops reading Docker when asked, and sends nothing more", async () => {
    const f = fixture();
    const { streamId } = await follow(f.streams);
    f.sources[0]!.write(frame(1, "before\n"));
    await tick();
    expect(f.streams.stop(streamId)).toBe(true);
    expect(f.streams.active).toBe(0);
    expect(f.sources[0]!.destroyed).toBe(true);
    expect(f.lines().map((l) => l.text)).toEqual(["before"]);
    expect(f.sent.ends).toEqual([]);
  });

  it("ends with container_removed when the container is gone, ended when it only stopped", async () => {
    const gone = fixture({ exists: false });
    const a = await follow(gone.streams);
    gone.sources[0]!.end(frame(1, "last words\n"));
    await tick();
    expect(gone.lines().map((l) => l.text)).toEqual(["last words"]);
    expect(gone.sent.ends).toEqual([{ streamId: a.streamId, reason: "container_removed" }]);
    expect(gone.streams.active).toBe(0);

    const stopped = fixture({ exists: true });
    const b = await follow(stopped.streams);
    stopped.sources[0]!.end();
    await tick();
    expect(stopped.sent.ends).toEqual([{ streamId: b.streamId, reason: "ended" }]);
  });

  it("stops a stream whose link is gone (its batch could not be sent)", async () => {
    let up = true;
    const f = fixture({ linkUp: () => up });
    await follow(f.streams);
    up = false;
    f.sources[0]!.write(frame(1, "into the void\n"));
    await tick();
    expect(f.streams.active).toBe(0);
    expect(f.sources[0]!.destroyed).toBe(true);
  });
});

describe("the agent-wide budget", () => {
  it("caps all streams together: a second chatty stream cannot double what the agent sends", async () => {
    const f = fixture({ limits: { totalByteBurst: 100 * 60, totalBytesPerSecond: 1 } });
    await follow(f.streams);
    await follow(f.streams);
    const burst = Array.from({ length: 100 }, (_, i) => `l${i}\n`).join("");
    f.sources[0]!.write(frame(1, burst));
    f.sources[1]!.write(frame(1, burst));
    await tick();
    expect(f.lines().length).toBeLessThanOrEqual(120);
    expect(f.lines().length + f.dropped()).toBe(200);
  });
});
