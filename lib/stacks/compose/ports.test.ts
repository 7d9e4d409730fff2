import { describe, expect, it } from "vitest";
import { normalisePorts, portsClash } from "./ports";

function run(ports: unknown[], expose?: unknown[]) {
  const errors: string[] = [];
  const warnings: string[] = [];
  const out = normalisePorts(ports, expose, ["services", "web"], {
    error: (p, m) => errors.push(`${p.join(".")}: ${m}`),
    warn: (p, m) => warnings.push(`${p.join(".")}: ${m}`),
  });
  return { out, errors, warnings };
}

describe("ports, short syntax", () => {
  it("publishes HOST:CONTAINER on every address, as Compose does", () => {
    expect(run(["8080:80"]).out).toEqual([{ container: 80, host: 8080, protocol: "tcp", hostIp: "0.0.0.0" }]);
  });

  it("keeps a given address and protocol", () => {
    expect(run(["127.0.0.1:8080:80", "53:53/udp", "192.168.1.10:443:443/TCP"]).out).toEqual([
      { container: 80, host: 8080, protocol: "tcp", hostIp: "127.0.0.1" },
      { container: 53, host: 53, protocol: "udp", hostIp: "0.0.0.0" },
      { container: 443, host: 443, protocol: "tcp", hostIp: "192.168.1.10" },
    ]);
  });

  it("leaves a container-only port unpublished and says how that differs from Compose", () => {
    const r = run(["80", 3000]);
    expect(r.out).toEqual([
      { container: 80, protocol: "tcp", hostIp: "127.0.0.1" },
      { container: 3000, protocol: "tcp", hostIp: "127.0.0.1" },
    ]);
    expect(r.warnings[0]).toMatch(/^services\.web\.ports\.0: "80" gives no host port: Compose would publish it on a random one/);
  });

  it("expands ranges pairwise", () => {
    expect(run(["6881-6883:6881-6883/udp"]).out.map((p) => `${p.host}->${p.container}/${p.protocol}`)).toEqual(["6881->6881/udp", "6882->6882/udp", "6883->6883/udp"]);
  });

  it("refuses bad numbers, mismatched ranges, IPv6, oversized ranges and other protocols", () => {
    const r = run(["80800:80", "8000-8002:80-81", "[::1]:80:80", "1-100:1-100", "80:80/sctp", "a:b", "1:2:3:4", "8000-8001:80"]);
    expect(r.out).toEqual([]);
    expect(r.errors).toEqual([
      'services.web.ports.0: "80800:80" is not a port: 80800 is out of range (1-65535)',
      'services.web.ports.1: "8000-8002:80-81" is not a port: 8000-8002:80-81: the host and container ranges differ in size',
      'services.web.ports.2: "[::1]:80:80" is not a port: IPv6 addresses are not supported for published ports',
      'services.web.ports.3: "1-100:1-100" is not a port: the range holds 100 ports; at most 64',
      'services.web.ports.4: "80:80/sctp" is not a port: the protocol is tcp or udp',
      'services.web.ports.5: "a:b" is not a port: "b" is not a port number',
      'services.web.ports.6: "1:2:3:4" is not a port: expected [IP:][HOST:]CONTAINER[/PROTOCOL]',
      'services.web.ports.7: "8000-8001:80" is not a port: a host port range for one container port is not supported: give one host port',
    ]);
  });
});

describe("ports, long syntax and expose", () => {
  it("reads target, published, host_ip and protocol", () => {
    expect(run([{ target: 80, published: "8080", host_ip: "127.0.0.1", protocol: "tcp", mode: "host" }, { target: 53, published: 5353, protocol: "udp" }]).out).toEqual([
      { container: 80, host: 8080, protocol: "tcp", hostIp: "127.0.0.1" },
      { container: 53, host: 5353, protocol: "udp", hostIp: "0.0.0.0" },
    ]);
  });

  it("names the field that is wrong", () => {
    const r = run([{ target: 70000, published: 80 }, { target: 80, published: "x" }]);
    expect(r.errors).toEqual([
      "services.web.ports.0.target: 70000 is not a port (1-65535)",
      'services.web.ports.1.published: "x" is not a port: "x" is not a port number',
    ]);
  });

  it("adds exposed ports unpublished, once", () => {
    expect(run(["8080:80"], ["80", "9090/udp"]).out).toEqual([
      { container: 80, host: 8080, protocol: "tcp", hostIp: "0.0.0.0" },
      { container: 9090, protocol: "udp", hostIp: "127.0.0.1" },
    ]);
    expect(run([], ["8080:80"]).errors[0]).toMatch(/^services\.web\.expose\.0: "8080:80" is not a container port/);
  });
});

describe("portsClash", () => {
  it("treats 0.0.0.0 as overlapping every address of the same port and protocol", () => {
    const any = { container: 80, host: 80, protocol: "tcp" as const, hostIp: "0.0.0.0" };
    expect(portsClash(any, { ...any, hostIp: "127.0.0.1" })).toBe(true);
    expect(portsClash({ ...any, hostIp: "10.0.0.1" }, { ...any, hostIp: "127.0.0.1" })).toBe(false);
    expect(portsClash(any, { ...any, protocol: "udp" })).toBe(false);
    expect(portsClash({ ...any, host: undefined }, { ...any, host: undefined })).toBe(false);
  });
});
