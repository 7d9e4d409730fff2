// Runs one check or a batch from JSON on stdin and prints JSON results on stdout. Used by the
// tests from inside network namespaces (`ip netns exec lan npx tsx lib/probes/cli.ts`) and handy
// for debugging a check from a shell. Input: one `{ type, target, timeoutMs? }` or
// `{ checks: [{ id?, type, target, timeoutMs? }, …], concurrency? }`. Output: `{ results: [{ id, …result }] }`.
// Exit status: 0 when the input was valid (whatever the probes found), 2 when it was not.
import { z } from "zod";
import { CheckSpecSchema, MAX_TIMEOUT_MS, runCheck } from "./engine";

const MAX_BATCH = 10_000;
const ItemSchema = z.intersection(CheckSpecSchema, z.object({ id: z.string().max(64).optional(), timeoutMs: z.number().int().min(1).max(MAX_TIMEOUT_MS).optional() }));
const BatchSchema = z.object({ checks: z.array(ItemSchema).max(MAX_BATCH), concurrency: z.number().int().min(1).max(512).default(32) });
const SingleSchema = ItemSchema.transform((c) => ({ checks: [c], concurrency: 1 }));

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readStdin());
  } catch (err) {
    process.stdout.write(JSON.stringify({ error: `malformed JSON: ${(err as Error).message}` }) + "\n");
    return 2;
  }
  const isBatch = typeof raw === "object" && raw !== null && "checks" in raw;
  const parsed = isBatch ? BatchSchema.safeParse(raw) : SingleSchema.safeParse(raw);
  if (!parsed.success) {
    process.stdout.write(JSON.stringify({ error: "invalid input", issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) }) + "\n");
    return 2;
  }
  const { checks, concurrency } = parsed.data;
  const results = new Array<unknown>(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const i = next++;
      const c = checks[i]!;
      results[i] = { id: c.id ?? String(i), at: new Date().toISOString(), ...(await runCheck(c, { timeoutMs: c.timeoutMs })) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, checks.length) }, worker));
  process.stdout.write(JSON.stringify({ results }) + "\n");
  return 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`probe cli failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
