// The one-time setup code: while no account exists, creating the first admin needs a code that
// is printed in the server's log and written to `<data dir>/setup-code` (0600). Someone else on the
// LAN who reaches the first-run page first cannot claim the instance.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import { getConfig } from "@/lib/config";
import { safeEqual } from "./tokens";

const FILE = "setup-code";
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

const codePath = () => join(getConfig().dataDir, FILE);

function newCode(): string {
  let s = "";
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Returns the current setup code, creating it if needed. */
export function ensureSetupCode(): string {
  const file = codePath();
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(getConfig().dataDir, { recursive: true });
  const code = newCode();
  writeFileSync(file, code + "\n", { mode: 0o600 });
  return code;
}

export function checkSetupCode(candidate: string): boolean {
  const file = codePath();
  if (!existsSync(file)) return false;
  const normalise = (s: string) => s.trim().toUpperCase().replace(/[^A-Z0-9]/g, "");
  return safeEqual(normalise(readFileSync(file, "utf8")), normalise(candidate));
}

export function clearSetupCode(): void {
  rmSync(codePath(), { force: true });
}

export const SETUP_CODE_FILE = FILE;
