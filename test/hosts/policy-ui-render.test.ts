// Server-renders the host page's policy card: what the agent allows (from its own report), what
// the admin allows in Homeport, and who may change the latter.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { HostPolicyCard } from "@/components/hosts/host-policy";
import { HostPolicySchema } from "@/lib/protocol/policy";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {}, replace: () => {}, back: () => {} }) }));

const render = (props: Parameters<typeof HostPolicyCard>[0]) =>
  renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(HostPolicyCard, props) }));

describe("host policy card", () => {
  it("shows the agent's policy and lets an admin edit the folders allowed in Homeport", () => {
    const policy = HostPolicySchema.parse({ bindRoots: ["/srv/media"], allowGpus: true, allowedDevices: ["/dev/dri"] });
    const html = render({ hostId: "h1", policy, bindRoots: ["/srv/media/photos"], canEdit: true });
    expect(html).toContain("/srv/media");
    expect(html).toContain("GPUs: allowed");
    expect(html).toContain("Privileged mode: refused");
    expect(html).toContain("/dev/dri");
    expect(html).toContain("None added (--allow-cap NAME)");
    expect(html).toMatch(/<textarea[^>]*>\s*\/srv\/media\/photos/);
    expect(html).toContain("Save folders");
  });

  it("is read-only for others, and says when the agent has reported nothing", () => {
    const html = render({ hostId: "h1", policy: null, bindRoots: [], canEdit: false });
    expect(html).toContain("has not reported a policy yet");
    expect(html).toContain("No bind-mount folders (named volumes always work)");
    expect(html).not.toContain("<textarea");
    expect(html).not.toContain("Save folders");
  });
});
