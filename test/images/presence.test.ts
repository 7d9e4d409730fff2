// Image presence on a real engine through the real agent and the route handlers: a stack on a
// connected host needs one image the host holds and one it does not; the API shows exactly that
// (missing first, said so), the host's list names the users of each image, and the drill counts
// the missing one and says it would need the internet. With the agent gone, presence is unknown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack } from "@/lib/stacks";
import { addService } from "../agents/helpers/fixtures";
import { GET as stackImagesGET } from "@/app/api/v1/stacks/[id]/images/route";
import { GET as hostImagesGET } from "@/app/api/v1/hosts/[id]/images/route";
import { POST as drillPOST } from "@/app/api/v1/drill/route";
import type { ImagePresence } from "@/lib/images";
import type { DrillReport } from "@/lib/routes";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "../agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, enrolledAgent, meta } from "../agents/helpers/fixtures";
import type { AgentProcess } from "../agents/helpers/agent-process";
import { call } from "../helpers/api";

const PREFIX = "hpt-pres-";
const STACK = `${PREFIX}stack`;
const MISSING = `${PREFIX}${process.pid}-missing:1`;

let cp: TestControlPlane;
let image: string;
let hostId: string;
let agent: AgentProcess;
let stackId: string;

const compose = () => `
services:
  here:
    image: ${image}
    command: ["sleep", "3600"]
  gone:
    image: ${MISSING}
    command: ["sleep", "3600"]
`;

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  await docker.getImage(MISSING).remove({ force: true }).catch(() => undefined);
  cp = await startTestControlPlane();
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
  stackId = (await createStack(cp.t.db, { name: STACK, hostId, compose: compose(), env: "" }, actor, meta)).id;
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

const auth = () => ({ bearer: cp.apiToken });

describe("image presence", () => {
  it("a stack on a connected host: one image present, one missing, missing first", async () => {
    const r = await call(stackImagesGET, `/api/v1/stacks/${stackId}/images`, { auth: auth() }, { id: stackId });
    expect(r.status, r.text).toBe(200);
    const p = r.body as ImagePresence;
    expect(p.connected).toBe(true);
    expect(p.hostName).toBe(`${PREFIX}host`);
    expect(p.images.map((i) => [i.image, i.present, i.source])).toEqual([[MISSING, false, "internet"], [image, true, "internet"]]);
    expect(p.images[0]!.usedBy).toEqual([{ kind: "service", id: `${STACK}-gone`, name: `${STACK}-gone` }]);
    expect(p.summary).toMatchObject({ total: 2, present: 1, missing: 1, unknown: 0, needInternet: 1 });
    expect(p.message).toBe("1 of 2 images missing: a deploy needs the internet or a mirror (1 would come from the internet).");
  });

  it("the host lists every image its services and stacks need, with who uses each", async () => {
    const svc = await addService(cp.t.db, { name: `${PREFIX}solo`, image, hostId });
    const r = await call(hostImagesGET, `/api/v1/hosts/${hostId}/images`, { auth: auth() }, { id: hostId });
    expect(r.status, r.text).toBe(200);
    const p = r.body as ImagePresence;
    expect(p.summary).toMatchObject({ total: 2, present: 1, missing: 1 });
    const present = p.images.find((i) => i.image === image)!;
    expect(present.present).toBe(true);
    expect(present.usedBy).toEqual(expect.arrayContaining([{ kind: "service", id: svc.id, name: `${PREFIX}solo` }, { kind: "stack", id: stackId, name: STACK }]));
    expect(p.images.find((i) => i.image === MISSING)).toMatchObject({ present: false, usedBy: [{ kind: "stack", id: stackId, name: STACK }] });
  });

  it("the drill counts the missing image and says it would need the internet", async () => {
    await addService(cp.t.db, { name: `${PREFIX}gone-solo`, image: MISSING, hostId });
    const r = await call(drillPOST, "/api/v1/drill", { auth: auth(), body: {} });
    expect(r.status, r.text).toBe(200);
    const report = r.body as DrillReport;
    const gone = report.services.find((s) => s.name === `${PREFIX}gone-solo`)!;
    expect(gone).toMatchObject({ imagePresent: "no", imagesMissing: 1, imagePull: "internet", atRisk: true });
    expect(gone.issues.find((i) => i.kind === "image-missing")?.message).toBe(`image ${MISSING} is not on ${PREFIX}host: redeploying would need a pull from the internet`);
    expect(report.services.find((s) => s.name === `${PREFIX}solo`)).toMatchObject({ imagePresent: "yes", imagesMissing: 0, imagePull: null });
    expect(report.summary.imagesMissing).toBe(1);
    expect(report.summary.imagesNeedInternet).toBe(1);
  });

  it("with the agent gone, presence is unknown and the answer says so", async () => {
    await agent.kill("SIGKILL");
    const deadline = Date.now() + 20_000;
    while (cp.hub.isOnline(hostId) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    const r = await call(stackImagesGET, `/api/v1/stacks/${stackId}/images`, { auth: auth() }, { id: stackId });
    const p = r.body as ImagePresence;
    expect(p.connected).toBe(false);
    expect(p.images.every((i) => i.present === null)).toBe(true);
    expect(p.message).toBe(`${PREFIX}host is not connected: whether its 2 images are there is unknown.`);
  }, 60_000);
});
