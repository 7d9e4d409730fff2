// Server-renders the Updates page's body and the Image updates settings section: the job's state
// leads (off and what that guarantees; a registry unreachable with nothing changed), available
// updates come first with the new image's age and Apply, everything else says why; a viewer gets
// no Apply and no Check now.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import type { UserRole } from "@/lib/auth/schemas";
import { UpdatesView } from "@/components/updates/updates-view";
import { ImageUpdatesSection } from "@/components/settings/image-updates-section";
import type { ServiceUpdate, UpdatesView as View } from "@/lib/images/update-schemas";

const render = (el: ReturnType<typeof createElement>, role: UserRole = "admin") =>
  renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role, children: el }) }));
const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");
const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;

const svc = (over: Partial<ServiceUpdate>): ServiceUpdate => ({
  serviceId: "s1", serviceName: "web", stackId: null, stackName: null, hostName: "nas", image: "nginx:1.27", tag: "docker.io/library/nginx:1.27",
  status: "current", currentDigest: D1, newDigest: D1, newCreatedAt: "2026-12-01T10:00:00.000Z", checkedAt: "2026-12-06T14:02:00.000Z", errorClass: null, message: null, ...over,
});
const job = (over: Partial<View["job"]> = {}): View["job"] => ({
  enabled: true, intervalHours: 24, running: false, lastRunAt: "2026-12-06T14:02:00.000Z", nextRunAt: "2026-12-07T14:02:00.000Z", lastRunErrors: [], lastRunTags: 2, ...over,
});

describe("the Updates page", () => {
  it("while off, says Homeport asks no registry and offers no Check now", () => {
    const html = render(createElement(UpdatesView, { initial: { job: job({ enabled: false, nextRunAt: null, lastRunAt: null, lastRunTags: 0 }), services: [svc({ status: "unchecked", newDigest: null, checkedAt: null })], stacks: [] } }));
    const text = textOf(html);
    expect(text).toContain("Off — Homeport never asks registries until you turn this on");
    expect(html).toContain('href="/settings#image-updates"');
    expect(html).not.toContain("Check now");
    expect(text).toContain("Turn the check on in Settings to learn about new images.");
  });

  it("leads with available updates (stack and service) with the new image's age, then the rest and why", () => {
    const view: View = {
      job: job(),
      services: [
        svc({ serviceId: "s1", serviceName: "web", status: "update", newDigest: D2 }),
        svc({ serviceId: "s2", serviceName: "jellyfin", stackId: "st1", stackName: "media", status: "update", newDigest: D2, image: "jellyfin/jellyfin:10", tag: "docker.io/jellyfin/jellyfin:10" }),
        svc({ serviceId: "s3", serviceName: "db", image: `postgres@${D1}`, tag: null, status: "pinned", newDigest: null }),
      ],
      stacks: [{ stackId: "st1", stackName: "media", hostName: "nas", services: [{ serviceId: "s2", serviceName: "jellyfin", newCreatedAt: "2026-12-01T10:00:00.000Z" }] }],
    };
    const html = render(createElement(UpdatesView, { initial: view }));
    const text = textOf(html);
    expect(text).toContain("2 to apply.");
    expect(text.indexOf("Available updates")).toBeLessThan(text.indexOf("Everything else"));
    expect(text).toMatch(/media stack · jellyfin/);
    expect(text).toContain("nginx:1.27");
    expect(text).toContain("111111111111 → 222222222222");
    expect(text).toContain("built 2026-12-01 10:00 UTC");
    expect(html).toContain('aria-label="Apply the update to service web"');
    expect(html).toContain('aria-label="Apply the update to stack media"');
    expect(text).toContain("Pinned to a digest never checked: the digest cannot move");
  });

  it("after a failed run: the registry was unreachable and nothing changed", () => {
    const html = render(createElement(UpdatesView, { initial: { job: job({ lastRunErrors: [{ tag: "docker.io/library/nginx:1.27", errorClass: "unreachable", message: "registry-1.docker.io could not be reached: ENETUNREACH" }] }), services: [svc({ errorClass: "unreachable" })], stacks: [] } }));
    const text = textOf(html);
    expect(text).toContain("Registry unreachable at 14:02: nothing changed");
    expect(text).toContain("registry-1.docker.io could not be reached: ENETUNREACH");
    expect(text).toContain("Up to date last check failed");
  });

  it("a viewer sees the updates but no Apply and no Check now", () => {
    const html = render(createElement(UpdatesView, { initial: { job: job(), services: [svc({ status: "update", newDigest: D2 })], stacks: [] } }), "viewer");
    expect(textOf(html)).toContain("web");
    expect(html).not.toContain("Apply the update");
    expect(html).not.toContain("Check now");
  });
});

describe("the Image updates settings section", () => {
  it("is off by default with the interval shown, and says it is the one job that uses the internet", () => {
    const html = render(createElement(ImageUpdatesSection, { initial: { imageUpdatesEnabled: false, imageUpdatesIntervalHours: 24 } }));
    expect(html).toMatch(/<input[^>]*id="imageUpdatesEnabled"/);
    expect(html).not.toMatch(/id="imageUpdatesEnabled"[^>]*checked/);
    expect(html).toMatch(/id="imageUpdatesIntervalHours"[^>]*value="24"|value="24"[^>]*id="imageUpdatesIntervalHours"/);
    expect(textOf(html)).toContain("The one job that uses the internet; off until you turn it on.");
  });
});
