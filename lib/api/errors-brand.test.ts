// ApiError and AgentRequestError are recognised across separately loaded copies of their modules
// (server.ts and Next's route bundles each load lib/): otherwise an agent-hub error is a 500.
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "./errors";
import { errorResponse } from "./handler";

describe("errors across module copies", () => {
  it("an ApiError from another copy of the module is answered with its own status", async () => {
    vi.resetModules();
    const other = await import("./errors?copy" as string) as typeof import("./errors");
    const foreign = new other.ApiError("unavailable", "The agent of nas is not connected");
    expect(other.ApiError).not.toBe(ApiError);
    expect(foreign).toBeInstanceOf(ApiError);
    const res = errorResponse(foreign);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: "unavailable", message: "The agent of nas is not connected" } });
  });
  it("a plain Error is not an ApiError", () => {
    expect(new Error("x")).not.toBeInstanceOf(ApiError);
    expect({ code: "invalid" }).not.toBeInstanceOf(ApiError);
  });
  it("AgentRequestError from another copy is recognised too", async () => {
    const a = await import("@/lib/agents/session");
    vi.resetModules();
    const b = await import("@/lib/agents/session?copy" as string) as typeof import("@/lib/agents/session");
    expect(b.AgentRequestError).not.toBe(a.AgentRequestError);
    expect(new b.AgentRequestError("unavailable", "gone")).toBeInstanceOf(a.AgentRequestError);
  });
});
