// The port bridge's sockets: one TCP or UDP listener on a host address that relays what the LAN
// opens to a container's address on its internal network. Bounded (connections/peers, idle time).
import { createServer, connect, isIPv6, type Server, type Socket } from "node:net";
import { createSocket, type Socket as UdpSocket } from "node:dgram";

/** At most this many open TCP connections per bridged port; more are refused (closed at once). */
export const BRIDGE_MAX_CONNECTIONS = 256;
/** A TCP connection with no traffic either way for this long is closed. */
export const BRIDGE_IDLE_TIMEOUT_MS = 10 * 60_000;
/** How long the container may take to accept a relayed TCP connection. */
export const BRIDGE_CONNECT_TIMEOUT_MS = 5_000;
/** At most this many UDP peers (source address and port) relayed at once per bridged port. */
export const BRIDGE_MAX_UDP_PEERS = 256;
/** A UDP peer that sent nothing and got nothing for this long is forgotten (its relay socket closed). */
export const BRIDGE_UDP_IDLE_MS = 60_000;

export interface BridgeTarget {
  host: string;
  port: number;
}

export interface BridgeLimits {
  maxConnections: number;
  idleMs: number;
  connectMs: number;
  maxUdpPeers: number;
  udpIdleMs: number;
}

export const DEFAULT_LIMITS: BridgeLimits = {
  maxConnections: BRIDGE_MAX_CONNECTIONS,
  idleMs: BRIDGE_IDLE_TIMEOUT_MS,
  connectMs: BRIDGE_CONNECT_TIMEOUT_MS,
  maxUdpPeers: BRIDGE_MAX_UDP_PEERS,
  udpIdleMs: BRIDGE_UDP_IDLE_MS,
};

export interface Listener {
  /** The port actually bound (differs from the asked one only when 0 was asked). */
  readonly port: number;
  /** Where new connections go; open ones to another address are cut (the old address is gone). */
  setTarget(t: BridgeTarget): void;
  /** Open connections (TCP) or remembered peers (UDP). */
  readonly active: number;
  close(): Promise<void>;
}

const sameTarget = (a: BridgeTarget, b: BridgeTarget) => a.host === b.host && a.port === b.port;

/** Binds a TCP listener on host:port relaying to `target`; rejects with the bind error (EADDRINUSE…). */
export async function listenTcp(host: string, port: number, target: BridgeTarget, limits: BridgeLimits = DEFAULT_LIMITS): Promise<Listener> {
  let current = target;
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer({ allowHalfOpen: true, pauseOnConnect: false }, (client) => {
    const upstream = connect({ host: current.host, port: current.port, allowHalfOpen: true });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    upstream.setTimeout(limits.connectMs);
    upstream.once("connect", () => upstream.setTimeout(limits.idleMs));
    client.setTimeout(limits.idleMs);
    for (const s of pair) {
      s.on("error", end);
      s.on("close", end);
      s.on("timeout", end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", () => undefined); // after bind, errors belong to single connections
  const bound = (server.address() as { port: number }).port;
  const cutAll = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    port: bound,
    get active() {
      return pairs.size;
    },
    setTarget(t) {
      if (sameTarget(t, current)) return;
      current = t;
      cutAll();
    },
    close() {
      cutAll();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

interface UdpPeer {
  socket: UdpSocket;
  timer: NodeJS.Timeout;
}

/** Binds a UDP socket on host:port; each sender gets its own relay socket to `target`, replies go back to it. */
export async function listenUdp(host: string, port: number, target: BridgeTarget, limits: BridgeLimits = DEFAULT_LIMITS): Promise<Listener> {
  let current = target;
  const peers = new Map<string, UdpPeer>();
  const front = createSocket({ type: isIPv6(host) ? "udp6" : "udp4", reuseAddr: false });
  const forget = (key: string) => {
    const p = peers.get(key);
    if (!p) return;
    peers.delete(key);
    clearTimeout(p.timer);
    p.socket.close();
  };
  const touch = (key: string, p: UdpPeer) => {
    clearTimeout(p.timer);
    p.timer = setTimeout(() => forget(key), limits.udpIdleMs);
    p.timer.unref();
  };
  front.on("message", (msg, from) => {
    const key = `${from.address}|${from.port}`;
    let peer = peers.get(key);
    if (!peer) {
      if (peers.size >= limits.maxUdpPeers) return; // dropped, as a full NAT table would
      const socket = createSocket(isIPv6(current.host) ? "udp6" : "udp4");
      const created: UdpPeer = { socket, timer: setTimeout(() => undefined, 0) };
      socket.on("error", () => forget(key));
      socket.on("message", (reply) => {
        touch(key, created);
        front.send(reply, from.port, from.address);
      });
      peers.set(key, created);
      peer = created;
    }
    touch(key, peer);
    peer.socket.send(msg, current.port, current.host);
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.bind({ address: host, port, exclusive: true }, () => {
      front.off("error", reject);
      resolve();
    });
  });
  front.on("error", () => undefined);
  const forgetAll = () => {
    for (const key of [...peers.keys()]) forget(key);
  };
  return {
    port: front.address().port,
    get active() {
      return peers.size;
    },
    setTarget(t) {
      if (sameTarget(t, current)) return;
      current = t;
      forgetAll();
    },
    close() {
      forgetAll();
      return new Promise<void>((r) => front.close(() => r()));
    },
  };
}
