import { describe, expect, it } from "vitest";
import { parseImageRef, repoDigestFor, tagKey } from "./image-digest";

const D1 = `sha256:${"a".repeat(64)}`;
const D2 = `sha256:${"b".repeat(64)}`;

describe("parseImageRef", () => {
  it("reads Docker Hub short names as docker.io/library with the latest tag", () => {
    expect(parseImageRef("nginx")).toEqual({ registry: "docker.io", repository: "library/nginx", tag: "latest", digest: null });
    expect(parseImageRef("grafana/grafana:10.4")).toEqual({ registry: "docker.io", repository: "grafana/grafana", tag: "10.4", digest: null });
    expect(parseImageRef("index.docker.io/library/redis:7")?.registry).toBe("docker.io");
  });

  it("keeps a registry host with its port apart from the tag", () => {
    expect(parseImageRef("198.51.100.9:5000/hp-upd/app:1")).toEqual({ registry: "198.51.100.9:5000", repository: "hp-upd/app", tag: "1", digest: null });
    expect(parseImageRef("localhost:5000/app")).toEqual({ registry: "localhost:5000", repository: "app", tag: "latest", digest: null });
    expect(parseImageRef("ghcr.io/home-assistant/home-assistant:stable")?.registry).toBe("ghcr.io");
  });

  it("marks digest pins, with or without a tag", () => {
    expect(parseImageRef(`nginx@${D1}`)).toEqual({ registry: "docker.io", repository: "library/nginx", tag: null, digest: D1 });
    expect(parseImageRef(`nginx:1.27@${D1}`)?.digest).toBe(D1);
  });

  it("refuses what Docker refuses, and image IDs", () => {
    for (const bad of ["", "nginx/Upper", "nginx:", "a//b", `nginx@sha256:${"z".repeat(64)}`, "a".repeat(64), `sha256:${"c".repeat(64)}`, "bad tag:x y"]) {
      expect(parseImageRef(bad), bad).toBeNull();
    }
  });

  it("keys one tag the same however it is written", () => {
    expect(tagKey(parseImageRef("nginx")!)).toBe(tagKey(parseImageRef("docker.io/library/nginx:latest")!));
  });
});

describe("repoDigestFor", () => {
  it("picks the RepoDigest of the reference's own repository", () => {
    expect(repoDigestFor("198.51.100.9:5000/hp-upd/app:1", [`other.lan/x@${D2}`, `198.51.100.9:5000/hp-upd/app@${D1}`])).toBe(D1);
    expect(repoDigestFor("nginx:1.27", [`nginx@${D1}`])).toBe(D1);
  });

  it("is null for a locally built image and for another repository's digest", () => {
    expect(repoDigestFor("hp-test/busybox:1", [])).toBeNull();
    expect(repoDigestFor("nginx", [`other.lan/nginx@${D1}`])).toBeNull();
  });

  it("uses the pin when the reference has one", () => {
    expect(repoDigestFor(`nginx@${D2}`, [`nginx@${D1}`])).toBe(D2);
  });

  it("takes the only repository when the container names its image by ID (the tag moved on)", () => {
    expect(repoDigestFor("0123456789ab".repeat(5).slice(0, 64).padEnd(64, "0"), [`reg.lan/app@${D1}`])).toBe(D1);
    expect(repoDigestFor("f".repeat(64), [`reg.lan/app@${D1}`, `reg.lan/other@${D2}`])).toBeNull();
  });
});
