// A stack's logs: the recent lines of every service's container (or one service's), searchable,
// each line tagged with its service. A service without a container yet is listed with the reason.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { serviceLogs } from "@/lib/agents";

export interface StackLogLine {
  service: string;
  stream: "stdout" | "stderr";
  text: string;
}

export async function stackLogs(db: Db, id: string, q: { tail: number; q?: string; service?: string }): Promise<{ lines: StackLogLine[]; missing: { service: string; reason: string }[] }> {
  const stack = await db.stack.findUnique({ where: { id }, select: { name: true, services: { select: { id: true, stackService: true, name: true }, orderBy: { stackService: "asc" } } } });
  if (!stack) throw notFound("Stack");
  let services = stack.services.map((s) => ({ id: s.id, key: s.stackService ?? s.name }));
  if (q.service !== undefined) {
    services = services.filter((s) => s.key === q.service);
    if (services.length === 0) throw notFound(`Service "${q.service}" of stack "${stack.name}"`);
  }
  const lines: StackLogLine[] = [];
  const missing: { service: string; reason: string }[] = [];
  const results = await Promise.all(services.map((s) => serviceLogs(db, s.id, { tail: q.tail, q: q.q }).then((r) => ({ s, r }), (err: unknown) => ({ s, err }))));
  for (const x of results) {
    if ("err" in x) missing.push({ service: x.s.key, reason: x.err instanceof Error ? x.err.message : String(x.err) });
    else for (const l of x.r.lines) lines.push({ service: x.s.key, stream: l.stream, text: l.text });
  }
  return { lines, missing };
}
