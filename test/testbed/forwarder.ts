// A tiny TCP forwarder in the test process: listens on an address of the bed's root-side veth
// (192.0.2.1 for the LAN agent, 203.0.113.1 for the remote agent's management link) and pipes each
// connection to the control plane on loopback, so the server itself never listens off loopback.
import { connect, createServer, type Server, type Socket } from "node:net";

export interface Forwarder {
  listen: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startForwarder(listenHost: string, target: { host: string; port: number }): Promise<Forwarder> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(target.port, target.host);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.once("close", () => sockets.delete(s));
      s.on("error", () => {
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, listenHost, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    listen: listenHost,
    port,
    url: `http://${listenHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
