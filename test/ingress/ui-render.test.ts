// Server-renders the ingress dashboard with stored data (no browser): the Caddy state and its
// error text, every Route with its statuses, and the root certificate links are on the page,
// and no secret field is.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { IngressDashboard } from "@/components/ingress/ingress-dashboard";
import type { IngressOverview } from "@/lib/ingress/schemas";

const overview: IngressOverview = {
  settings: { adminUrl: "http://127.0.0.1:2019", serverName: "srv0", listen: [":443"], httpPort: 80, httpsPort: 443, proxyAddress: null, adminAuthSet: false, privateKeyRoutes: 1, status: "rejected", statusDetail: "loading new config: PEM pair 0: x509: malformed certificate", checkedAt: null, lastAppliedAt: null },
  caddy: { status: "rejected", detail: "loading new config: PEM pair 0: x509: malformed certificate" },
  entries: [
    { routeId: "r1", hostname: "app.home.arpa", exposure: "both", upstream: "http://192.168.1.20:8080", tlsMode: "internal", status: "upstream_down", detail: "Caddy could not reach the upstream (HTTP 502)", checkedAt: null },
    { routeId: "r2", hostname: "nas.home.arpa", exposure: "lan", upstream: null, tlsMode: "certificate", status: "unresolved", detail: "port 80 of service \"nas\" is not published", checkedAt: null },
  ],
};

describe("ingress dashboard", () => {
  it("renders Caddy's rejection text, each Route's status, tunnels and the root CA downloads", () => {
    const dashboard = createElement(IngressDashboard, { initial: overview, tunnels: [] });
    const html = renderToString(createElement(AppProviders, { csrfToken: "x", children: dashboard }));
    expect(html).toContain("Rejected by Caddy");
    expect(html).toContain("x509: malformed certificate");
    expect(html).toContain("app.home.arpa");
    expect(html).toContain("Upstream down");
    expect(html).toContain("No upstream");
    expect(html).toContain("LAN only");
    expect(html).toContain("Checking…");
    expect(html).toContain("Download .crt");
    expect(html).toContain("iPhone and iPad");
    expect(html).toContain("Android");
    expect(html).toContain("Windows");
    expect(html).toContain("No tunnel yet");
  });
});
