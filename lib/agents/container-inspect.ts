// The inspect view of a service's container: the agent's container/describe with env values shown
// to admins only and secret-looking values (PASSWORD, TOKEN, SECRET, KEY…, URLs with a password)
// masked for everyone; they never reach the browser.
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { getServiceOrThrow } from "@/lib/inventory";
import type { ContainerInspectView, EnvEntry } from "@/lib/protocol";
import { agentErrorToApi, serviceContainer } from "./operations";
import { getAgentHub } from "./hub";

const SECRET_NAME = /PASS(WORD|WD|PHRASE)?|TOKEN|SECRET|KEY|CREDENTIAL|PRIVATE|AUTH|SALT|COOKIE|SESSION|SIGNATURE|CERT|DSN|DATABASE_URL|CONN(ECTION)?_?STR/i;
/** scheme://user:password@host in a value (a connection string). */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;

export function isSecretEnv(name: string, value: string): boolean {
  return SECRET_NAME.test(name) || URL_WITH_PASSWORD.test(value);
}

/** `NAME=value` entries → the view's entries; `showValues` false (non-admins) hides every value. */
export function maskEnv(env: string[], showValues: boolean): EnvEntry[] {
  return env.map((e) => {
    const eq = e.indexOf("=");
    const name = eq < 0 ? e : e.slice(0, eq);
    const value = eq < 0 ? "" : e.slice(eq + 1);
    const masked = !showValues || isSecretEnv(name, value);
    return { name, value: masked ? null : value, masked };
  });
}

export async function inspectServiceContainer(db: Db, serviceId: string, showValues: boolean): Promise<ContainerInspectView> {
  const service = await getServiceOrThrow(db, serviceId);
  const container = await serviceContainer(db, service);
  if (!service.hostId || !container) throw new DomainError("conflict", `Service "${service.name}" has no container yet; deploy it first`);
  const session = getAgentHub().requireSession(service.hostId, service.hostName ?? "the host");
  const d = await session.request("container/describe", { containerId: container.containerId }).catch(agentErrorToApi);
  return { ...d, hostId: service.hostId, valuesShown: showValues, config: { ...d.config, env: maskEnv(d.config.env, showValues) } };
}
