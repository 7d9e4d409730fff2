// A network namespace joined to the root namespace by one veth pair (a /30 from the test ranges),
// for "a server out there" that tests can reach (or prove unreachable) without leaving the machine.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
const ip = (...args: string[]) => run("ip", args);

export interface VethNamespace {
  netns: string;
  /** The namespace side's address. */
  ip: string;
  remove(): Promise<void>;
}

/**
 * Creates `netns` with `nsIp` on its end of a veth pair whose root end has `hostCidr`, and checks
 * that the route to `nsIp` goes through it (not out of the machine). Leftovers of an interrupted run
 * with the same names are removed first.
 */
export async function createVethNamespace(o: { netns: string; vethHost: string; vethNs: string; hostCidr: string; nsIp: string }): Promise<VethNamespace> {
  const remove = async () => {
    await ip("link", "del", o.vethHost).catch(() => undefined); // deleting one end removes the pair
    await ip("netns", "del", o.netns).catch(() => undefined);
  };
  await remove();
  await ip("netns", "add", o.netns);
  await ip("link", "add", o.vethHost, "type", "veth", "peer", "name", o.vethNs);
  await ip("link", "set", o.vethNs, "netns", o.netns);
  await ip("addr", "add", o.hostCidr, "dev", o.vethHost);
  await ip("link", "set", o.vethHost, "up");
  await ip("netns", "exec", o.netns, "ip", "addr", "add", `${o.nsIp}/30`, "dev", o.vethNs);
  await ip("netns", "exec", o.netns, "ip", "link", "set", o.vethNs, "up");
  await ip("netns", "exec", o.netns, "ip", "link", "set", "lo", "up");
  const { stdout } = await ip("route", "get", o.nsIp);
  if (!stdout.includes(`dev ${o.vethHost}`)) {
    await remove();
    throw new Error(`route to ${o.nsIp} does not use ${o.vethHost}: ${stdout}`);
  }
  return { netns: o.netns, ip: o.nsIp, remove };
}
