// Check types by name. Adding a type is one file in checks/ and one line here; the compiler
// notices a missing one.
import type { CheckType } from "./schemas";
import type { CheckRunner } from "./types";
import { HttpCheck } from "./checks/http";
import { TcpCheck } from "./checks/tcp";
import { DnsCheck } from "./checks/dns";
import { TlsCheck } from "./checks/tls";
import { PingCheck } from "./checks/ping";
import { PushCheck } from "./checks/push";
import { EgressCheck } from "./checks/egress";

export const CHECK_RUNNERS: { [K in CheckType]: CheckRunner<K> } = {
  http: new HttpCheck("http"),
  https: new HttpCheck("https"),
  tcp: new TcpCheck(),
  dns: new DnsCheck(),
  tls: new TlsCheck(),
  ping: new PingCheck(),
  push: new PushCheck(),
  egress: new EgressCheck(),
};

export function runnerFor<K extends CheckType>(type: K): CheckRunner<K> {
  return CHECK_RUNNERS[type];
}
