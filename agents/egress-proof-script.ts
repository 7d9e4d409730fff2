// The program the egress proof runs inside a container's network namespace (`node -e`, so it needs
// no file on the host): tries a TCP connection to each address and a lookup of each name through
// the given nameservers, all at once, each with its own timeout, and prints one JSON line of what
// answered. Plain JavaScript with Node built-ins only; its input is one JSON argument.
export const EGRESS_PROBE_SCRIPT = String.raw`
const net = require("node:net");
const dns = require("node:dns");
const input = JSON.parse(process.argv[1]);
const T = input.attemptTimeoutMs;
const resolver = new dns.promises.Resolver({ timeout: T, tries: 1 });
if (input.nameservers.length) resolver.setServers(input.nameservers);
const withTimeout = (p) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error("timeout")), T + 500))]);
async function lookup(name) {
  const got = await Promise.allSettled([withTimeout(resolver.resolve4(name)), withTimeout(resolver.resolve6(name))]);
  return got.flatMap((g) => (g.status === "fulfilled" ? g.value : []));
}
function connect(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok, why) => { clearTimeout(timer); s.destroy(); resolve({ ok, why }); };
    const timer = setTimeout(() => done(false, "timeout"), T);
    s.once("connect", () => done(true, null));
    s.once("error", (e) => done(false, e.code || e.message));
  });
}
async function tryTarget(t) {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(t);
  if (!m) return { target: t, ok: false, why: "malformed" };
  let host = m[1];
  if (net.isIP(host) === 0) {
    const addrs = await lookup(host).catch(() => []);
    if (addrs.length === 0) return { target: t, ok: false, why: "name did not resolve" };
    host = addrs[0];
  }
  const r = await connect(host, Number(m[2]));
  return { target: t, ok: r.ok, why: r.why };
}
(async () => {
  const [targets, names] = await Promise.all([
    Promise.all(input.targets.map(tryTarget)),
    Promise.all(input.names.map(async (n) => ({ name: n, addresses: await lookup(n).catch(() => []) }))),
  ]);
  process.stdout.write(JSON.stringify({ targets, names }) + "\n");
  process.exit(0);
})().catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(2); });
`;
