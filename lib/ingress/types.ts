// Shapes shared by the ingress module: what Homeport wants Caddy to serve (desired), and the
// changes a plan makes to get there. Caddy's own JSON is kept as `unknown` until parsed.

/** Where Caddy sends a Route's requests: `host:port` as Caddy's `dial` wants it. */
export interface UpstreamTarget {
  dial: string;
  /** The upstream speaks HTTPS (an `https://` upstream URL). */
  tls: boolean;
}

/** How Caddy gets the certificate for a Route's hostname. */
export type TlsSpec =
  | { mode: "internal" } // Caddy's local CA: works with no internet, clients install its root
  | { mode: "certificate"; certificatePem: string; keyPem: string }; // user-supplied

/** One Route's reverse-proxy entry as Homeport wants it. */
export interface ProxyEntrySpec {
  routeId: string;
  hostname: string;
  upstream: UpstreamTarget;
  tls: TlsSpec;
}

/** The Caddy HTTP server that holds Homeport's routes (created only if it does not exist). */
export interface ProxyServerSpec {
  /** Key under apps.http.servers; may be a server the user already runs (e.g. "srv0"). */
  name: string;
  /** Listen addresses, used only when Homeport creates the server. */
  listen: string[];
  /** apps.http ports, used only when Homeport creates the http app. */
  httpPort: number;
  httpsPort: number;
}

export interface DesiredIngress {
  server: ProxyServerSpec;
  entries: ProxyEntrySpec[];
  /**
   * Routes that still exist but whose upstream cannot be worked out right now: their entries in
   * Caddy (and certificates) are left as they are rather than removed.
   */
  keepRouteIds?: string[];
}

/** A Route whose upstream cannot be worked out (e.g. its port is not published). */
export interface UnresolvedRoute {
  routeId: string;
  hostname: string;
  reason: string;
}

export type AdminMethod = "POST" | "PUT" | "PATCH" | "DELETE";

/** One targeted call to Caddy's admin API (`/config/...` or `/id/...`). */
export interface AdminOp {
  method: AdminMethod;
  path: string;
  body?: unknown;
  /**
   * A `/config/...` path that must still be absent when the op is sent: a POST that creates a
   * container would otherwise replace one the user added since the plan was made.
   */
  expectAbsent?: string;
}

export type ChangeAction = "create" | "update" | "delete";
export type ChangeKind = "server" | "route" | "tls-policy" | "certificate";

/** One object of Caddy's config that the plan creates, replaces or removes. */
export interface IngressChange {
  action: ChangeAction;
  kind: ChangeKind;
  /** The object's `@id` in Caddy. */
  id: string;
  routeId?: string;
  hostname?: string;
  /** One line for people, e.g. "route app.home.example → 192.168.1.5:8080". */
  summary: string;
  ops: AdminOp[];
}

export interface IngressPlan {
  changes: IngressChange[];
  /** `@id`s that already match. */
  unchanged: string[];
}

/** The plan as the browser sees it: no request bodies (they can hold private keys). */
export type IngressChangeView = Omit<IngressChange, "ops">;

export function toChangeViews(plan: IngressPlan): IngressChangeView[] {
  return plan.changes.map(({ ops: _ops, ...rest }) => rest);
}
