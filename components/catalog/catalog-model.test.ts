// The install form's value handling and the grid's filtering, as a user meets them.
import { describe, expect, it } from "vitest";
import { conflictField, filterApps, initialValues, missingValues, randomPassword, sortHosts, suggestStackName, toRequestValues } from "./catalog-model";
import type { CatalogAppSummary, CatalogVariable } from "./catalog-types";

const v = (over: Partial<CatalogVariable> & Pick<CatalogVariable, "name" | "type">): CatalogVariable => ({ label: over.name, generate: false, description: null, default: null, required: true, options: null, ...over });
const VARS = [
  v({ name: "PW", type: "password", generate: true }),
  v({ name: "PORT", type: "port", default: 8080 }),
  v({ name: "TZ", type: "string", default: "Etc/UTC", required: false }),
  v({ name: "ON", type: "boolean", default: false }),
  v({ name: "MODE", type: "enum", options: ["a", "b"] }),
  v({ name: "KEY", type: "string" }),
];

describe("install values", () => {
  it("starts from the defaults; generated passwords and the first enum option stand in when unset", () => {
    expect(initialValues(VARS)).toEqual({ PW: "", PORT: "8080", TZ: "Etc/UTC", ON: "false", MODE: "a", KEY: "" });
  });

  it("sends numbers as numbers and booleans as booleans, and leaves empty fields to the server", () => {
    expect(toRequestValues(VARS, { PW: "", PORT: " 8081 ", TZ: "", ON: "true", MODE: "b", KEY: "k" })).toEqual({ PORT: 8081, ON: true, MODE: "b", KEY: "k" });
    // Not a number: sent as typed so the server names the field.
    expect(toRequestValues(VARS, { PORT: "80a" }).PORT).toBe("80a");
  });

  it("asks for required fields only (a generated password and an optional field may stay empty)", () => {
    expect(missingValues(VARS, { PW: "", PORT: "", TZ: "", ON: "false", MODE: "a", KEY: " " })).toEqual({ PORT: "required", KEY: "required" });
  });

  it("puts a name clash on the field that clashes", () => {
    expect(conflictField('A stack named "x" already exists; choose another name')).toBe("stackName");
    expect(conflictField('A service named "x-web" already exists; choose another stack name')).toBe("stackName");
    expect(conflictField('git.home.example is already routed to service "a"; choose another hostname')).toBe("hostname");
    expect(conflictField("An apply is under way")).toBeNull();
  });

  it("generates 32 characters of an unambiguous alphabet, different each time", () => {
    const a = randomPassword();
    expect(a).toMatch(/^[A-HJ-NP-Za-km-z2-9]{32}$/);
    expect(randomPassword()).not.toBe(a);
  });
});

describe("grid and host picker", () => {
  const app = (id: string, category: CatalogAppSummary["category"], description: string): CatalogAppSummary => ({ id, name: id, description, category, version: 1, source: "builtin", website: null, hasIcon: false, egress: "open", gpu: "none", images: [`${id}:1`], installed: [] });
  const apps = [app("forgejo", "development", "Git forge"), app("ollama", "ai", "Local language models"), app("ntfy", "communication", "Push notifications")];

  it("filters by every word of the search and by category", () => {
    expect(filterApps(apps, "git", null).map((a) => a.id)).toEqual(["forgejo"]);
    expect(filterApps(apps, "local models", null).map((a) => a.id)).toEqual(["ollama"]);
    expect(filterApps(apps, "local ai", null).map((a) => a.id)).toEqual(["ollama"]);
    expect(filterApps(apps, "", "communication").map((a) => a.id)).toEqual(["ntfy"]);
    expect(filterApps(apps, "git", "ai")).toEqual([]);
  });

  it("offers connected hosts first and a stack name that is free", () => {
    expect(sortHosts([{ id: "1", name: "a", online: false }, { id: "2", name: "z", online: true }, { id: "3", name: "b", online: true }]).map((h) => h.name)).toEqual(["b", "z", "a"]);
    expect(suggestStackName("forgejo", [])).toBe("forgejo");
    expect(suggestStackName("forgejo", ["forgejo", "forgejo-2"])).toBe("forgejo-3");
  });
});
