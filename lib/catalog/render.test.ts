import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadStack } from "@/lib/stacks";
import { gpusForInstall } from "./prepare";
import { envLine, generatePassword, renderCompose, renderInstall, resolveValues } from "./render";
import { TemplateSchema, type Template } from "./schemas";

const template = (over: Partial<Record<string, unknown>> = {}): Template => TemplateSchema.parse({
  id: "demo", name: "Demo", version: 1, description: "A demo.", category: "development",
  variables: [
    { name: "PORT", type: "port", default: 3000 },
    { name: "SECRET", type: "password", generate: true },
    { name: "ADMIN", type: "string" },
    { name: "TZ", type: "string", default: "Etc/UTC", required: false },
    { name: "LEVEL", type: "enum", options: ["low", "high"], default: "low" },
    { name: "DEBUG", type: "boolean", default: false },
    { name: "WORKERS", type: "number", default: 2 },
    { name: "MEDIA", type: "path", default: "/srv/media" },
  ],
  ...over,
});

const COMPOSE = `services:
  app:
    image: busybox:latest
    environment:
      SECRET: \${SECRET}
    ports: ["127.0.0.1:\${PORT}:80"]
    networks: [front, back]
  db:
    image: busybox:latest
    networks: [back]
  worker:
    image: busybox:latest
networks:
  front: {}
  back:
    internal: true
`;

describe("resolveValues", () => {
  it("fills defaults, generates an empty password and takes typed values", () => {
    const r = resolveValues(template(), { ADMIN: "ada", PORT: 8080, DEBUG: true });
    expect(r.issues).toEqual([]);
    expect(r.values).toMatchObject({ PORT: "8080", ADMIN: "ada", TZ: "Etc/UTC", LEVEL: "low", DEBUG: "true", WORKERS: "2", MEDIA: "/srv/media" });
    expect(r.generated).toEqual(["SECRET"]);
    expect(r.values.SECRET).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("keys each refused value by its variable", () => {
    const r = resolveValues(template(), { PORT: "70000", LEVEL: "max", DEBUG: "yes", WORKERS: "many", MEDIA: "../etc", SECRET: "short", NOPE: "x" });
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath).toEqual({
      "values.NOPE": "not a variable of this template",
      "values.PORT": "a port number from 1 to 65535",
      "values.SECRET": "at least 8 characters (or leave it empty for a random one)",
      "values.ADMIN": "required",
      "values.LEVEL": "one of low, high",
      "values.DEBUG": "true or false",
      "values.WORKERS": "a number",
      "values.MEDIA": "an absolute path (starting with /)",
    });
  });

  it("refuses a value that would add a line to the .env", () => {
    const r = resolveValues(template(), { ADMIN: "ada\nEVIL=1" });
    expect(r.issues).toEqual([{ path: "values.ADMIN", message: "a single line, without control characters" }]);
  });
});

describe("generatePassword", () => {
  it("gives 32 letters and digits, different every time", () => {
    const seen = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(seen.size).toBe(50);
    for (const p of seen) expect(p).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});

describe("the .env", () => {
  it("reads back every value exactly, quotes and dollars included", () => {
    const values = ["plain", "with space", "it's", `both ' and " and $HOME and \${X} and \\n`, "a#b #c", ""];
    const env = values.map((v, i) => envLine(`V${i}`, v)).join("\n");
    const compose = `services:\n  app:\n    image: busybox\n    environment:\n${values.map((_, i) => `      V${i}: "\${V${i}}"`).join("\n")}\n`;
    const r = loadStack({ name: "envtest", compose, env });
    expect(r.ok).toBe(true);
    if (r.ok) expect(values.map((_, i) => r.services[0]!.env[`V${i}`])).toEqual(values);
  });
});

describe("renderCompose", () => {
  it("offline makes every network internal, the stack's default one too", () => {
    const doc = parse(renderCompose(template(), COMPOSE, { egress: "offline", gpus: false })) as { networks: Record<string, { internal?: boolean }> };
    expect(doc.networks).toEqual({ front: { internal: true }, back: { internal: true }, default: { internal: true } });
    const r = loadStack({ name: "demo", compose: renderCompose(template(), COMPOSE, { egress: "offline", gpus: false }), env: "PORT=1\nSECRET=x\n" });
    expect(r.ok && r.services.map((s) => [s.key, s.egress])).toEqual([["app", "offline"], ["db", "offline"], ["worker", "offline"]]);
  });

  it("open keeps an internal back-end network of an open template, and opens a template written offline", () => {
    const open = parse(renderCompose(template(), COMPOSE, { egress: "open", gpus: false })) as { networks: Record<string, unknown> };
    expect(open.networks).toEqual({ front: {}, back: { internal: true } });
    const opened = parse(renderCompose(template({ egress: "offline" }), COMPOSE, { egress: "open", gpus: false })) as { networks: Record<string, unknown> };
    expect(opened.networks).toEqual({ front: {}, back: {} });
  });

  it("asks for the GPUs on every service when told to", () => {
    const r = loadStack({ name: "demo", compose: renderCompose(template(), COMPOSE, { egress: "open", gpus: true }), env: "PORT=1\nSECRET=x\n" });
    expect(r.ok && r.services.map((s) => s.runtime.gpus)).toEqual([true, true, true]);
    const without = loadStack({ name: "demo", compose: renderCompose(template(), COMPOSE, { egress: "open", gpus: false }), env: "PORT=1\nSECRET=x\n" });
    expect(without.ok && without.services.map((s) => s.runtime.gpus ?? false)).toEqual([false, false, false]);
  });

  it("gives the GPUs only to the services the template names", () => {
    const r = loadStack({ name: "demo", compose: renderCompose(template({ gpu: "optional", gpuServices: ["db"] }), COMPOSE, { egress: "open", gpus: true }), env: "PORT=1\nSECRET=x\n" });
    expect(r.ok && r.services.map((s) => [s.key, s.runtime.gpus ?? false])).toEqual([["app", false], ["db", true], ["worker", false]]);
  });

  it("renders an install: the compose and the .env in the variables' order", () => {
    const r = renderInstall(template(), COMPOSE, { values: { ADMIN: "ada" }, gpus: false });
    expect(r.env.split("\n")[0]).toBe("PORT=3000");
    expect(r.env).toMatch(/^SECRET=[A-Za-z0-9]{32}$/m);
  });
});

describe("gpusForInstall", () => {
  it("gives GPUs only to an optional-GPU template on a host whose policy allows them", () => {
    expect(gpusForInstall({ gpu: "optional" }, { allowGpus: true })).toBe(true);
    expect(gpusForInstall({ gpu: "optional" }, { allowGpus: false })).toBe(false);
    expect(gpusForInstall({ gpu: "optional" }, null)).toBe(false);
    expect(gpusForInstall({ gpu: "none" }, { allowGpus: true })).toBe(false);
  });
});
