// The self-hosting files cannot be built here (no base image can be pulled), so check what can be:
// the compose file parses, and every file they name exists in the repository.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";

type Compose = {
  services: Record<string, { build?: string; image?: string; command?: string[]; ports?: string[]; volumes?: string[]; environment?: Record<string, string> }>;
  volumes?: Record<string, unknown>;
};

const compose = parse(readFileSync("docker-compose.yml", "utf8")) as Compose;
const dockerfile = readFileSync("Dockerfile", "utf8");

describe("docker-compose.yml", () => {
  it("defines the control plane and its agent", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["agent", "homeport"]);
  });

  it("builds the control plane from a Dockerfile that exists and keeps data in a named volume", () => {
    const hp = compose.services.homeport!;
    expect(existsSync(`${hp.build ?? ""}/Dockerfile`)).toBe(true);
    expect(hp.volumes).toContain("homeport-data:/data");
    expect(compose.volumes).toHaveProperty("homeport-data");
    expect(hp.environment?.HOMEPORT_DATA_DIR).toBe("/data");
  });

  it("runs the agent entry point with the Docker socket", () => {
    const agent = compose.services.agent!;
    const entry = agent.command?.find((a) => a.endsWith(".ts"));
    expect(entry).toBeDefined();
    expect(existsSync(entry!)).toBe(true);
    expect(agent.volumes).toContain("/var/run/docker.sock:/var/run/docker.sock");
  });
});

describe("Dockerfile", () => {
  it("starts the server file that exists", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    const args = JSON.parse(cmd ?? "[]") as string[];
    expect(args).toContain("server.ts");
    expect(existsSync("server.ts")).toBe(true);
  });

  it("copies only files that exist", () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const src of m[1]!.split(/\s+/).filter((s) => !s.startsWith("--") && s !== ".")) {
        expect(existsSync(src), `${src} named in the Dockerfile`).toBe(true);
      }
    }
  });

  it("runs as an unprivileged user with the data directory as a volume", () => {
    expect(dockerfile).toMatch(/^USER homeport$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
  });
});
