import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_HOST_POLICY } from "@/lib/protocol";
import { parseAgentConfig } from "./config";
import { loadPolicy, POLICY_FILE, PolicyError, resolvePolicy } from "./policy";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "hp-policy-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the agent's host policy", () => {
  it("allows nothing extra when no flag was ever given", () => {
    expect(resolvePolicy(dir, {})).toEqual(DEFAULT_HOST_POLICY);
  });

  it("is set from flags, saved 0600, and kept when the agent starts again without flags", () => {
    const c = parseAgentConfig(["--server", "http://cp:3000", "--allow-bind", "/srv/media/", "--allow-bind", "/data//photos", "--allow-cap", "cap_net_admin", "--allow-gpus"], {});
    const p = resolvePolicy(dir, c.policyFlags);
    expect(p).toMatchObject({ bindRoots: ["/srv/media", "/data/photos"], allowedCapabilities: ["NET_ADMIN"], allowGpus: true, allowPrivileged: false });
    expect(statSync(join(dir, POLICY_FILE)).mode & 0o777).toBe(0o600);
    expect(resolvePolicy(dir, parseAgentConfig(["--server", "http://cp:3000"], {}).policyFlags)).toEqual(p);
  });

  it("takes bind roots from HOMEPORT_AGENT_ALLOW_BIND too", () => {
    const c = parseAgentConfig(["--server", "http://cp:3000"], { HOMEPORT_AGENT_ALLOW_BIND: "/srv/a, /srv/b" });
    expect(resolvePolicy(dir, c.policyFlags).bindRoots).toEqual(["/srv/a", "/srv/b"]);
  });

  const bad: [string, string[], RegExp][] = [
    ["the whole host", ["--allow-bind", "/"], /whole host/],
    ["a relative folder", ["--allow-bind", "srv"], /absolute path/],
    ["a .. segment", ["--allow-bind", "/srv/../etc"], /absolute path/],
    ["a device outside /dev", ["--allow-device", "/srv/x"], /device under \/dev/],
    ["ALL capabilities", ["--allow-cap", "ALL"], /privileged/],
  ];
  for (const [desc, argv, why] of bad) {
    it(`refuses ${desc}`, () => {
      const c = parseAgentConfig(["--server", "http://cp:3000", ...argv], {});
      expect(() => resolvePolicy(dir, c.policyFlags)).toThrow(PolicyError);
      expect(() => resolvePolicy(dir, c.policyFlags)).toThrow(why);
    });
  }

  it("refuses to start on a damaged policy file rather than guessing", () => {
    writeFileSync(join(dir, POLICY_FILE), '{"bindRoots":["/"],"allowEverything":true}');
    expect(() => loadPolicy(dir)).toThrow(/not a valid policy/);
    writeFileSync(join(dir, POLICY_FILE), "{not json");
    expect(() => loadPolicy(dir)).toThrow(/not valid JSON/);
  });
});
