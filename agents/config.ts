// Agent configuration from the command line (`--server`, `--token`, `--state-dir`, the host policy
// flags `--allow-*`/`--deny-path`) or the environment (HOMEPORT_SERVER, HOMEPORT_ENROLL_TOKEN,
// HOMEPORT_AGENT_STATE_DIR, HOMEPORT_AGENT_ALLOW_BIND), validated once.
import { z } from "zod";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { PolicyFlags } from "./policy";

const ConfigSchema = z.object({
  server: z.string().refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "must be an http(s) URL such as http://homeport.lan:3000"),
  token: z.string().min(10).max(256).optional(),
  stateDir: z.string().min(1),
  hostname: z.string().min(1).max(253).optional(),
});
export type AgentConfig = z.infer<typeof ConfigSchema> & { policyFlags: PolicyFlags };

export class AgentConfigError extends Error {}

export const USAGE =
  "usage: homeport-agent --server <url> [--token <enrollment token>] [--state-dir <dir>] [--name <hostname>]\n" +
  "  host policy (saved in <state dir>/policy.json; given flags replace it, the control plane cannot change it):\n" +
  "  [--allow-bind <dir>]... [--deny-path <path>]... [--allow-privileged] [--allow-host-network] [--allow-host-pid]\n" +
  "  [--allow-cap <CAP>]... [--allow-device </dev/...>]... [--allow-gpus] [--deny-exec] [--deny-swarm]\n" +
  "  [--deny-scan] [--deny-faults] [--deny-firewall]";

export function defaultStateDir(): string {
  return process.getuid?.() === 0 ? "/var/lib/homeport-agent" : join(homedir(), ".homeport-agent");
}

export function parseAgentConfig(argv: string[], env: Record<string, string | undefined>): AgentConfig {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        server: { type: "string" },
        token: { type: "string" },
        "state-dir": { type: "string" },
        name: { type: "string" },
        help: { type: "boolean" },
        "allow-bind": { type: "string", multiple: true },
        "deny-path": { type: "string", multiple: true },
        "allow-privileged": { type: "boolean" },
        "allow-host-network": { type: "boolean" },
        "allow-host-pid": { type: "boolean" },
        "allow-cap": { type: "string", multiple: true },
        "allow-device": { type: "string", multiple: true },
        "allow-gpus": { type: "boolean" },
        "deny-exec": { type: "boolean" },
        "deny-swarm": { type: "boolean" },
        "deny-scan": { type: "boolean" },
        "deny-faults": { type: "boolean" },
        "deny-firewall": { type: "boolean" },
      },
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
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const envBinds = (env.HOMEPORT_AGENT_ALLOW_BIND ?? "").split(",").map((x) => x.trim()).filter(Boolean);
  const policyFlags: PolicyFlags = {
    allowBind: [...list(values["allow-bind"]), ...envBinds],
    denyPath: list(values["deny-path"]),
    allowPrivileged: values["allow-privileged"] === true,
    allowHostNetwork: values["allow-host-network"] === true,
    allowHostPid: values["allow-host-pid"] === true,
    allowCap: list(values["allow-cap"]),
    allowDevice: list(values["allow-device"]),
    allowGpus: values["allow-gpus"] === true,
    denyExec: values["deny-exec"] === true,
    denySwarm: values["deny-swarm"] === true,
    denyScan: values["deny-scan"] === true,
    denyFaults: values["deny-faults"] === true,
    denyFirewall: values["deny-firewall"] === true,
  };
  return { ...r.data, server: r.data.server.replace(/\/+$/, ""), policyFlags };
}
