import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CatalogInstallSchema, TemplateSchema } from "./schemas";

// The example of the contract (docs shared by the catalog engineers), as authors write it.
const EXAMPLE = `
id: forgejo
name: Forgejo
version: 1
description: A self-hosted Git forge with issues, pull requests, packages and CI.
category: development
website: https://forgejo.org
icon: icon.svg
variables:
  - name: FORGEJO_DB_PASSWORD
    label: Database password
    type: password
    generate: true
    description: Used only between Forgejo and its database.
  - name: FORGEJO_HTTP_PORT
    label: Web port on the host
    type: port
    default: 3000
  - name: TZ
    label: Time zone
    type: string
    default: Etc/UTC
    required: false
  - name: EXAMPLE_ENUM
    type: enum
    options: [a, b]
    default: a
route:
  service: forgejo
  port: 3000
checks:
  - name: Forgejo web
    service: forgejo
    port: 3000
    type: http
    path: /api/healthz
    expectStatus: 200
egress: open
gpu: none
backup:
  - volume: forgejo-data
    description: Repositories, avatars, attachments and the app.ini
notes: |
  The first account you register becomes the administrator.
`;

const example = () => parse(EXAMPLE) as Record<string, unknown>;
const issue = (over: Record<string, unknown>) => {
  const r = TemplateSchema.safeParse({ ...example(), ...over });
  return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
};

describe("TemplateSchema", () => {
  it("accepts the contract's example and fills the defaults", () => {
    const t = TemplateSchema.parse(example());
    expect(t.variables.map((v) => [v.name, v.required])).toEqual([["FORGEJO_DB_PASSWORD", true], ["FORGEJO_HTTP_PORT", true], ["TZ", false], ["EXAMPLE_ENUM", true]]);
    const { checks: _c, backup: _b, notes: _n, website: _w, icon: _i, route: _r, egress: _e, gpu: _g, ...bare } = t;
    expect(TemplateSchema.parse(bare)).toMatchObject({ egress: "open", gpu: "none", checks: [], backup: [] });
  });

  it("refuses what the contract rules out", () => {
    expect(issue({ id: "Forgejo" })).toMatch(/^id: /);
    expect(issue({ category: "games" })).toMatch(/^category: /);
    expect(issue({ website: "http://forgejo.org" })).toMatch(/https only/);
    expect(issue({ description: "x".repeat(201) })).toMatch(/^description: /);
    expect(issue({ icon: "../../etc/icon.svg" })).toMatch(/^icon: /);
    expect(issue({ egress: "closed" })).toMatch(/^egress: /);
    expect(issue({ gpu: "required" })).toMatch(/^gpu: /);
    expect(issue({ surprise: true })).toMatch(/surprise/);
    expect(issue({ variables: [{ name: "lower", type: "string" }] })).toMatch(/variables.0.name/);
    expect(issue({ variables: [{ name: "A", type: "string", generate: true }] })).toMatch(/generate applies to password variables only/);
    expect(issue({ variables: [{ name: "A", type: "enum" }] })).toMatch(/options are required/);
    expect(issue({ variables: [{ name: "A", type: "string" }, { name: "A", type: "port" }] })).toMatch(/declared twice/);
    expect(issue({ gpuServices: ["forgejo"] })).toMatch(/gpuServices needs gpu: optional/);
    expect(issue({ checks: [{ name: "x", service: "s", port: 1, type: "tcp", path: "/" }] })).toMatch(/path is for http checks/);
  });
});

describe("CatalogInstallSchema", () => {
  it("normalises the hostname and defaults the exposure", () => {
    expect(CatalogInstallSchema.parse({ stackName: "git", hostId: "h1", hostname: "Git.Home.Arpa" })).toEqual({ stackName: "git", hostId: "h1", values: {}, hostname: "git.home.arpa", exposure: "lan" });
  });

  it("refuses a stack name the stacks would refuse, and unknown fields", () => {
    expect(CatalogInstallSchema.safeParse({ stackName: "Git_1", hostId: "h1" }).success).toBe(false);
    expect(CatalogInstallSchema.safeParse({ stackName: "git", hostId: "h1", compose: "x" }).success).toBe(false);
  });
});
