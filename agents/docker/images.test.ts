import { describe, expect, it } from "vitest";
import { AgentError } from "../errors";
import { clearerPullError } from "./images";

const engine = 'could not pull app:1: (HTTP code 500) server error - Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host';

describe("clearerPullError", () => {
  it("drops the engine's HTTP wrapping and points at the mirror for an unreachable Docker Hub", () => {
    const e = clearerPullError(new AgentError("image_pull_failed", engine), "app:1", null);
    expect(e.code).toBe("image_pull_failed");
    expect(e.message).not.toContain("HTTP code");
    expect(e.message).toContain("could not pull app:1");
    expect(e.message).toContain("A LAN registry mirror in Settings");
  });
  it("does not suggest the mirror when one is set or the image is another registry's", () => {
    expect(clearerPullError(new Error(engine), "app:1", "10.0.0.2:5000").message).not.toContain("mirror");
    expect(clearerPullError(new Error("dial tcp 192.0.2.1:5000: connection refused"), "192.0.2.1:5000/app:1", null).message).toContain("is the internet down?");
  });
  it("leaves other failures as they are", () => {
    expect(clearerPullError(new Error("manifest unknown"), "app:1", null).message).toBe("manifest unknown");
  });
});
