// A stack's logs: the recent lines of every service's container (or one service's), searchable,
// each line tagged with its service. A service without a container yet is listed with the reason.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { serviceLogs, serviceLogTargets, type LogTarget } from "@/lib/agents";

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

/** The containers of a stack's services (or one service's), each tagged with its service's key. */
export async function stackLogTargets(db: Db, id: string, service?: string): Promise<{ name: string; targets: LogTarget[]; missing: { label: string; reason: string }[] }> {
  const stack = await db.stack.findUnique({ where: { id }, select: { name: true, services: { select: { id: true, stackService: true, name: true }, orderBy: { stackService: "asc" } } } });
  if (!stack) throw notFound("Stack");
  let services = stack.services.map((s) => ({ id: s.id, key: s.stackService ?? s.name }));
  if (service !== undefined) {
    services = services.filter((s) => s.key === service);
    if (services.length === 0) throw notFound(`Service "${service}" of stack "${stack.name}"`);
  }
  const targets: LogTarget[] = [];
  const missing: { label: string; reason: string }[] = [];
  for (const s of services) {
    const { targets: own } = await serviceLogTargets(db, s.id);
    if (own.length === 0) missing.push({ label: s.key, reason: "no container yet: apply the stack" });
    for (const t of own) targets.push({ ...t, service: s.key, label: own.length > 1 ? `${s.key} (${t.container})` : s.key });
  }
  if (targets.length === 0 && missing.length === 0) missing.push({ label: stack.name, reason: `Stack "${stack.name}" has no services yet` });
  return { name: stack.name, targets, missing };
}
