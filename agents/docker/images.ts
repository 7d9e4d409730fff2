// Image presence and bounded pulls. A pull that cannot reach its registry (offline) fails with
// `image_pull_failed` within PULL_TIMEOUT_MS instead of hanging a deploy. With a LAN registry
// mirror, Docker Hub images are pulled through it and tagged with their own name; a mirror that
// cannot serve one falls back to a direct pull, and the log says which way the image came.
import type Docker from "dockerode";
import { isDockerHubImage, mirrorReference, ownName } from "@/lib/protocol/image-ref";
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

/**
 * Pulls `image`, through `mirror` when one is set and the image is Docker Hub's (see
 * mirrorReference); the mirror's copy is tagged with the image's own name so nothing else changes.
 * If the mirror cannot serve it, pulls directly. Each step goes to `log`.
 */
export async function pullThroughMirror(docker: Docker, image: string, mirror: string | null, log: (line: string) => void, timeoutMs = PULL_TIMEOUT_MS): Promise<string> {
  const via = mirrorReference(image, mirror);
  if (mirror && !via) log(`${image} is not a Docker Hub image by tag: pulling it directly, not through the registry mirror ${mirror}`);
  if (via) {
    log(`pulling ${image} through the registry mirror ${mirror} (${via})`);
    try {
      await pullImage(docker, via, timeoutMs);
      const { repo, tag } = ownName(image);
      await docker.getImage(via).tag({ repo, tag });
      const info = await docker.getImage(image).inspect();
      log(`pulled ${image} through the registry mirror ${mirror}`);
      return info.Id;
    } catch (err) {
      log(`the registry mirror ${mirror} could not provide ${image} (${err instanceof Error ? err.message : String(err)}); falling back to a direct pull`);
    }
  }
  log(`pulling ${image}`);
  try {
    const id = await pullImage(docker, image, timeoutMs);
    log(`pulled ${image}`);
    return id;
  } catch (err) {
    throw clearerPullError(err, image, mirror);
  }
}

/** Drops the engine's HTTP wrapping from a pull error and, for an unreachable registry, says what helps. */
export function clearerPullError(err: unknown, image: string, mirror: string | null): AgentError {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\(HTTP code \d+\) server error - /, "").trim();
  const unreachable = /no such host|lookup |dial tcp|connection refused|network is unreachable|i\/o timeout|took longer than/i.test(message);
  const hint = !unreachable ? "" : isDockerHubImage(image) && !mirror
    ? " (the registry cannot be reached: is the internet down? A LAN registry mirror in Settings serves Docker Hub images without it)"
    : " (the registry cannot be reached: is the internet down?)";
  return new AgentError("image_pull_failed", `${message}${hint}`);
}
