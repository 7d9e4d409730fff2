// What one copy of the module learns (Next's route bundle saving an admin URL) guards the other's
// probes (server.ts's scheduler): the list is per process, not per module copy.
import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetAdminEndpoints, knownAdminEndpoints, rememberAdminEndpoint } from "./admin-endpoints";

afterEach(() => forgetAdminEndpoints());

describe("known admin endpoints", () => {
  it("are shared by every copy of the module in the process", async () => {
    vi.resetModules();
    const other = (await import("./admin-endpoints?copy" as string)) as typeof import("./admin-endpoints");
    expect(other.rememberAdminEndpoint).not.toBe(rememberAdminEndpoint);
    other.rememberAdminEndpoint("http://192.168.1.2:2999", "Caddy's admin API");
    expect(knownAdminEndpoints()).toEqual([expect.objectContaining({ host: "192.168.1.2", port: 2999 })]);
  });
});
