// The test bed of the browser tests that drive a real agent: Docker up and a busybox image built before
// the spec, a host enrolled the way an operator does it (Hosts → Add host → the command's token), and on
// the way out the agent stopped, the services' containers, the image and the agent's state folder removed.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { buildBusyboxImage } from "../test/agents/helpers/docker";
import { startAgent, type AgentProcess } from "../test/agents/helpers/agent-process";
import { docker } from "./helpers";

const run = promisify(execFile);
const SERVICE_LABEL = "homeport.service-id";
const ONLINE_TIMEOUT_MS = 30_000;

export interface AgentBed {
  /** The busybox image built for this spec. */
  readonly image: string;
  /** The running agent (after `enroll` or `start`). */
  readonly agent: AgentProcess;
  /** Starts an agent with an enrollment token (for specs that make the token through the API). */
  start(baseURL: string, token: string): AgentProcess;
  /** Adds the host in the browser, starts its agent with the shown token and waits for it to be online. */
  enroll(page: Page, baseURL: string, host: string): Promise<AgentProcess>;
  /** Removes the service's containers (rollout temporaries included) when the spec ends. */
  removeOnExit(serviceId: string): void;
  /** Runs when the spec ends, before the image is removed (errors are ignored). */
  onExit(fn: () => Promise<unknown>): void;
}

/** Registers the bed's beforeAll/afterAll in the calling spec; `tag` names its image and state folder. */
export function agentBed(tag: string): AgentBed {
  let image: string | undefined;
  let agent: AgentProcess | undefined;
  let stateDir: string | undefined;
  const services = new Set<string>();
  const exits: (() => Promise<unknown>)[] = [];

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    await run("bash", [resolve("scripts/ensure-docker.sh")], { timeout: 240_000 });
    image = await buildBusyboxImage(`homeport-test/busybox:e2e-${tag}-${process.pid}-${Date.now().toString(36)}`);
  });

  test.afterAll(async () => {
    await agent?.kill("SIGTERM");
    for (const id of services) {
      const left = await docker("ps", "-aq", "--filter", `label=${SERVICE_LABEL}=${id}`).catch(() => "");
      for (const c of left.split("\n").filter(Boolean)) await docker("rm", "-f", c).catch(() => undefined);
    }
    for (const fn of exits) await fn().catch(() => undefined);
    if (image) await docker("rmi", "-f", image).catch(() => undefined);
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  const start = (baseURL: string, token: string): AgentProcess => {
    stateDir = mkdtempSync(join(tmpdir(), `homeport-e2e-${tag}-agent-`));
    agent = startAgent(["--server", baseURL, "--token", token, "--state-dir", stateDir]);
    return agent;
  };

  return {
    get image() {
      if (!image) throw new Error("the bed's image is built in beforeAll");
      return image;
    },
    get agent() {
      if (!agent) throw new Error("no agent started yet");
      return agent;
    },
    start,
    async enroll(page, baseURL, host) {
      await page.goto("/hosts");
      await page.getByRole("button", { name: "Add host" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Add a host" });
      await dialog.getByLabel("Host name").fill(host);
      await dialog.getByRole("button", { name: "Create token" }).click();
      const enrolled = page.getByRole("dialog", { name: `Enroll ${host}` });
      const command = (await enrolled.getByTestId("enroll-command").first().textContent()) ?? "";
      const token = /--token (\S+)/.exec(command)?.[1];
      expect(token, `a token in "${command}"`).toMatch(/^hpe_/);
      await enrolled.getByRole("button", { name: "Done" }).click();
      const started = start(baseURL, token!);
      const row = page.getByTestId("host-row").filter({ hasText: host });
      await expect(row.getByTestId("host-status"), `agent output:\n${started.output()}`).toHaveAttribute("data-online", "true", { timeout: ONLINE_TIMEOUT_MS });
      return started;
    },
    removeOnExit: (id) => void services.add(id),
    onExit: (fn) => void exits.push(fn),
  };
}
