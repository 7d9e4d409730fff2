// docker-compose (the v1 CLI, Debian's 1.29) for the stack benchmark: find it, bring a project
// up and down from a file and .env written to a temp folder, and watch until every container of
// the project runs and, when it has a healthcheck, is healthy (1.29 has no `up --wait`).
import Docker from "dockerode";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const COMPOSE_BIN = "docker-compose";
const COMPOSE_TIMEOUT_MS = 120_000;
const HEALTHY_TIMEOUT_MS = 60_000;
const HEALTHY_POLL_MS = 20;
const PROJECT_LABEL = "com.docker.compose.project";

const docker = new Docker();

function run(args: string[], cwd?: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(COMPOSE_BIN, args, { cwd, timeout: COMPOSE_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (err && (err as NodeJS.ErrnoException).code === "ENOENT") return reject(err);
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, output });
    });
  });
}

/** The CLI's version (e.g. "1.29.2"), or null when `docker-compose` is not installed. */
export async function composeVersion(): Promise<string | null> {
  try {
    const r = await run(["version", "--short"]);
    return r.code === 0 ? r.output.split("\n")[0]!.trim() : null;
  } catch {
    return null;
  }
}

export interface ComposeProject {
  name: string;
  /** `up -d`; resolves when the CLI exits (throws with its output when it fails). */
  up(): Promise<void>;
  /** `down -v`: containers, the project's network and its named volumes; no stop grace. */
  down(): Promise<void>;
  /** Resolves with performance.now() when `count` containers of the project all run (healthy when checked). */
  ready(count: number): Promise<number>;
  dispose(): void;
}

export function composeProject(name: string, file: string, env: string): ComposeProject {
  const dir = mkdtempSync(join(tmpdir(), "homeport-bench-compose-"));
  writeFileSync(join(dir, "docker-compose.yml"), file);
  writeFileSync(join(dir, ".env"), env);
  const base = ["--ansi", "never", "-p", name, "-f", join(dir, "docker-compose.yml")];
  const must = async (args: string[]) => {
    const r = await run([...base, ...args], dir);
    if (r.code !== 0) throw new Error(`docker-compose ${args.join(" ")} exited ${r.code}: ${r.output.slice(-2000)}`);
  };
  return {
    name,
    up: () => must(["up", "-d"]),
    down: () => must(["down", "-v", "--timeout", "0"]),
    async ready(count) {
      const t0 = performance.now();
      for (;;) {
        const list = await docker.listContainers({ all: true, filters: { label: [`${PROJECT_LABEL}=${name}`] } });
        const dead = list.find((c) => c.State === "exited" || c.State === "dead" || /\(unhealthy\)/.test(c.Status));
        if (dead) throw new Error(`compose container ${dead.Names[0]} is ${dead.State} (${dead.Status})`);
        const up = list.filter((c) => c.State === "running" && !/health: starting/.test(c.Status));
        if (up.length >= count) return performance.now();
        if (performance.now() - t0 > HEALTHY_TIMEOUT_MS) throw new Error(`compose project ${name}: ${up.length}/${count} containers ready after ${HEALTHY_TIMEOUT_MS} ms`);
        await new Promise((r) => setTimeout(r, HEALTHY_POLL_MS));
      }
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
