import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { RowParseError } from "@/lib/db/rows";
import { settingRows, settingValue } from "./rows";
import { AUDIT_RETENTION_DEFAULT_DAYS, SETTING_KEYS } from "./schemas";

const KEY = SETTING_KEYS.auditRetentionDays.key;
const row = (value: string) => ({ key: KEY, value });

afterEach(() => vi.restoreAllMocks());

describe("setting rows", () => {
  it("a good row gives its value, and no row gives the default", () => {
    expect(settingValue("auditRetentionDays", row("90"))).toBe(90);
    expect(settingValue("auditRetentionDays", undefined)).toBe(AUDIT_RETENTION_DEFAULT_DAYS);
  });

  it("damaged JSON gives the default and a warning naming the key and the column", () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    expect(settingValue("auditRetentionDays", row("ninety"))).toBe(AUDIT_RETENTION_DEFAULT_DAYS);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[2]).toMatchObject({ key: KEY, error: `Setting ${KEY}: column "value" does not parse: not JSON` });
  });

  it("a value its schema refuses (out of range, wrong type) gives the default", () => {
    vi.spyOn(log, "warn").mockImplementation(() => undefined);
    for (const bad of ["3", "\"90\"", "12.5", "null"]) expect(settingValue("auditRetentionDays", row(bad)), bad).toBe(AUDIT_RETENTION_DEFAULT_DAYS);
  });

  it("a row whose columns have the wrong type is an error naming its key", () => {
    expect(() => settingRows.parse({ key: KEY, value: 90, updatedAt: new Date() })).toThrow(RowParseError);
    expect(() => settingRows.parse({ key: KEY, value: 90, updatedAt: new Date() })).toThrow(`Setting ${KEY}: column "value"`);
  });
});
