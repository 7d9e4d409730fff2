import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION } from "./constants";
import { eventFrame, requestFrame, resultFrame, errorResultFrame, protocolErrorFrame } from "./envelope";
import { parseMessage, parseResult } from "./parse";

const cases: { desc: string; raw: string | Buffer; code: string; id?: string | null }[] = [
  { desc: "not JSON", raw: "{nope", code: "malformed" },
  { desc: "JSON but not an object", raw: "42", code: "malformed" },
  { desc: "no version", raw: JSON.stringify({ type: "container/list", id: "1", params: {} }), code: "malformed" },
  { desc: "other protocol version keeps the id", raw: JSON.stringify({ v: 99, type: "container/list", id: "a1", params: {} }), code: "version_mismatch", id: "a1" },
  { desc: "unknown type", raw: JSON.stringify({ v: PROTOCOL_VERSION, type: "docker/exec", id: "x", params: {} }), code: "unknown_type", id: "x" },
  { desc: "request without id", raw: JSON.stringify({ v: PROTOCOL_VERSION, type: "container/list", params: {} }), code: "malformed" },
  { desc: "bad params keep the id", raw: JSON.stringify({ v: PROTOCOL_VERSION, type: "container/logs", id: "7", params: { containerId: "../../etc" } }), code: "invalid_params", id: "7" },
  { desc: "oversized", raw: Buffer.alloc(MAX_MESSAGE_BYTES + 1, 32), code: "too_large" },
  { desc: "event with bad params", raw: JSON.stringify({ v: PROTOCOL_VERSION, type: "agent/heartbeat", params: { at: 5 } }), code: "invalid_params" },
  { desc: "result without ok", raw: JSON.stringify({ v: PROTOCOL_VERSION, type: "result", id: "1" }), code: "malformed" },
  { desc: "inherited names are not types", raw: '{"v":1,"type":"toString","id":"2"}', code: "unknown_type", id: "2" },
  { desc: "__proto__ pollution attempt", raw: '{"v":1,"type":"__proto__","id":"1"}', code: "unknown_type", id: "1" },
];

describe("parseMessage refuses", () => {
  for (const c of cases) {
    it(c.desc, () => {
      const r = parseMessage(c.raw);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(c.code);
        if (c.id !== undefined) expect(r.id).toBe(c.id);
      }
    });
  }
});

describe("parseMessage accepts", () => {
  it("a request, with defaults applied to its params", () => {
    const r = parseMessage(requestFrame("container/logs", "r1", { containerId: "abc123def456" }));
    expect(r).toEqual({ ok: true, message: { kind: "request", type: "container/logs", id: "r1", params: { containerId: "abc123def456", tail: 200 } } });
  });
  it("an event", () => {
    const r = parseMessage(eventFrame("agent/heartbeat", { at: "2026-11-23T12:00:00.000Z" }));
    expect(r.ok && r.message.kind === "event" && r.message.type).toBe("agent/heartbeat");
  });
  it("results, good and failed", () => {
    expect(parseMessage(resultFrame("9", { images: [] }))).toMatchObject({ ok: true, message: { kind: "result", ok: true, id: "9" } });
    expect(parseMessage(errorResultFrame("9", { code: "not_managed", message: "no" }))).toMatchObject({
      ok: true,
      message: { kind: "result", ok: false, error: { code: "not_managed" } },
    });
  });
  it("a protocol error", () => {
    expect(parseMessage(protocolErrorFrame(null, { code: "malformed", message: "x" }))).toMatchObject({ ok: true, message: { kind: "protocol/error" } });
  });
  it("Buffers as well as strings", () => {
    expect(parseMessage(Buffer.from(eventFrame("agent/heartbeat", { at: "t" }))).ok).toBe(true);
  });
});

describe("parseResult", () => {
  it("checks a result against the request type's schema", () => {
    expect(parseResult("image/list", { images: [] }).ok).toBe(true);
    expect(parseResult("image/list", { images: "many" }).ok).toBe(false);
  });
});
