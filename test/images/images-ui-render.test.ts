// Server-renders the Images card's body and the Registry mirror section: missing images lead, with
// where a pull would come from and who uses each; the settings section explains insecure registries.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import { ImagesView } from "@/components/stacks/images-card";
import { RegistryMirrorSection } from "@/components/settings/registry-mirror-section";
import { presenceReport } from "@/lib/images/presence";

const render = (el: ReturnType<typeof createElement>) => renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role: "admin", children: el }) }));
const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/\s+/g, " ");
const host = { id: "h1", name: "nas" };
const svc = (id: string) => ({ kind: "service" as const, id, name: id });

describe("the Images card", () => {
  it("leads with the missing images and says which need the internet", () => {
    const p = presenceReport(host, ["redis:7", "busybox:1"], [
      { image: "busybox:1", usedBy: [svc("box")] },
      { image: "postgres:16", usedBy: [svc("db"), { kind: "stack", id: "st1", name: "forgejo" }] },
      { image: "192.168.1.5:5000/app:2", usedBy: [svc("app")] },
      { image: "redis:7", usedBy: [svc("cache")] },
    ], null);
    const html = render(createElement(ImagesView, { presence: p, showUsers: true }));
    const text = textOf(html);
    expect(text).toContain("2 of 4 images missing: a deploy needs the internet or a mirror (1 would come from the internet).");
    const rows = [...html.matchAll(/data-testid="image-row" data-present="([a-z]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(["false", "false", "true", "true"]);
    expect(text.indexOf("192.168.1.5:5000/app:2")).toBeLessThan(text.indexOf("busybox:1"));
    expect(text).toContain("postgres:16 Missing needs the internet to pull");
    expect(text).toContain("192.168.1.5:5000/app:2 Missing pulls from a LAN registry");
    expect(html).toContain('href="/stacks/st1"');
    expect(html).toContain('href="/services/db"');
  });
  it("with a mirror, a missing Docker Hub image comes through it; an unconnected host is unknown", () => {
    const viaMirror = textOf(render(createElement(ImagesView, { presence: presenceReport(host, [], [{ image: "busybox:1", usedBy: [] }], "10.0.0.2:5000"), showUsers: false })));
    expect(viaMirror).toContain("pulls through the mirror 10.0.0.2:5000");
    const offline = textOf(render(createElement(ImagesView, { presence: presenceReport(host, null, [{ image: "busybox:1", usedBy: [] }], null), showUsers: false })));
    expect(offline).toContain("nas is not connected: whether its image is there is unknown.");
    expect(offline).toContain("Unknown");
  });
});

describe("the Registry mirror section", () => {
  it("shows the mirror in use and tells how Docker must trust a LAN mirror", () => {
    const text = textOf(render(createElement(RegistryMirrorSection, { initial: { registryMirror: "192.168.1.5:5000" } })));
    expect(text).toContain("Now: 192.168.1.5:5000");
    expect(text).toContain("Stop using it");
    expect(text).toContain("insecure-registries");
    expect(text).toContain("/etc/docker/certs.d/<host:port>/ca.crt");
  });
});
