// The probe messages through the protocol's parser: caps, safety rules and chunk bounds.
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "./constants";
import { eventFrame, requestFrame } from "./envelope";
import { parseMessage } from "./parse";
import { MAX_PROBE_RUN_CHECKS, ProbeEvents } from "./probes";
import { z } from "zod";

const http = (url: string) => ({ spec: { type: "http", target: { url } } });
const raw = (type: string, params: unknown) => JSON.stringify({ v: PROTOCOL_VERSION, type, id: "p1", params });
const result = { ok: true, errorClass: null, message: null, latencyMs: 3, timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 2 }, statusCode: 200, tls: null, answers: null };

describe("probe messages", () => {
  const cases: { desc: string; frame: string; code?: string }[] = [
    { desc: "probe/run with one check is accepted", frame: raw("probe/run", { checks: [http("http://192.0.2.10/")] }) },
    { desc: "probe/run with no checks is refused", frame: raw("probe/run", { checks: [] }), code: "invalid_params" },
    { desc: "probe/run over the cap is refused", frame: raw("probe/run", { checks: Array.from({ length: MAX_PROBE_RUN_CHECKS + 1 }, () => http("http://192.0.2.10/")) }), code: "invalid_params" },
    { desc: "probe/run to the metadata address is refused", frame: raw("probe/run", { checks: [http("http://169.254.169.254/")] }), code: "invalid_params" },
    { desc: "probe/run with a file: URL is refused", frame: raw("probe/run", { checks: [http("file:///etc/passwd")] }), code: "invalid_params" },
    { desc: "probe/schedule chunk beyond chunks is refused", frame: raw("probe/schedule", { scheduleId: "s", chunk: 2, chunks: 2, checks: [] }), code: "invalid_params" },
    { desc: "probe/schedule with an interval under a second is refused", frame: raw("probe/schedule", { scheduleId: "s", chunk: 0, chunks: 1, checks: [{ id: "c", intervalMs: 10, timeoutMs: 1000, spec: http("http://192.0.2.10/").spec }] }), code: "invalid_params" },
    { desc: "probe/schedule with a valid chunk is accepted", frame: raw("probe/schedule", { scheduleId: "s", chunk: 0, chunks: 1, checks: [{ id: "c", intervalMs: 10_000, timeoutMs: 1000, spec: http("http://192.0.2.10/").spec }] }) },
    { desc: "probe/results with a result is accepted", frame: eventFrame("probe/results", { results: [{ ...result, checkId: "c", at: new Date().toISOString() }] as never }) },
    { desc: "probe/results with a dropped count (offline buffer) is accepted", frame: eventFrame("probe/results", { results: [{ ...result, checkId: "c", at: new Date().toISOString() }] as never, dropped: 12 }) },
    { desc: "probe/results with a negative dropped count is refused", frame: JSON.stringify({ v: PROTOCOL_VERSION, type: "probe/results", params: { results: [{ ...result, checkId: "c", at: new Date().toISOString() }], dropped: -1 } }), code: "invalid_params" },
    { desc: "probe/results without a check id is refused", frame: JSON.stringify({ v: PROTOCOL_VERSION, type: "probe/results", params: { results: [{ ...result, at: new Date().toISOString() }] } }), code: "invalid_params" },
    { desc: "probe/results with an unknown error class is refused", frame: JSON.stringify({ v: PROTOCOL_VERSION, type: "probe/results", params: { results: [{ ...result, ok: false, errorClass: "gremlins", checkId: "c", at: new Date().toISOString() }] } }), code: "invalid_params" },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = parseMessage(c.frame);
      if (c.code) expect(r).toMatchObject({ ok: false, error: { code: c.code } });
      else expect(r.ok).toBe(true);
    });
  }

  it("an older hub's schema (without dropped) still reads a newer agent's probe/results", () => {
    const older = z.object({ results: ProbeEvents["probe/results"].shape.results });
    const params = { results: [{ ...result, checkId: "c", at: new Date().toISOString(), fingerprint: null }], dropped: 3 };
    const r = older.safeParse(params);
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ results: params.results });
  });

  it("requestFrame types probe/run params", () => {
    expect(parseMessage(requestFrame("probe/run", "r", { checks: [{ spec: { type: "tcp", target: { host: "192.0.2.10", port: 22 } }, timeoutMs: 500 }] })).ok).toBe(true);
  });
});
