import { describe, expect, it } from "vitest";
import { validateSpec } from "./spec-schema";

const issues = (doc: unknown) => validateSpec(doc).map((i) => `${i.path.join(".")} [${i.at}]: ${i.message}`);

describe("validateSpec (the official Compose specification schema)", () => {
  it("accepts a valid file", () => {
    expect(issues({ name: "x", services: { web: { image: "nginx", ports: ["80:80"], "x-note": 1 } }, "x-anchors": { a: 1 } })).toEqual([]);
  });

  it("names a misspelt key and suggests the right one", () => {
    expect(issues({ services: { web: { image: "nginx", enviroment: { A: "1" } } } })).toEqual([
      'services.web.enviroment [key]: "enviroment" is not a service key in the Compose specification (did you mean environment?)',
    ]);
    expect(issues({ service: {} })).toEqual(['service [key]: "service" is not a top-level key in the Compose specification (did you mean services?)']);
  });

  it("says which types a key takes", () => {
    expect(issues({ services: { web: { image: "nginx", ports: { "80": 80 } } } })).toEqual(["services.web.ports [value]: must be a list"]);
    expect(issues({ services: { web: { image: "nginx", environment: 5 } } })).toEqual(["services.web.environment [value]: must be a map or a list"]);
    expect(issues({ services: { web: null } })).toEqual(["services.web [value]: must be a map"]);
  });

  it("reports the error inside the branch whose type matched", () => {
    expect(issues({ services: { web: { image: "nginx", ports: [{ target: 80, publishd: 8080 }] } } })).toEqual([
      'services.web.ports.0.publishd [key]: "publishd" is not a key here in the Compose specification (did you mean published?)',
    ]);
    expect(issues({ services: { web: { image: "nginx", depends_on: { db: { condition: "healthy" } } } } })).toEqual([
      'services.web.depends_on.db.condition [value]: "healthy" is not one of "service_started", "service_healthy", "service_completed_successfully"',
    ]);
  });

  it("refuses invalid service names and duplicate list entries", () => {
    expect(issues({ services: { "my app": { image: "x" } } })).toEqual(['services.my app [key]: "my app" is not a valid service name (letters, digits, ".", "_" and "-")']);
    expect(issues({ services: { web: { image: "x", cap_add: ["NET_ADMIN", "NET_ADMIN"] } } })).toEqual(["services.web.cap_add.0 [value]: duplicate entry (also at [1])"]);
  });

  it("refuses a document that is not a map", () => {
    expect(issues("just text")).toEqual([" [value]: must be a map"]);
  });
});
