import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "./constants";
import { MAX_MANAGED_FILE_BYTES } from "./files";
import { parseMessage } from "./parse";

const frame = (params: unknown) => JSON.stringify({ v: PROTOCOL_VERSION, type: "file/write", id: "f1", params });

describe("file/write params", () => {
  const refused: { desc: string; params: unknown }[] = [
    { desc: "../", params: { path: "../x", content: "" } },
    { desc: "an absolute path", params: { path: "/etc/passwd", content: "" } },
    { desc: ".. inside", params: { path: "a/../../x", content: "" } },
    { desc: "a hidden name", params: { path: "a/.x", content: "" } },
    { desc: "an empty segment", params: { path: "a//x", content: "" } },
    { desc: "a mode with exec or setuid bits", params: { path: "x", content: "", mode: 0o4755 } },
    { desc: "content over the cap (counted in UTF-8 bytes)", params: { path: "x", content: "é".repeat(MAX_MANAGED_FILE_BYTES / 2 + 1) } },
  ];
  for (const c of refused) {
    it(`refuses ${c.desc}`, () => {
      const r = parseMessage(frame(c.params));
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.id]).toEqual(["invalid_params", "f1"]);
    });
  }
  it("accepts a nested relative path and defaults the mode to 0600", () => {
    const r = parseMessage(frame({ path: "cloudflared/home/config.yml", content: "tunnel: x\n" }));
    expect(r).toMatchObject({ ok: true, message: { kind: "request", type: "file/write", params: { path: "cloudflared/home/config.yml", mode: 0o600 } } });
  });
});
