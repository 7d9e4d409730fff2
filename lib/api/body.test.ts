import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "./body";

const req = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1:3000/api/v1/services", { method: "POST", body, headers });

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
}

describe("readJsonBody", () => {
  const accepted: { desc: string; type: string }[] = [
    { desc: "application/json", type: "application/json" },
    { desc: "with charset", type: "application/json; charset=utf-8" },
    { desc: "upper case", type: "Application/JSON" },
    { desc: "structured +json suffix", type: "application/merge-patch+json" },
  ];
  for (const c of accepted) {
    it(`accepts ${c.desc}`, async () => {
      expect(await readJsonBody(req('{"a":[1,"é"]}', { "content-type": c.type }))).toEqual({ a: [1, "é"] });
    });
  }

  const refused: { desc: string; body: BodyInit | null; headers: Record<string, string>; code: string }[] = [
    { desc: "no content type", body: new Blob(["{}"]), headers: {}, code: "unsupported_media_type" },
    { desc: "text/plain", body: "{}", headers: { "content-type": "text/plain" }, code: "unsupported_media_type" },
    { desc: "application/jsonp", body: "{}", headers: { "content-type": "application/jsonp" }, code: "unsupported_media_type" },
    { desc: "json only as a parameter", body: "{}", headers: { "content-type": "text/html; x=application/json" }, code: "unsupported_media_type" },
    { desc: "empty body", body: "", headers: { "content-type": "application/json" }, code: "invalid_json" },
    { desc: "no body", body: null, headers: { "content-type": "application/json" }, code: "invalid_json" },
    { desc: "whitespace only", body: " \n ", headers: { "content-type": "application/json" }, code: "invalid_json" },
    { desc: "malformed", body: "{", headers: { "content-type": "application/json" }, code: "invalid_json" },
    { desc: "a lone high surrogate escape in a value", body: '{"name":"\\ud800"}', headers: { "content-type": "application/json" }, code: "invalid_json" },
    { desc: "a lone low surrogate escape in a key, deep down", body: '[[{"a":{"\\uDC00x":1}}]]', headers: { "content-type": "application/json" }, code: "invalid_json" },
    { desc: "surrogates in the wrong order", body: '"\\udc00\\ud800"', headers: { "content-type": "application/json" }, code: "invalid_json" },
    { desc: "declared length over the cap", body: "{}", headers: { "content-type": "application/json", "content-length": String(MAX_JSON_BODY_BYTES + 1) }, code: "payload_too_large" },
    { desc: "actual length over the cap", body: JSON.stringify({ x: "y".repeat(MAX_JSON_BODY_BYTES) }), headers: { "content-type": "application/json" }, code: "payload_too_large" },
  ];
  for (const c of refused) {
    it(`refuses ${c.desc} (${c.code})`, async () => {
      expect(await codeOf(readJsonBody(req(c.body, c.headers)))).toBe(c.code);
    });
  }

  it("accepts surrogate pairs, escaped or not, and text that only looks like an escape", async () => {
    const ct = { "content-type": "application/json" };
    expect(await readJsonBody(req('{"e":"\\ud83d\\ude00","f":"😀","g":"\\\\ud800"}', ct))).toEqual({ e: "😀", f: "😀", g: "\\ud800" });
  });

  it("accepts a body of exactly the cap and honours a custom cap", async () => {
    const body = JSON.stringify({ x: "y".repeat(MAX_JSON_BODY_BYTES - 8) });
    expect(body).toHaveLength(MAX_JSON_BODY_BYTES);
    expect(await codeOf(readJsonBody(req(body, { "content-type": "application/json" })))).toBeNull();
    expect(await codeOf(readJsonBody(req('{"a":1}', { "content-type": "application/json" }), 4))).toBe("payload_too_large");
  });
});
