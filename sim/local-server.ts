// A throwaway control plane for the simulator and the bench: the real production server (the Next
// build must exist) on loopback with a fresh temp data dir, set up over HTTP with an admin account
// and an admin API token, and signed in as a browser would be.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertNextBuild, ServerProcess } from "../test/helpers/server-process";
import { ADMIN, setUpOverHttp } from "../test/helpers/real-homeport";
import { signIn } from "./control-plane";

export interface LocalControlPlane {
  base: string;
  token: string;
  cookie: string;
  pid: number;
  dataDir: string;
  server: ServerProcess;
  /** Stops the server and removes its data dir. */
  close(): Promise<void>;
}

export async function startLocalControlPlane(env: Record<string, string> = {}): Promise<LocalControlPlane> {
  assertNextBuild();
  const dataDir = mkdtempSync(join(tmpdir(), "homeport-sim-"));
  const server = await ServerProcess.start(dataDir, { env });
  try {
    const token = await setUpOverHttp(server, dataDir);
    const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
    const pid = server.pid;
    if (pid === undefined) throw new Error("the server process has no pid");
    return {
      base: server.url,
      token,
      cookie,
      pid,
      dataDir,
      server,
      async close() {
        await server.stop().catch(() => server.killHard());
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server.killHard();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
