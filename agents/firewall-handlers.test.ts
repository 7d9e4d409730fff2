import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HostPolicySchema } from "@/lib/protocol";
import { Deadman } from "./deadman";
import { AgentError } from "./errors";
import { firewallDeadman, firewallHandlers } from "./firewall-handlers";
import type { HandlerContext } from "./handlers";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ctx(policy: Partial<ReturnType<typeof HostPolicySchema.parse>> = {}): HandlerContext {
  const stateDir = mkdtempSync(join(tmpdir(), "hp-fw-unit-"));
  dirs.push(stateDir);
  const emitted: unknown[] = [];
  const env = { docker: {} as never, emit: (_t: string, p: unknown) => (emitted.push(p), true), link: { holdOff: () => undefined, resume: () => undefined } } as never;
  const deadman = new Deadman({ stateDir, reverters: firewallDeadman.reverters(env) });
  return { docker: {} as never, emit: () => true, stateDir, policy: HostPolicySchema.parse(policy), locks: {} as never, deadman, link: { holdOff: () => undefined, resume: () => undefined } };
}

const plan = { inputPolicy: "drop" as const, outputPolicy: "accept" as const, allowEstablished: true, allowLoopback: true, allowIcmp: true, rules: [] };

describe("the agent's firewall handlers", () => {
  it("refuses apply and confirm with policy_denied when the owner turned the firewall off", async () => {
    const c = ctx({ allowFirewall: false });
    const apply = await firewallHandlers["firewall/apply"]({ changeId: "c1", plan, confirmWithinSec: 10 }, c).catch((e: unknown) => e);
    expect(apply).toBeInstanceOf(AgentError);
    expect((apply as AgentError).code).toBe("policy_denied");
    expect((apply as AgentError).message).toMatch(/--deny-firewall/);
    const confirm = await firewallHandlers["firewall/confirm"]({ changeId: "c1", confirmToken: "a".repeat(32) }, c).catch((e: unknown) => e);
    expect((confirm as AgentError).code).toBe("policy_denied");
    expect(c.deadman.list()).toEqual([]);
  });

  it("reads nothing of the ruleset when the firewall is off, and says why", async () => {
    const r = await firewallHandlers["firewall/read"]({}, ctx({ allowFirewall: false }));
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/--deny-firewall/);
    expect(r.ruleset.rules).toEqual([]);
  });

  it("does not confirm a change that is not in force (already reverted, or never applied)", async () => {
    const r = await firewallHandlers["firewall/confirm"]({ changeId: "gone", confirmToken: "b".repeat(32) }, ctx());
    expect(r).toEqual({ confirmed: false, detail: "this change is no longer in force: it was reverted" });
  });
});
