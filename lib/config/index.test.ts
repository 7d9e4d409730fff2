import { describe, expect, it } from "vitest";
import { join, resolve } from "node:path";
import { ConfigError, parseConfig as parseEnv } from "./index";

/** parseConfig over just these variables (Next's types insist on NODE_ENV in ProcessEnv). */
const parseConfig = (vars: Record<string, string>) => parseEnv(vars as NodeJS.ProcessEnv);

describe("parseConfig", () => {
  it("has working defaults", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      port: 3000, host: "0.0.0.0", dataDir: resolve("./data"), sessionTtlMs: 7 * 24 * 3600_000,
      trustProxy: false, secureCookies: "auto", logLevel: "info",
    });
    expect(c.databaseUrl).toBe(`file:${join(resolve("./data"), "homeport.db")}`);
  });

  it("reads the variables it knows", () => {
    const c = parseConfig({
      PORT: "8080", HOST: "127.0.0.1", HOMEPORT_DATA_DIR: "/srv/homeport", DATABASE_URL: "file:/tmp/x.db",
      HOMEPORT_SESSION_TTL_HOURS: "12", HOMEPORT_TRUST_PROXY: "true", HOMEPORT_SECURE_COOKIES: "always", HOMEPORT_LOG_LEVEL: "debug",
    });
    expect(c).toEqual({
      port: 8080, host: "127.0.0.1", dataDir: "/srv/homeport", databaseUrl: "file:/tmp/x.db", sessionTtlMs: 12 * 3600_000,
      trustProxy: true, secureCookies: "always", logLevel: "debug",
    });
  });

  it("treats HOMEPORT_TRUST_PROXY=1 as on and 0/false as off", () => {
    expect(parseConfig({ HOMEPORT_TRUST_PROXY: "1" }).trustProxy).toBe(true);
    expect(parseConfig({ HOMEPORT_TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(parseConfig({ HOMEPORT_TRUST_PROXY: "false" }).trustProxy).toBe(false);
  });

  const invalid: { desc: string; env: Record<string, string>; variable: string }[] = [
    { desc: "PORT not a number", env: { PORT: "http" }, variable: "PORT" },
    { desc: "PORT zero", env: { PORT: "0" }, variable: "PORT" },
    { desc: "PORT above 65535", env: { PORT: "70000" }, variable: "PORT" },
    { desc: "PORT fractional", env: { PORT: "80.5" }, variable: "PORT" },
    { desc: "PORT negative", env: { PORT: "-1" }, variable: "PORT" },
    { desc: "DATABASE_URL not a file URL", env: { DATABASE_URL: "postgres://db/homeport" }, variable: "DATABASE_URL" },
    { desc: "session TTL zero", env: { HOMEPORT_SESSION_TTL_HOURS: "0" }, variable: "HOMEPORT_SESSION_TTL_HOURS" },
    { desc: "unknown trust-proxy value", env: { HOMEPORT_TRUST_PROXY: "yes" }, variable: "HOMEPORT_TRUST_PROXY" },
    { desc: "unknown cookie mode", env: { HOMEPORT_SECURE_COOKIES: "sometimes" }, variable: "HOMEPORT_SECURE_COOKIES" },
    { desc: "unknown log level", env: { HOMEPORT_LOG_LEVEL: "verbose" }, variable: "HOMEPORT_LOG_LEVEL" },
  ];
  for (const c of invalid) {
    it(`${c.desc} stops with a message naming ${c.variable}`, () => {
      expect(() => parseConfig(c.env)).toThrow(ConfigError);
      expect(() => parseConfig(c.env)).toThrow(new RegExp(`Invalid configuration:\\n\\s+${c.variable}: `));
    });
  }

  it("lists every invalid variable at once", () => {
    try {
      parseConfig({ PORT: "x", HOMEPORT_LOG_LEVEL: "loud" });
      expect.unreachable("parseConfig accepted invalid values");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/PORT: /);
      expect((err as Error).message).toMatch(/HOMEPORT_LOG_LEVEL: /);
    }
  });
});
