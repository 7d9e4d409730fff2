import { describe, expect, it } from "vitest";
import { imageInTags, mergeNeeds, presenceReport } from "./presence";

const svc = (id: string) => ({ kind: "service" as const, id, name: id });

describe("imageInTags", () => {
  it("matches Docker's spellings of the same tag", () => {
    expect(imageInTags("busybox", ["docker.io/library/busybox:latest"])).toBe(true);
    expect(imageInTags("library/busybox:latest", ["busybox:latest"])).toBe(true);
    expect(imageInTags("busybox:1", ["busybox:latest"])).toBe(false);
  });
});

describe("presenceReport", () => {
  const host = { id: "h1", name: "nas" };
  it("leads with the missing images and says a deploy needs the internet", () => {
    const r = presenceReport(host, ["a:1", "b:1"], [{ image: "a:1", usedBy: [svc("s1")] }, { image: "c:1", usedBy: [svc("s2")] }, { image: "b:1", usedBy: [svc("s3")] }], null);
    expect(r.images.map((i) => [i.image, i.present])).toEqual([["c:1", false], ["a:1", true], ["b:1", true]]);
    expect(r.summary).toEqual({ total: 3, present: 2, missing: 1, unknown: 0, needInternet: 1 });
    expect(r.message).toBe("1 of 3 images missing: a deploy needs the internet or a mirror (1 would come from the internet).");
  });
  it("with a mirror, a missing Docker Hub image comes through it", () => {
    const r = presenceReport(host, [], [{ image: "busybox:1", usedBy: [svc("s1")] }], "10.0.0.2:5000");
    expect(r.images[0]).toMatchObject({ present: false, source: "mirror" });
    expect(r.summary.needInternet).toBe(0);
    expect(r.message).toContain("through the mirror 10.0.0.2:5000");
  });
  it("an agent that is not connected makes every image unknown, said so", () => {
    const r = presenceReport(host, null, [{ image: "a:1", usedBy: [svc("s1")] }], null);
    expect(r.connected).toBe(false);
    expect(r.images[0]!.present).toBeNull();
    expect(r.message).toBe("nas is not connected: whether its image is there is unknown.");
  });
  it("merges users of one image without repeats", () => {
    const m = mergeNeeds([{ image: "a", usedBy: [svc("s1")] }, { image: "a", usedBy: [svc("s1"), { kind: "stack", id: "k", name: "k" }] }]);
    expect(m).toEqual([{ image: "a", usedBy: [svc("s1"), { kind: "stack", id: "k", name: "k" }] }]);
  });
});
