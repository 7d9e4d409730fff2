import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

const PASSWORD = "correct horse battery";

describe("password hashing", () => {
  it("verifies the password it hashed and refuses a wrong one", async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
  });

  it("treats Unicode compositions alike (NFKC)", async () => {
    const stored = await hashPassword("caf\u00e9-au-lait!");
    expect(await verifyPassword("cafe\u0301-au-lait!", stored)).toBe(true);
  });

  it("refuses malformed stored hashes without throwing", async () => {
    const good = (await hashPassword(PASSWORD)).split("$");
    const [, , , , salt, key] = good;
    const cases: { desc: string; stored: string }[] = [
      { desc: "empty", stored: "" },
      { desc: "other algorithm", stored: `bcrypt$32768$8$1$${salt}$${key}` },
      { desc: "too few parts", stored: `scrypt$32768$8$1$${salt}` },
      { desc: "too many parts", stored: `scrypt$32768$8$1$${salt}$${key}$x` },
      { desc: "N not a number", stored: `scrypt$abc$8$1$${salt}$${key}` },
      { desc: "N not a power of two", stored: `scrypt$3$8$1$${salt}$${key}` },
      { desc: "negative N", stored: `scrypt$-2$8$1$${salt}$${key}` },
      { desc: "N needing more memory than exists", stored: `scrypt$${2 ** 30}$8$1$${salt}$${key}` },
      { desc: "empty key (would match anything)", stored: `scrypt$32768$8$1$${salt}$` },
      { desc: "empty salt", stored: `scrypt$32768$8$1$$${key}` },
      { desc: "truncated key", stored: `scrypt$32768$8$1$${salt}$${key?.slice(0, 8)}` },
    ];
    for (const c of cases) {
      await expect(verifyPassword(PASSWORD, c.stored), c.desc).resolves.toBe(false);
    }
  });
});
