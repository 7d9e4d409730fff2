// Docker for the agent tests: makes sure an engine runs (scripts/ensure-docker.sh), builds the
// busybox test image FROM scratch in a temp context, and removes what the tests created.
import Docker from "dockerode";
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { PassThrough } from "node:stream";
import { LABELS, OFFLINE_NETWORK } from "@/lib/protocol";

const run = promisify(execFile);
export const ENSURE_DOCKER_TIMEOUT_MS = 240_000;
/** Every test file names its services `hpt-<letter>-…`, so clean-up finds its own containers only. */
export const TEST_PREFIX = "hpt-";

export const docker = new Docker();

export async function ensureDocker(): Promise<void> {
  await run("bash", [resolve("scripts/ensure-docker.sh")], { timeout: ENSURE_DOCKER_TIMEOUT_MS });
}

/** Waits for a build/pull/push stream to end; rejects with the first error it reports. */
export async function followProgress(stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((res, rej) =>
    docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
      const e = err?.message ?? out.find((o) => o.error)?.error;
      if (e) rej(new Error(e));
      else res();
    }),
  );
}

/** Builds the busybox image under a unique tag; returns the tag. */
export async function buildBusyboxImage(tag = `homeport-test/busybox:${process.pid}-${Date.now().toString(36)}`): Promise<string> {
  const ctx = mkdtempSync(join(tmpdir(), "homeport-img-"));
  try {
    copyFileSync(resolve("test/fixtures/busybox-image/Dockerfile"), join(ctx, "Dockerfile"));
    copyFileSync("/bin/busybox", join(ctx, "busybox"));
    const stream = await docker.buildImage({ context: ctx, src: ["Dockerfile", "busybox"] }, { t: tag, labels: { [LABELS.test]: "image" } });
    await followProgress(stream);
    return tag;
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** Containers a test file made: managed ones named <prefix>*, and helpers labelled with the prefix. */
export async function testContainers(prefix: string): Promise<Docker.ContainerInfo[]> {
  const all = await docker.listContainers({ all: true });
  return all.filter((c) => c.Labels?.[LABELS.test] === prefix || (c.Labels?.[LABELS.serviceName] ?? "").startsWith(prefix));
}

export async function cleanupDocker(prefix: string, opts: { image?: string; networks?: string[] } = {}): Promise<void> {
  for (const c of await testContainers(prefix)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  for (const n of [...(opts.networks ?? []), OFFLINE_NETWORK]) {
    const net = docker.getNetwork(n);
    const info = await net.inspect().catch(() => null);
    if (info && Object.keys(info.Containers ?? {}).length === 0) await net.remove().catch(() => undefined);
  }
  if (opts.image) await docker.getImage(opts.image).remove({ force: true }).catch(() => undefined);
}

/** Runs a throwaway helper container (labelled for clean-up) and returns it started. */
export async function runHelper(prefix: string, image: string, name: string, cmd: string[], network = "bridge"): Promise<Docker.Container> {
  const c = await docker.createContainer({ name: `${prefix}${name}`, Image: image, Cmd: cmd, Labels: { [LABELS.test]: prefix }, HostConfig: { NetworkMode: network } });
  await c.start();
  return c;
}

/** Runs a command in a container; resolves with its exit code and output. */
export async function exec(c: Docker.Container, cmd: string[], timeoutMs = 15_000): Promise<{ code: number; output: string }> {
  const e = await c.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await e.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (b: Buffer) => chunks.push(b));
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`exec ${cmd.join(" ")} timed out`)), timeoutMs);
    stream.on("end", () => { clearTimeout(t); res(); });
  });
  const info = await e.inspect();
  return { code: info.ExitCode ?? -1, output: Buffer.concat(chunks).toString("utf8") };
}
