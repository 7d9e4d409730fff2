// Image presence and bounded pulls. A pull that cannot reach its registry (offline) fails with
// `image_pull_failed` within PULL_TIMEOUT_MS instead of hanging a deploy.
import type Docker from "dockerode";
import { AgentError, dockerStatus } from "../errors";

export const PULL_TIMEOUT_MS = 120_000;

export async function imageExists(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (err) {
    if (dockerStatus(err) === 404) return false;
    throw err;
  }
}

export async function pullImage(docker: Docker, image: string, timeoutMs = PULL_TIMEOUT_MS): Promise<string> {
  let stream: NodeJS.ReadableStream | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AgentError("image_pull_failed", `pulling ${image} took longer than ${Math.round(timeoutMs / 1000)} s; is the registry reachable?`)), timeoutMs);
  });
  const pull = (async () => {
    stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream!, (err: Error | null, out: { error?: string }[]) => {
        const failed = err?.message ?? out?.find((o) => o.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      });
    });
  })();
  try {
    await Promise.race([pull, timeout]);
  } catch (err) {
    (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
    pull.catch(() => undefined);
    if (err instanceof AgentError) throw err;
    throw new AgentError("image_pull_failed", `could not pull ${image}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
  const info = await docker.getImage(image).inspect();
  return info.Id;
}
