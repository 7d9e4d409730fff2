// Reads a container's recent log lines through dockerode, demultiplexing stdout and stderr.
import type Docker from "dockerode";
import { PassThrough } from "node:stream";
import type { RequestResult } from "@/lib/protocol";

type Line = RequestResult<"container/logs">["lines"][number];

const MAX_LINE_CHARS = 4000;

export async function readLogs(docker: Docker, id: string, tail: number, sinceSeconds?: number): Promise<Line[]> {
  const c = docker.getContainer(id);
  const info = await c.inspect();
  const buf = (await c.logs({ stdout: true, stderr: true, tail, ...(sinceSeconds ? { since: Math.floor(Date.now() / 1000) - sinceSeconds } : {}) })) as unknown as Buffer;
  const lines: Line[] = [];
  const push = (stream: Line["stream"], chunk: Buffer) => {
    for (const text of chunk.toString("utf8").split("\n")) if (text !== "") lines.push({ stream, text: text.slice(0, MAX_LINE_CHARS) });
  };
  if (info.Config.Tty) {
    push("stdout", buf);
    return lines;
  }
  const out = new PassThrough(), err = new PassThrough();
  out.on("data", (b: Buffer) => push("stdout", b));
  err.on("data", (b: Buffer) => push("stderr", b));
  const src = new PassThrough();
  docker.modem.demuxStream(src, out, err);
  await new Promise<void>((resolve) => {
    src.on("end", resolve);
    src.end(buf);
  });
  return lines.slice(-tail);
}
