import { describe, expect, it } from "vitest";
import { imageRegistry, isDockerHubImage, mirrorReference, ownName, RegistryMirrorSchema } from "./image-ref";
import { repoDigestFor } from "./image-digest";

describe("mirrorReference", () => {
  it("sends Docker Hub images, short names included, through the mirror under library/", () => {
    expect(mirrorReference("busybox", "10.0.0.5:5000")).toBe("10.0.0.5:5000/library/busybox:latest");
    expect(mirrorReference("nginx:1.27", "mirror.lan:5000")).toBe("mirror.lan:5000/library/nginx:1.27");
    expect(mirrorReference("docker.io/library/redis:7", "m:5000")).toBe("m:5000/library/redis:7");
    expect(mirrorReference("index.docker.io/grafana/grafana:11", "m:5000")).toBe("m:5000/grafana/grafana:11");
    expect(mirrorReference("jellyfin/jellyfin", "m:5000")).toBe("m:5000/jellyfin/jellyfin:latest");
  });
  it("leaves other registries, digest pins and an unset mirror alone", () => {
    expect(mirrorReference("ghcr.io/home-assistant/home-assistant:stable", "m:5000")).toBeNull();
    expect(mirrorReference("192.168.1.5:5000/app:1", "m:5000")).toBeNull();
    expect(mirrorReference("localhost/app:1", "m:5000")).toBeNull();
    expect(mirrorReference(`busybox@sha256:${"a".repeat(64)}`, "m:5000")).toBeNull();
    expect(mirrorReference("busybox", null)).toBeNull();
  });
  it("tells Docker Hub images apart", () => {
    expect(isDockerHubImage("busybox")).toBe(true);
    expect(isDockerHubImage("quay.io/x/y")).toBe(false);
  });
});

describe("ownName", () => {
  it("splits repository and tag, keeping a registry port in the repository", () => {
    expect(ownName("busybox")).toEqual({ repo: "busybox", tag: "latest" });
    expect(ownName("hpt-m-abc:1")).toEqual({ repo: "hpt-m-abc", tag: "1" });
    expect(ownName("127.0.0.1:5000/x/y")).toEqual({ repo: "127.0.0.1:5000/x/y", tag: "latest" });
  });
});

describe("RegistryMirrorSchema", () => {
  it("takes host:port and refuses schemes and paths", () => {
    expect(RegistryMirrorSchema.parse(" Mirror.LAN:5000 ")).toBe("mirror.lan:5000");
    expect(RegistryMirrorSchema.safeParse("http://mirror:5000").success).toBe(false);
    expect(RegistryMirrorSchema.safeParse("mirror:5000/v2").success).toBe(false);
  });
});

describe("imageRegistry", () => {
  it("reads the registry the way Docker does", () => {
    expect(imageRegistry("busybox")).toBe("docker.io");
    expect(imageRegistry("grafana/grafana:11")).toBe("docker.io");
    expect(imageRegistry("ghcr.io/org/app")).toBe("ghcr.io");
    expect(imageRegistry("localhost/app")).toBe("localhost");
    expect(imageRegistry("10.0.0.5:5000/app:1")).toBe("10.0.0.5:5000");
  });
});

describe("a mirror's copy keeps its registry digest", () => {
  it("repoDigestFor finds a Docker Hub image's digest under the mirror's name", () => {
    const d = `sha256:${"c".repeat(64)}`;
    expect(repoDigestFor("busybox:1", [`127.0.0.1:5000/library/busybox@${d}`])).toBe(d);
    expect(repoDigestFor("ghcr.io/org/app:1", [`127.0.0.1:5000/org/app@${d}`])).toBeNull();
  });
});
