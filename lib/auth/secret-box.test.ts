import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resetConfigForTesting } from "@/lib/config";
import { makeTempDir } from "@/test/helpers/test-db";
import { openSecret, sealSecret } from "./secret-box";

let temp: ReturnType<typeof makeTempDir>;
const useDataDir = (dir: string) => {
  process.env.HOMEPORT_DATA_DIR = dir;
  resetConfigForTesting();
};

beforeEach(() => {
  temp = makeTempDir();
  useDataDir(temp.dir);
});
afterEach(() => {
  temp.cleanup();
  resetConfigForTesting();
});

/** Flips one bit of the base64url field `index` of a sealed value. */
function flip(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const buf = Buffer.from(parts[index]!, "base64url");
  buf[0] = buf[0]! ^ 1;
  parts[index] = buf.toString("base64url");
  return parts.join(".");
}

describe("secret box", () => {
  it("round-trips secrets and never stores the plaintext", () => {
    for (const plain of ["JBSWY3DPEHPK3PXP", "", "ünïcödé ✓", "x".repeat(10_000)]) {
      const sealed = sealSecret(plain);
      expect(sealed.startsWith("v1.")).toBe(true);
      if (plain.length > 3) expect(sealed).not.toContain(plain);
      expect(openSecret(sealed)).toBe(plain);
    }
  });

  it("uses a fresh IV for every seal", () => {
    expect(sealSecret("same")).not.toBe(sealSecret("same"));
  });

  it("creates the key file with mode 0600 in the data dir", () => {
    sealSecret("x");
    const file = join(temp.dir, "secret.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
  });

  it("detects tampering and malformed values", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP");
    const cases: { desc: string; value: string }[] = [
      { desc: "flipped IV bit", value: flip(sealed, 1) },
      { desc: "flipped tag bit", value: flip(sealed, 2) },
      { desc: "flipped ciphertext bit", value: flip(sealed, 3) },
      { desc: "unknown version", value: sealed.replace(/^v1\./, "v2.") },
      { desc: "missing part", value: sealed.split(".").slice(0, 3).join(".") },
      { desc: "not sealed at all", value: "JBSWY3DPEHPK3PXP" },
    ];
    for (const c of cases) expect(() => openSecret(c.value), c.desc).toThrow();
  });

  it("cannot open a secret sealed under another data dir's key", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP");
    const other = makeTempDir();
    try {
      useDataDir(other.dir);
      expect(() => openSecret(sealed)).toThrow();
      useDataDir(temp.dir);
      expect(openSecret(sealed)).toBe("JBSWY3DPEHPK3PXP");
    } finally {
      other.cleanup();
    }
  });

  it("refuses a key file that is not 32 bytes", () => {
    writeFileSync(join(temp.dir, "secret.key"), Buffer.alloc(16).toString("base64"));
    expect(() => sealSecret("x")).toThrow(/32-byte/);
  });
});
