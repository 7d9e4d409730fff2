import { describe, expect, it } from "vitest";
import { isLanRegistry, pullSource } from "./mirror";

describe("pullSource", () => {
  it("a Docker Hub image comes through the mirror when one is set, else from the internet", () => {
    expect(pullSource("busybox:1", "192.168.1.5:5000")).toBe("mirror");
    expect(pullSource("busybox:1", null)).toBe("internet");
    expect(pullSource(`busybox@sha256:${"b".repeat(64)}`, "192.168.1.5:5000")).toBe("internet");
  });
  it("other registries: LAN ones by address or local name, the rest need the internet", () => {
    expect(pullSource("192.168.1.5:5000/app:1", null)).toBe("lan");
    expect(pullSource("registry.home.arpa/app:1", null)).toBe("lan");
    expect(pullSource("localhost:5000/app:1", null)).toBe("lan");
    expect(pullSource("ghcr.io/org/app:1", "192.168.1.5:5000")).toBe("internet");
  });
  it("isLanRegistry refuses public addresses", () => {
    expect(isLanRegistry("8.8.8.8:5000")).toBe(false);
    expect(isLanRegistry("10.1.2.3")).toBe(true);
  });
});
