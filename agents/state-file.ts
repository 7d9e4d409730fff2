// Files in the agent's state folder (credentials, policy): written whole or not at all (temp file,
// 0600, rename), in a folder only the agent's user can enter (0700).
import { chmodSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function writeStateFile(stateDir: string, name: string, data: unknown): void {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = join(stateDir, name);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 2) + "\n", { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
