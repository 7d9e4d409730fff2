import { describe, expect, it } from "vitest";
import type Docker from "dockerode";
import { imageTagKind, isDockerSocket, isRootUser, isSensitivePath, postureFromInspect } from "./posture";

describe("posture helpers", () => {
  it("reads image tags as latest, none or pinned", () => {
    expect(imageTagKind("nginx")).toBe("none");
    expect(imageTagKind("nginx:latest")).toBe("latest");
    expect(imageTagKind("registry.lan:5000/app")).toBe("none");
    expect(imageTagKind("registry.lan:5000/app:1.2")).toBe("pinned");
    expect(imageTagKind("nginx@sha256:abcd")).toBe("pinned");
  });

  it("knows root users, the Docker socket and sensitive host paths", () => {
    expect(["", "0", "root", "0:0", "root:wheel"].every(isRootUser)).toBe(true);
    expect(["1000", "1000:1000", "nobody"].some(isRootUser)).toBe(false);
    expect(isDockerSocket("/var/run/docker.sock")).toBe(true);
    expect(isDockerSocket("/run/user/1000/docker.sock")).toBe(true);
    expect(isDockerSocket("/srv/docker.sock.bak")).toBe(false);
    for (const p of ["/", "/etc", "/etc/ssl/", "/root/.ssh", "/proc/1/root", "/var/lib/docker/volumes", "/home"]) expect(isSensitivePath(p), p).toBe(true);
    for (const p of ["/srv/media", "/home/me/photos", "/opt/app"]) expect(isSensitivePath(p), p).toBe(false);
  });

  it("turns an inspect answer into the facts the findings need", () => {
    const info = {
      Id: "abc", Name: "/grafana", Image: "sha256:img",
      State: { Status: "running" },
      Config: { Image: "grafana/grafana:latest", User: "", Labels: { "homeport.managed": "true", "homeport.service-id": "s1" } },
      HostConfig: { Privileged: true, NetworkMode: "host", PidMode: "", Memory: 0, NanoCpus: 1_500_000_000 },
      Mounts: [{ Type: "bind", Source: "/var/run/docker.sock", Destination: "/var/run/docker.sock", RW: false }, { Type: "volume", Name: "data", Source: "/var/lib/docker/volumes/data/_data", Destination: "/data", RW: true }],
      NetworkSettings: { Ports: { "3000/tcp": [{ HostIp: "0.0.0.0", HostPort: "3000" }], "9000/tcp": null } },
    } as unknown as Docker.ContainerInspectInfo;
    const p = postureFromInspect(info, "2024-01-01T00:00:00.000Z");
    expect(p).toMatchObject({ name: "grafana", managed: true, serviceId: "s1", privileged: true, hostNetwork: true, hostPid: false, runsAsRoot: true, cpuLimit: 1.5, memoryLimitBytes: 0, imageTag: "latest" });
    expect(p.mounts).toEqual([
      { source: "/var/run/docker.sock", destination: "/var/run/docker.sock", rw: false, dockerSocket: true, sensitive: false },
      { source: "volume:data", destination: "/data", rw: true, dockerSocket: false, sensitive: false },
    ]);
    expect(p.ports).toEqual([{ hostIp: "0.0.0.0", hostPort: 3000, containerPort: 3000, protocol: "tcp" }]);
  });
});
