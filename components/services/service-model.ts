// The service form's editable state (strings, as typed) and its conversion to the API's shape.
// The Advanced section's part (runtime) lives in runtime-model.ts.
import type { ServiceView } from "@/lib/inventory/schemas";
import { formatCommand, parseCommand } from "@/lib/client/command";
import { rowKey } from "@/components/common/row-list";
import { emptyRuntimeModel, modelFromRuntime, runtimeFromModel, runtimeProblems, type RuntimeModel } from "./runtime-model";

export type Protocol = "tcp" | "udp";
export type RestartPolicy = ServiceView["restartPolicy"];
export type Egress = ServiceView["egress"];

export interface PortRow { key: number; container: string; host: string; protocol: Protocol; hostIp: string }
export interface EnvRow { key: number; name: string; value: string }
export interface VolumeRow { key: number; source: string; target: string; readOnly: boolean }

export interface ServiceModel {
  name: string;
  image: string;
  hostId: string;
  egress: Egress;
  restartPolicy: RestartPolicy;
  ports: PortRow[];
  env: EnvRow[];
  volumes: VolumeRow[];
  command: string;
  health: boolean;
  healthTest: string;
  healthInterval: string;
  healthTimeout: string;
  healthRetries: string;
  /** Docker options beyond the basics (the Advanced section). */
  runtime: RuntimeModel;
}

export const DEFAULT_HOST_IP = "127.0.0.1";

export const newPort = (): PortRow => ({ key: rowKey(), container: "", host: "", protocol: "tcp", hostIp: DEFAULT_HOST_IP });
export const newEnv = (): EnvRow => ({ key: rowKey(), name: "", value: "" });
export const newVolume = (): VolumeRow => ({ key: rowKey(), source: "", target: "", readOnly: false });

export function emptyModel(): ServiceModel {
  return {
    name: "",
    image: "",
    hostId: "",
    egress: "open",
    restartPolicy: "unless-stopped",
    ports: [],
    env: [],
    volumes: [],
    command: "",
    health: false,
    healthTest: "",
    healthInterval: "10",
    healthTimeout: "5",
    healthRetries: "3",
    runtime: emptyRuntimeModel(),
  };
}

export function modelFromService(s: ServiceView): ServiceModel {
  return {
    name: s.name,
    image: s.image,
    hostId: s.hostId ?? "",
    egress: s.egress,
    restartPolicy: s.restartPolicy,
    ports: s.ports.map((p) => ({ key: rowKey(), container: String(p.container), host: p.host === undefined ? "" : String(p.host), protocol: p.protocol, hostIp: p.hostIp })),
    env: Object.entries(s.env).map(([name, value]) => ({ key: rowKey(), name, value })),
    volumes: s.volumes.map((v) => ({ key: rowKey(), source: v.source, target: v.target, readOnly: v.readOnly })),
    command: formatCommand(s.command),
    health: s.healthcheck !== null,
    healthTest: s.healthcheck ? formatCommand(s.healthcheck.test) : "",
    healthInterval: String(s.healthcheck?.intervalSeconds ?? 10),
    healthTimeout: String(s.healthcheck?.timeoutSeconds ?? 5),
    healthRetries: String(s.healthcheck?.retries ?? 3),
    runtime: modelFromRuntime(s.runtime),
  };
}

/** "" → undefined (the schema then says "required" or treats it as omitted); else a number. */
function num(s: string): number | undefined {
  const t = s.trim();
  return t === "" ? undefined : Number(t);
}

/** The request body; the shared zod schema validates it before it is sent. */
export function payloadFromModel(m: ServiceModel) {
  return {
    name: m.name,
    image: m.image,
    hostId: m.hostId || null,
    egress: m.egress,
    restartPolicy: m.restartPolicy,
    ports: m.ports.map((p) => ({ container: num(p.container), host: num(p.host), protocol: p.protocol, hostIp: p.hostIp.trim() || DEFAULT_HOST_IP })),
    env: Object.fromEntries(m.env.filter((e) => e.name.trim() !== "" || e.value !== "").map((e) => [e.name.trim(), e.value])),
    volumes: m.volumes.map((v) => ({ source: v.source, target: v.target, readOnly: v.readOnly })),
    command: parseCommand(m.command),
    healthcheck: m.health
      ? { test: parseCommand(m.healthTest), intervalSeconds: num(m.healthInterval), timeoutSeconds: num(m.healthTimeout), retries: num(m.healthRetries) }
      : null,
    runtime: runtimeFromModel(m.runtime),
  };
}

/** Problems zod cannot see because they are about rows, not values. */
export function rowProblems(m: ServiceModel): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const e of m.env) {
    const n = e.name.trim();
    if (!n && e.value !== "") out[`envrow.${e.key}`] = "a variable needs a name";
    else if (n && seen.has(n)) out[`envrow.${e.key}`] = `${n} is set twice`;
    seen.add(n);
  }
  return { ...out, ...runtimeProblems(m.runtime) };
}
