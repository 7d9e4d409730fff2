// Agent configuration from the command line (`--server`, `--token`, `--state-dir`) or the
// environment (HOMEPORT_SERVER, HOMEPORT_ENROLL_TOKEN, HOMEPORT_AGENT_STATE_DIR), validated once.
import { z } from "zod";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const ConfigSchema = z.object({
  server: z.string().refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "must be an http(s) URL such as http://homeport.lan:3000"),
  token: z.string().min(10).max(256).optional(),
  stateDir: z.string().min(1),
  hostname: z.string().min(1).max(253).optional(),
});
export type AgentConfig = z.infer<typeof ConfigSchema>;

export class AgentConfigError extends Error {}

export const USAGE = "usage: homeport-agent --server <url> [--token <enrollment token>] [--state-dir <dir>] [--name <hostname>]";

export function defaultStateDir(): string {
  return process.getuid?.() === 0 ? "/var/lib/homeport-agent" : join(homedir(), ".homeport-agent");
}

export function parseAgentConfig(argv: string[], env: Record<string, string | undefined>): AgentConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: { server: { type: "string" }, token: { type: "string" }, "state-dir": { type: "string" }, name: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }).values;
  } catch (err) {
    throw new AgentConfigError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  if (values.help) throw new AgentConfigError(USAGE);
  const r = ConfigSchema.safeParse({
    server: values.server ?? env.HOMEPORT_SERVER,
    token: values.token ?? (env.HOMEPORT_ENROLL_TOKEN || undefined),
    stateDir: resolve(String(values["state-dir"] ?? env.HOMEPORT_AGENT_STATE_DIR ?? defaultStateDir())),
    hostname: values.name ?? (env.HOMEPORT_AGENT_NAME || undefined),
  });
  if (!r.success) {
    throw new AgentConfigError(`invalid agent configuration:\n${r.error.issues.map((i) => `  ${i.path.join(".") || "config"}: ${i.message}`).join("\n")}\n${USAGE}`);
  }
  return { ...r.data, server: r.data.server.replace(/\/+$/, "") };
}
