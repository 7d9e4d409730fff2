import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, generateTotpSecret, hotp, totpAt, totpUri, verifyTotp } from "./totp";

// RFC 6238 appendix B uses the ASCII seed "12345678901234567890" for SHA-1.
const SEED = Buffer.from("12345678901234567890", "ascii");
const SEED_B32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("hotp", () => {
  it("matches the RFC 4226 appendix D values", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expected.forEach((code, counter) => expect(hotp(SEED, counter), `counter ${counter}`).toBe(code));
  });
});

describe("totp", () => {
  // RFC 6238's 8-digit SHA-1 values; 6-digit codes are their last six digits.
  const vectors: { desc: string; seconds: number; eight: string }[] = [
    { desc: "T=59", seconds: 59, eight: "94287082" },
    { desc: "T=1111111109", seconds: 1111111109, eight: "07081804" },
    { desc: "T=1111111111", seconds: 1111111111, eight: "14050471" },
    { desc: "T=1234567890", seconds: 1234567890, eight: "89005924" },
    { desc: "T=2000000000", seconds: 2000000000, eight: "69279037" },
    { desc: "T=20000000000", seconds: 20000000000, eight: "65353130" },
  ];

  for (const v of vectors) {
    it(`RFC 6238 vector ${v.desc}`, () => {
      const six = v.eight.slice(-6);
      expect(hotp(SEED, Math.floor(v.seconds / 30))).toBe(six);
      expect(totpAt(SEED_B32, v.seconds * 1000)).toBe(six);
      expect(verifyTotp(SEED_B32, six, v.seconds * 1000)).toBe(true);
    });
  }

  it("accepts one step of clock skew either side, not two", () => {
    const now = 1_700_000_015_000;
    const cases: { desc: string; codeAt: number; ok: boolean }[] = [
      { desc: "current step", codeAt: now, ok: true },
      { desc: "previous step", codeAt: now - 30_000, ok: true },
      { desc: "next step", codeAt: now + 30_000, ok: true },
      { desc: "two steps ago", codeAt: now - 60_000, ok: false },
      { desc: "two steps ahead", codeAt: now + 60_000, ok: false },
    ];
    for (const c of cases) expect(verifyTotp(SEED_B32, totpAt(SEED_B32, c.codeAt), now), c.desc).toBe(c.ok);
  });

  it("rejects codes that are not six digits", () => {
    const now = 1_700_000_015_000;
    const good = totpAt(SEED_B32, now);
    const cases: { desc: string; code: string }[] = [
      { desc: "empty", code: "" },
      { desc: "letters", code: "12345a" },
      { desc: "five digits", code: good.slice(1) },
      { desc: "seven digits", code: `${good}0` },
      { desc: "leading space", code: ` ${good}` },
      { desc: "inner dash", code: `${good.slice(0, 3)}-${good.slice(3)}` },
      { desc: "full-width digits", code: good.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) },
    ];
    for (const c of cases) expect(verifyTotp(SEED_B32, c.code, now), c.desc).toBe(false);
  });

  it("generates 160-bit base32 secrets that round-trip", () => {
    const s = generateTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
    expect(base32Encode(base32Decode(s))).toBe(s);
    expect(base32Encode(SEED)).toBe(SEED_B32);
    expect(base32Decode(SEED_B32.toLowerCase())).toEqual(SEED);
    expect(() => base32Decode("ABC1")).toThrow(/base32/);
  });

  it("builds an otpauth URI authenticator apps understand", () => {
    const u = new URL(totpUri(SEED_B32, "admin"));
    expect(u.protocol).toBe("otpauth:");
    expect(u.host).toBe("totp");
    expect(decodeURIComponent(u.pathname)).toBe("/Homeport:admin");
    expect(u.searchParams.get("secret")).toBe(SEED_B32);
    expect(u.searchParams.get("issuer")).toBe("Homeport");
    expect(u.searchParams.get("digits")).toBe("6");
    expect(u.searchParams.get("period")).toBe("30");
  });
});
