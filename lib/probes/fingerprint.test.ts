// The route fingerprint as the engine captures it: parsed from the header, capped, validated on
// the wire, optional for agents that predate it, and named like the header lib/ingress sets.
import { describe, expect, it } from "vitest";
import { FINGERPRINT_HEADER as INGRESS_HEADER } from "@/lib/ingress";
import { ProbeEvents } from "@/lib/protocol/probes";
import { CheckResultSchema, FINGERPRINT_HEADER, MAX_FINGERPRINT_CHARS, parseFingerprint, VantageResultSchema } from "./engine/schemas";

describe("parseFingerprint", () => {
  const cases: { desc: string; header: string | string[] | undefined; want: string | null }[] = [
    { desc: "absent", header: undefined, want: null },
    { desc: "a route id", header: "cmb1k2x3y0000abcd", want: "cmb1k2x3y0000abcd" },
    { desc: "trimmed", header: "  r1 ", want: "r1" },
    { desc: "first of repeated headers", header: ["r1", "r2"], want: "r1" },
    { desc: "empty", header: "", want: null },
    { desc: "capped to the limit", header: "x".repeat(500), want: "x".repeat(MAX_FINGERPRINT_CHARS) },
    { desc: "spaces inside are refused", header: "r1 r2", want: null },
    { desc: "non-ASCII is refused", header: "rüte", want: null },
  ];
  for (const c of cases) it(c.desc, () => expect(parseFingerprint(c.header)).toBe(c.want));
});

describe("fingerprint on the wire", () => {
  const base = { ok: true, errorClass: null, message: null, latencyMs: 3, timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 2 }, statusCode: 200, tls: null, answers: null };

  it("is the same header the LAN proxy sets", () => expect(FINGERPRINT_HEADER).toBe(INGRESS_HEADER));

  it("an older agent's result without a fingerprint is accepted as null", () => {
    expect(CheckResultSchema.parse(base).fingerprint).toBeNull();
    const event = ProbeEvents["probe/results"].parse({ results: [{ ...base, checkId: "c1", at: "2026-01-01T00:00:00.000Z" }] });
    expect(event.results[0]?.fingerprint).toBeNull();
  });

  it("a fingerprint longer than the cap or with control characters is refused", () => {
    expect(VantageResultSchema.safeParse({ ...base, checkId: "c1", at: "2026-01-01T00:00:00.000Z", fingerprint: "r1" }).success).toBe(true);
    expect(CheckResultSchema.safeParse({ ...base, fingerprint: "x".repeat(MAX_FINGERPRINT_CHARS + 1) }).success).toBe(false);
    expect(CheckResultSchema.safeParse({ ...base, fingerprint: "r1\nSet-Cookie: x" }).success).toBe(false);
  });
});
