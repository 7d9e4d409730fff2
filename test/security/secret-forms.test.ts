// The forms that hold a secret and its destination, rendered server-side as on first paint:
// editing without moving the destination keeps the stored secret (empty field, not required);
// once the URL / server / mode changes, the secret field is required and says why; an API
// error for the field shows beside it. The bodies the forms send follow the same rule.
import { describe, expect, it } from "vitest";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { CsrfTokenProvider } from "@/lib/client/api";
import { ToastProvider } from "@/components/ui/toast";
import { SecretField, secretSatisfied } from "@/components/common/secret-field";
import { SettingsForm, settingsBody, settingsValues } from "@/components/ingress/caddy-card";
import { ProviderForm, movedProviderEndpoint } from "@/components/dns/provider-form";
import { TunnelForm, tunnelBody, tunnelValues } from "@/components/ingress/tunnel-form";
import { ChannelForm, channelBody, channelValues } from "@/components/reachability/channel-form";
import type { IngressSettingsView } from "@/lib/ingress/schemas";
import type { ProviderView } from "@/lib/dns/schemas";
import type { TunnelView } from "@/lib/tunnel/schemas";
import type { ChannelView } from "@/lib/probes/schemas";

function render(node: React.ReactElement): string {
  return renderToString(h(QueryClientProvider, { client: new QueryClient() }, h(CsrfTokenProvider, { value: "csrf" }, h(ToastProvider, null, node)))).replace(/<!-- -->/g, "");
}

/** The opening tag of the control with `id`. */
function control(html: string, id: string): string {
  const tag = html.match(new RegExp(`<(?:input|textarea)[^>]*id="${id}"[^>]*>`))?.[0];
  expect(tag, `no control #${id}`).toBeDefined();
  return tag ?? "";
}
const noop = () => {};

describe("SecretField", () => {
  const base = { id: "s", label: "API token", value: "", onChange: noop };
  it("stored and not moved: empty keeps it, not required", () => {
    const html = render(h(SecretField, { ...base, isSet: true, moved: [] }));
    expect(html).toContain("Stored encrypted; leave empty to keep it.");
    expect(control(html, "s")).not.toContain("required");
    expect(secretSatisfied({ value: "", isSet: true, moved: [] })).toBe(true);
  });
  it("stored and moved: required, and says why", () => {
    const html = render(h(SecretField, { ...base, isSet: true, moved: ["address"] }));
    expect(html).toContain("Required: the address changes, and the stored api token is never sent to a new address. Enter it again.");
    expect(control(html, "s")).toContain("required");
    expect(secretSatisfied({ value: "", isSet: true, moved: ["address"] })).toBe(false);
    expect(secretSatisfied({ value: "new", isSet: true, moved: ["address"] })).toBe(true);
  });
  it("removing it instead: disabled, not required, and says nothing will be sent", () => {
    const html = render(h(SecretField, { ...base, isSet: true, moved: ["address"], remove: { checked: true, onChange: noop } }));
    expect(html).toContain("The stored api token is removed on save; nothing is sent in its place.");
    expect(control(html, "s")).toContain("disabled");
    expect(control(html, "s")).not.toContain("required");
    expect(secretSatisfied({ value: "", isSet: true, moved: ["address"], remove: { checked: true, onChange: noop } })).toBe(true);
  });
  it("an API error shows beside the field", () => {
    const html = render(h(SecretField, { ...base, isSet: true, moved: ["address"], error: "required when the baseUrl changes" }));
    expect(html).toMatch(/<p id="s-error"[^>]*role="alert"[^>]*>required when the baseUrl changes<\/p>/);
    expect(control(html, "s")).toContain('aria-invalid="true"');
  });
});

describe("Caddy settings form", () => {
  const settings: IngressSettingsView = {
    adminUrl: "http://127.0.0.1:2019", serverName: "srv0", listen: [":443"], httpPort: 80, httpsPort: 443, proxyAddress: null,
    adminAuthSet: true, privateKeyRoutes: 2, status: "ok", statusDetail: null, checkedAt: null, lastAppliedAt: null,
  };
  it("unchanged address: no warning, the header is kept and not sent", () => {
    const html = render(h(SettingsForm, { settings, onDone: noop }));
    expect(html).toContain("Stored encrypted; leave empty to keep it.");
    expect(html).not.toContain("your own certificate");
    expect(settingsBody(settings, settingsValues(settings))).not.toHaveProperty("adminAuth");
    expect(settingsBody(settings, settingsValues(settings))).not.toHaveProperty("confirmMoveKeys");
  });
  it("a new address: the header is required with the reason, and the keys' move must be confirmed", () => {
    const initial = { ...settingsValues(settings), adminUrl: "http://192.0.2.9:2019" };
    const html = render(h(SettingsForm, { settings, onDone: noop, initial }));
    expect(html).toContain("Required: the admin address changes");
    expect(control(html, "ing-admin-auth")).toContain("required");
    expect(html).toContain("2 routes use your own certificate");
    expect(html).toContain("After this change they go to http://192.0.2.9:2019");
    expect(html).toMatch(/<input type="checkbox"[^>]*required=""[^>]*>Send the private keys to the new address/);
    expect(settingsBody(settings, { ...initial, adminAuth: " Bearer x ", confirmMoveKeys: true })).toMatchObject({ adminUrl: "http://192.0.2.9:2019", adminAuth: "Bearer x", confirmMoveKeys: true });
    expect(settingsBody(settings, { ...initial, removeAuth: true })).toMatchObject({ adminAuth: null });
  });
});

describe("DNS provider form", () => {
  const cf: ProviderView = {
    id: "p1", name: "cf", kind: "cloudflare", label: "Cloudflare DNS", settings: { baseUrl: "https://api.cloudflare.com/client/v4" }, secretsSet: ["apiToken"],
    capabilities: { types: ["A", "AAAA", "CNAME"], ownership: "marker", perRecordTtl: true }, createdAt: "", updatedAt: "",
  };
  it("editing the name keeps the token; moving the API address needs it again", () => {
    expect(control(render(h(ProviderForm, { existing: cf, onDone: noop })), "dns-provider-apiToken")).not.toContain("required");
    const html = render(h(ProviderForm, { existing: cf, onDone: noop, initial: { baseUrl: "http://203.0.113.5/client/v4" } }));
    expect(html).toContain("Required: the api address changes");
    expect(control(html, "dns-provider-apiToken")).toContain("required");
  });
  it("an emptied optional port is not a move (the stored port is kept)", () => {
    const bind = { ...cf, kind: "rfc2136" as const, settings: { server: "192.168.1.2", port: 53, keyName: "k", algorithm: "hmac-sha256" }, secretsSet: ["secret"] };
    expect(movedProviderEndpoint(bind, { server: "192.168.1.2", port: "", keyName: "k" })).toEqual([]);
    expect(movedProviderEndpoint(bind, { server: "192.168.1.3", port: "53", keyName: "k" })).toEqual(["server"]);
  });
});

describe("tunnel form", () => {
  const edge: TunnelView = {
    id: "t1", name: "edge", kind: "caddy-edge", mode: "remote", accountId: null, externalId: "edge.example.org", originUrl: "https://192.168.1.10:443",
    apiBaseUrl: "http://203.0.113.10:2019", hostId: null, hasCredentials: true, status: "ok", statusDetail: null, checkedAt: null, lastAppliedAt: null,
  };
  it("an edit keeps the credentials unless the admin API moves", () => {
    expect(tunnelBody(tunnelValues(edge), edge)).not.toHaveProperty("credentials");
    expect(control(render(h(TunnelForm, { existing: edge, onDone: noop })), "tn-edit-cred")).not.toContain("required");
    const html = render(h(TunnelForm, { existing: edge, onDone: noop, initial: { ...tunnelValues(edge), apiBaseUrl: "http://198.51.100.20:2019" } }));
    expect(html).toContain("Required: the API address changes");
    expect(control(html, "tn-edit-cred")).toContain("required");
  });
  it("a Cloudflare tunnel switched to local mode needs the credentials JSON", () => {
    const cf: TunnelView = { ...edge, kind: "cloudflare", accountId: "023e105f4ecef8ad9ca31a8372d0c353", externalId: "f70ff985-a4ef-4643-bbbc-4a0ed4fc8415", apiBaseUrl: null };
    const html = render(h(TunnelForm, { existing: cf, onDone: noop, initial: { ...tunnelValues(cf), mode: "local" } }));
    expect(html).toContain("Credentials JSON");
    expect(html).toContain("Required: the mode changes");
    expect(control(html, "tn-edit-cred")).toMatch(/^<textarea[^>]*required/);
  });
});

describe("notification channel form", () => {
  const hook: ChannelView = { id: "c1", name: "hook", kind: "webhook", config: { url: "http://192.0.2.20/hooks", appUrl: "https://homeport.home.example" }, hasSecret: true, enabled: true, createdAt: "" };
  it("a new URL needs the token again (or its removal); other config is kept", () => {
    expect(control(render(h(ChannelForm, { existing: hook })), "ch-c1-secret")).not.toContain("required");
    const moved = { ...channelValues(hook), url: "http://198.51.100.3/hooks" };
    const html = render(h(ChannelForm, { existing: hook, initial: moved }));
    expect(html).toContain("Required: the URL changes");
    expect(control(html, "ch-c1-secret")).toContain("required");
    expect(html).toContain("Remove the stored bearer token");
    expect(channelBody(moved, hook)).toEqual({ name: "hook", config: { url: "http://198.51.100.3/hooks", appUrl: "https://homeport.home.example" } });
    expect(channelBody({ ...moved, removeSecret: true }, hook)).toMatchObject({ secret: null });
  });
});
