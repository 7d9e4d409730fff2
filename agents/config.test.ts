import { describe, expect, it } from "vitest";
import { AgentConfigError, parseAgentConfig } from "./config";
import { BACKOFF_MAX_MS, backoffDelay } from "./connection";

describe("parseAgentConfig", () => {
  it("reads flags before the environment", () => {
    const c = parseAgentConfig(["--server", "http://cp.lan:3000/", "--token", "hpe_abcdefghijkl"], { HOMEPORT_SERVER: "http://other:1" });
    expect(c).toMatchObject({ server: "http://cp.lan:3000", token: "hpe_abcdefghijkl" });
  });
  it("falls back to the environment", () => {
    const c = parseAgentConfig([], { HOMEPORT_SERVER: "https://cp.example", HOMEPORT_AGENT_STATE_DIR: "/tmp/x" });
    expect(c).toMatchObject({ server: "https://cp.example", stateDir: "/tmp/x", token: undefined });
  });
  const bad: { desc: string; argv: string[]; env?: Record<string, string> }[] = [
    { desc: "no server", argv: [] },
    { desc: "not a URL", argv: ["--server", "cp.lan"] },
    { desc: "another scheme", argv: ["--server", "ftp://cp.lan"] },
    { desc: "unknown flag", argv: ["--server", "http://cp", "--docker-host", "tcp://x"] },
  ];
  for (const b of bad) it(`refuses ${b.desc} with the usage line`, () => {
    expect(() => parseAgentConfig(b.argv, b.env ?? {})).toThrow(AgentConfigError);
    expect(() => parseAgentConfig(b.argv, b.env ?? {})).toThrow(/usage: homeport-agent/);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially with full jitter and is capped", () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(500);
    expect(backoffDelay(3, () => 0.999)).toBeGreaterThan(3_900);
    expect(backoffDelay(30, () => 0.999)).toBeLessThan(BACKOFF_MAX_MS);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});
