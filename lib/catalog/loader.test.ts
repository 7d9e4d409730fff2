import { afterEach, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadCatalog, type CatalogDir } from "./loader";

const FIXTURES = resolve("test/fixtures/catalog");
const temps: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "hp-catalog-"));
  temps.push(d);
  return d;
};
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of a fixture template under `dir/<id>`, with edits to its files. */
function copy(dir: string, from: string, id: string, edit: (files: { template: string; compose: string }) => { template?: string; compose?: string } = () => ({})) {
  cpSync(join(FIXTURES, from), join(dir, id), { recursive: true });
  const files = { template: readFileSync(join(dir, id, "template.yaml"), "utf8").replace(`id: ${from}`, `id: ${id}`), compose: readFileSync(join(dir, id, "compose.yaml"), "utf8") };
  const out = { ...files, ...edit(files) };
  writeFileSync(join(dir, id, "template.yaml"), out.template);
  writeFileSync(join(dir, id, "compose.yaml"), out.compose);
}

describe("loadCatalog", () => {
  it("loads the test templates, with their icon checked", () => {
    const c = loadCatalog([{ path: FIXTURES, source: "builtin" }]);
    expect(c.broken).toEqual([]);
    expect(c.apps.map((a) => [a.template.id, a.source, a.icon !== null])).toEqual([["hpt-pair", "builtin", false], ["hpt-web", "builtin", true]]);
  });

  it("a user template replaces a built-in one of the same id", () => {
    const builtin = temp();
    const user = temp();
    copy(builtin, "hpt-web", "web");
    copy(user, "hpt-web", "web", (f) => ({ template: f.template.replace("name: Test web page", "name: My own web page") }));
    const c = loadCatalog([{ path: builtin, source: "builtin" }, { path: user, source: "user" }]);
    expect(c.apps.map((a) => [a.template.id, a.template.name, a.source])).toEqual([["web", "My own web page", "user"]]);
  });

  it("creates the user's folder on demand", () => {
    const base = temp();
    const dirs: CatalogDir[] = [{ path: join(base, "data", "catalog"), source: "user", create: true }];
    expect(loadCatalog(dirs)).toEqual({ apps: [], broken: [] });
    expect(() => readFileSync(join(base, "data", "catalog"))).toThrow(/EISDIR/);
  });

  it("lists broken folders with the reason and keeps the others", () => {
    const dir = temp();
    copy(dir, "hpt-web", "good");
    copy(dir, "hpt-web", "bad-yaml", () => ({ template: "id: bad-yaml\nname: [unclosed" }));
    copy(dir, "hpt-web", "wrong-id", (f) => ({ template: f.template.replace("id: wrong-id", "id: other") }));
    copy(dir, "hpt-web", "no-service", (f) => ({ template: f.template.replace("service: web\n  port: 8080", "service: nginx\n  port: 8080") }));
    copy(dir, "hpt-web", "unpublished", (f) => ({ template: f.template.replace("service: web\n  port: 8080", "service: web\n  port: 9999") }));
    copy(dir, "hpt-web", "undeclared", (f) => ({ compose: f.compose.replace("GREETING: ${GREETING}", "GREETING: ${SURPRISE}") }));
    copy(dir, "hpt-web", "no-volume", (f) => ({ template: f.template.replace("volume: web-data", "volume: elsewhere") }));
    copy(dir, "hpt-web", "bad-compose", (f) => ({ compose: f.compose.replace("image: ${IMAGE}", "image: ${IMAGE}\n    privileged: yes-please") }));
    copy(dir, "hpt-web", "bad-default", (f) => ({ template: f.template.replace("default: 18080", "default: 99999") }));
    copy(dir, "hpt-pair", "no-gpu-service", (f) => ({ template: f.template.replace("gpu: optional", "gpu: optional\ngpuServices: [ollama]") }));
    copy(dir, "hpt-web", "evil-icon", () => ({}));
    writeFileSync(join(dir, "evil-icon", "icon.svg"), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    mkdirSync(join(dir, "empty"));
    mkdirSync(join(dir, "Not_An_Id"));
    const c = loadCatalog([{ path: dir, source: "user" }]);
    expect(c.apps.map((a) => a.template.id)).toEqual(["good"]);
    const reasons = Object.fromEntries(c.broken.map((b) => [b.id, b.message]));
    expect(c.broken.every((b) => b.source === "user")).toBe(true);
    expect(reasons).toEqual({
      "Not_An_Id": expect.stringMatching(/folder name is not a template id/),
      "bad-compose": expect.stringMatching(/^compose\.yaml .*privileged/),
      "bad-default": expect.stringMatching(/WEB_PORT: the default 99999 is not a port number/),
      "bad-yaml": expect.stringMatching(/cannot be read|template\.yaml/),
      "empty": "missing template.yaml",
      "evil-icon": expect.stringMatching(/^icon\.svg: .*event handler/),
      "no-gpu-service": expect.stringMatching(/gpuServices: compose\.yaml has no service "ollama"/),
      "no-service": expect.stringMatching(/route: compose\.yaml has no service "nginx"/),
      "no-volume": expect.stringMatching(/backup: "elsewhere" is not a named volume/),
      "undeclared": expect.stringMatching(/uses \$\{SURPRISE\}, which template\.yaml does not declare/),
      "unpublished": expect.stringMatching(/does not publish container port 9999/),
      "wrong-id": expect.stringMatching(/id "other" differs from the folder name/),
    });
  });
});
