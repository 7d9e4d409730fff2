// The internet-down ruleset text: what stays reachable, what is dropped both ways, and what is refused.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ALWAYS_LOCAL_V4, deleteTableArgv, gameDayTable, internetDownRuleset, splitNets, tooWide } from "./nft-ruleset";
import { netemArgs } from "./netem";

const chain = (text: string, name: string) => {
  const start = text.indexOf(`chain ${name} {`);
  return text.slice(start, text.indexOf("\n  }", start));
};

describe("internet-down ruleset", () => {
  const text = internetDownRuleset({ table: gameDayTable("exp_1"), localNets: ["198.51.100.0/24", "FD00::/8", "198.51.100.0/24"], containerNets: ["172.17.0.0/16"], comment: 'game day "exp_1"; drop' });

  it("is one table of its own with input, output and forward hooks before the usual filter", () => {
    expect(text.startsWith("table inet homeport_gd_exp_1 {")).toBe(true);
    for (const hook of ["input", "output", "forward"]) expect(chain(text, hook)).toContain(`type filter hook ${hook} priority filter - 10; policy accept;`);
  });

  it("keeps loopback, the LAN and the containers' networks, and drops everything else last", () => {
    const input = chain(text, "input");
    expect(input).toContain('iif "lo" accept');
    expect(input).toMatch(/ip saddr \{[^}]*198\.51\.100\.0\/24[^}]*172\.17\.0\.0\/16[^}]*\} accept/);
    expect(input).toMatch(/ip6 saddr \{[^}]*fd00::\/8[^}]*\} accept/);
    expect(input.trim().split("\n").at(-1)?.trim()).toBe("counter drop");
    const output = chain(text, "output");
    expect(output).toContain('oif "lo" accept');
    expect(output).toMatch(/ip daddr \{[^}]*198\.51\.100\.0\/24[^}]*\} accept/);
    expect(output.trim().split("\n").at(-1)?.trim()).toBe("counter drop");
    // A forwarded packet passes only when both ends are local: containers lose the internet too.
    expect(chain(text, "forward")).toMatch(/ip saddr \{[^}]*\} ip daddr \{[^}]*\} accept/);
    for (const n of ALWAYS_LOCAL_V4) expect(input).toContain(n);
  });

  it("accepts no established flow to the outside (no conntrack shortcut) and lists a network once", () => {
    expect(text).not.toMatch(/ct state/);
    expect(chain(text, "input").match(/198\.51\.100\.0\/24/g)).toHaveLength(1);
  });

  it("strips quotes from the comment so it cannot break out of the ruleset", () => {
    expect(text).toContain('comment "game day exp_1; drop"');
  });

  it("refuses what is not a network, no network at all, and networks that would keep the internet", () => {
    expect(() => internetDownRuleset({ table: gameDayTable("x"), localNets: ["198.51.100.0/24; flush ruleset"] })).toThrow(/not a network/);
    expect(() => internetDownRuleset({ table: gameDayTable("x"), localNets: ["300.1.1.0/24"] })).toThrow(/not an IPv4/);
    expect(() => internetDownRuleset({ table: gameDayTable("x"), localNets: ["::::/64"] })).toThrow(/not an IPv6/);
    expect(() => internetDownRuleset({ table: gameDayTable("x"), localNets: [] })).toThrow(/at least one/);
    expect(() => internetDownRuleset({ table: gameDayTable("x"), localNets: ["0.0.0.0/0"] })).toThrow(/keep the internet reachable/);
    expect(() => internetDownRuleset({ table: "filter", localNets: ["198.51.100.0/24"] })).toThrow(/not a game-day table/);
    expect(tooWide(["10.0.0.0/8", "0.0.0.0/1", "::/0", "fd00::/8"])).toEqual(["0.0.0.0/1", "::/0"]);
  });

  it("ignores container subnets Docker reports that are not networks", () => {
    const t = internetDownRuleset({ table: gameDayTable("y"), localNets: ["203.0.113.0/24"], containerNets: ["bogus", "10.9.0.0/16"] });
    expect(t).toContain("10.9.0.0/16");
    expect(t).not.toContain("bogus");
  });

  it("names tables after the experiment and refuses ids nft could misread", () => {
    expect(gameDayTable("cm1abc-X_2")).toBe("homeport_gd_cm1abc-X_2");
    expect(() => gameDayTable("a b")).toThrow();
    expect(() => gameDayTable("a;flush")).toThrow();
    expect(deleteTableArgv("homeport_gd_a")).toEqual(["nft", "delete", "table", "inet", "homeport_gd_a"]);
    expect(splitNets(["198.51.100.0/24", "::1/128"])).toEqual({ v4: ["198.51.100.0/24"], v6: ["::1/128"] });
  });

  it("is a ruleset nft itself accepts (nft --check)", () => {
    expect(() => execFileSync("nft", ["-c", "-f", "-"], { input: text, stdio: ["pipe", "pipe", "pipe"] })).not.toThrow();
  });
});

describe("netem arguments", () => {
  it("says delay, jitter and loss in tc's words and refuses a fault that does nothing", () => {
    expect(netemArgs({ delayMs: 200, jitterMs: 50, lossPct: 5 })).toEqual(["delay", "200ms", "50ms", "loss", "5%"]);
    expect(netemArgs({ delayMs: 0, jitterMs: 0, lossPct: 0.5 })).toEqual(["loss", "0.5%"]);
    expect(() => netemArgs({ delayMs: 0, jitterMs: 0, lossPct: 0 })).toThrow(/above zero/);
  });
});
