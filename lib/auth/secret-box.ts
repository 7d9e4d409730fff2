// Encrypts secrets at rest (TOTP seeds, later provider keys) with AES-256-GCM. The key lives in
// `<data dir>/secret.key` (0600), created on first use; the database alone does not reveal them.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { getConfig } from "@/lib/config";

const KEY_FILE = "secret.key";
const VERSION = "v1";

let cachedKey: { dir: string; key: Buffer } | undefined;

function loadKey(): Buffer {
  const dir = getConfig().dataDir;
  if (cachedKey?.dir === dir) return cachedKey.key;
  const file = join(dir, KEY_FILE);
  let key: Buffer;
  if (existsSync(file)) {
    key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (key.length !== 32) throw new Error(`${file} is not a 32-byte base64 key`);
  } else {
    mkdirSync(dir, { recursive: true });
    key = randomBytes(32);
    writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
  }
  cachedKey = { dir, key };
  return key;
}

export function sealSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", loadKey(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("unrecognised sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", loadKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
