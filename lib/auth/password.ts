// Password hashing with scrypt (memory-hard). Stored as `scrypt$N$r$p$salt$hash` (base64url) so
// parameters can be raised later without breaking old hashes.
import { scrypt as scryptCb, randomBytes, timingSafeEqual, type ScryptOptions } from "node:crypto";

const SCRYPT_N = 1 << 15; // 32 MiB with r = 8
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const KEY_LENGTH = 32;
/** Stored keys shorter than this are corrupt (they would make verification trivial). */
const MIN_KEY_LENGTH = 16;
const SALT_BYTES = 16;
export { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from "./password-limits";

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const maxmem = (n: number, r: number) => 128 * n * r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_LENGTH, { N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P, maxmem: maxmem(SCRYPT_N, SCRYPT_R) });
  return ["scrypt", SCRYPT_N, SCRYPT_R, SCRYPT_P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, nStr, rStr, pStr, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const N = Number(nStr), r = Number(rStr), p = Number(pStr);
  if (![N, r, p].every(Number.isSafeInteger)) return false;
  const expected = Buffer.from(keyB64, "base64url");
  const salt = Buffer.from(saltB64, "base64url");
  // An empty key would compare equal to an empty derivation: any password would pass.
  if (expected.length < MIN_KEY_LENGTH || salt.length === 0) return false;
  let actual: Buffer;
  try {
    actual = await scrypt(password, salt, expected.length, { N, r, p, maxmem: maxmem(N, r) });
  } catch {
    // Parameters scrypt refuses (N not a power of two, too much memory): a corrupt hash matches nothing.
    return false;
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, verified against when the user does not exist (equal timing). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}
