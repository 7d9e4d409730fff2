// The Caddy connection: where Homeport reaches the admin API, its state, and the settings form.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, FieldError, Input } from "@/components/ui/field";
import { SecretField } from "@/components/common/secret-field";
import { useToast } from "@/components/ui/toast";
import { errorMessage, useApi, ApiRequestError } from "@/lib/client/api";
import { adminUrlMoves, type IngressOverview, type IngressSettingsView } from "@/lib/ingress/schemas";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "./status-badge";
import { INGRESS_KEY } from "./use-ingress";

const CADDY_HELP: Record<string, string> = {
  unreachable: "Homeport cannot reach Caddy's admin API. Check that Caddy runs and that the admin address below is right (Caddy listens on localhost:2019 unless configured otherwise).",
  rejected: "Caddy refused the last change and kept its previous config. Caddy's own words are below.",
};

const checkbox = "mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-700";

/** What PATCH /api/v1/ingress/settings gets from the form: the secret only when typed or removed. */
export function settingsBody(settings: IngressSettingsView, v: SettingsValues) {
  const adminUrl = v.adminUrl.trim();
  const moves = adminUrlMoves(settings.adminUrl, adminUrl);
  return {
    adminUrl,
    serverName: v.serverName.trim(),
    listen: v.listen.split(",").map((s) => s.trim()).filter(Boolean),
    httpPort: Number(v.httpPort),
    httpsPort: Number(v.httpsPort),
    proxyAddress: v.proxyAddress.trim() || null,
    ...(v.removeAuth ? { adminAuth: null } : v.adminAuth.trim() ? { adminAuth: v.adminAuth.trim() } : {}),
    ...(moves && settings.privateKeyRoutes > 0 && v.confirmMoveKeys ? { confirmMoveKeys: true } : {}),
  };
}

export interface SettingsValues {
  adminUrl: string;
  serverName: string;
  listen: string;
  httpPort: string;
  httpsPort: string;
  proxyAddress: string;
  adminAuth: string;
  removeAuth: boolean;
  confirmMoveKeys: boolean;
}

export const settingsValues = (s: IngressSettingsView): SettingsValues => ({
  adminUrl: s.adminUrl,
  serverName: s.serverName,
  listen: s.listen.join(", "),
  httpPort: String(s.httpPort),
  httpsPort: String(s.httpsPort),
  proxyAddress: s.proxyAddress ?? "",
  adminAuth: "",
  removeAuth: false,
  confirmMoveKeys: false,
});

/** The settings form; `initial` lets a page (or a test) open it with values already typed. */
export function SettingsForm({ settings, onDone, initial }: { settings: IngressSettingsView; onDone: () => void; initial?: SettingsValues }) {
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const [v, setV] = useState<SettingsValues>(() => initial ?? settingsValues(settings));
  const save = useMutation({
    mutationFn: () => api.patch("/api/v1/ingress/settings", settingsBody(settings, v)),
    onSuccess: () => {
      toast("Caddy settings saved");
      void qc.invalidateQueries({ queryKey: INGRESS_KEY });
      onDone();
    },
  });
  const issue = (path: string) => (save.error instanceof ApiRequestError ? save.error.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message : undefined);
  const set = (k: Exclude<keyof SettingsValues, "removeAuth" | "confirmMoveKeys">) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.target.value });
  const moves = adminUrlMoves(settings.adminUrl, v.adminUrl);
  const keys = settings.privateKeyRoutes;
  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Field id="ing-admin" label="Admin API" hint="e.g. http://127.0.0.1:2019" error={issue("adminUrl")} className="sm:col-span-2">
        <Input id="ing-admin" value={v.adminUrl} onChange={set("adminUrl")} inputMode="url" autoComplete="off" invalid={Boolean(issue("adminUrl"))} />
      </Field>
      <SecretField
        id="ing-admin-auth"
        label="Authorization header"
        className="sm:col-span-2"
        optional
        hint="Only when a proxy with authentication fronts the admin API, e.g. Bearer … or Basic …. Stored encrypted; never shown again."
        value={v.adminAuth}
        onChange={(adminAuth) => setV({ ...v, adminAuth })}
        isSet={settings.adminAuthSet}
        moved={moves ? ["admin address"] : []}
        remove={{ checked: v.removeAuth, onChange: (removeAuth) => setV({ ...v, removeAuth, adminAuth: "" }) }}
        error={issue("adminAuth")}
      />
      {moves && keys > 0 && (
        <div className="sm:col-span-2">
          <Alert tone="warning" title={`${keys} route${keys === 1 ? " uses" : "s use"} your own certificate`}>
            Homeport sends each such certificate with its private key to Caddy on every apply. After this change they go to {v.adminUrl.trim() || "the new address"}: make sure that is your Caddy. (To keep the keys where they are, switch those routes to Caddy&apos;s internal CA first.)
            <label className="mt-2 flex items-start gap-2 font-medium">
              <input type="checkbox" className={checkbox} checked={v.confirmMoveKeys} required onChange={(e) => setV({ ...v, confirmMoveKeys: e.target.checked })} aria-describedby={issue("confirmMoveKeys") ? "ing-keys-error" : undefined} />
              Send the private key{keys === 1 ? "" : "s"} to the new address
            </label>
          </Alert>
          <FieldError id="ing-keys-error" message={issue("confirmMoveKeys")} />
        </div>
      )}
      <Field id="ing-server" label="Server name" hint="An existing server (e.g. srv0) or a new one Homeport creates" error={issue("serverName")}>
        <Input id="ing-server" value={v.serverName} onChange={set("serverName")} autoComplete="off" />
      </Field>
      <Field id="ing-listen" label="Listen addresses" hint="Used when Homeport creates the server; comma-separated" error={issue("listen")}>
        <Input id="ing-listen" value={v.listen} onChange={set("listen")} autoComplete="off" />
      </Field>
      <Field id="ing-http" label="HTTP port" hint="Redirects to HTTPS" error={issue("httpPort")}>
        <Input id="ing-http" value={v.httpPort} onChange={set("httpPort")} inputMode="numeric" />
      </Field>
      <Field id="ing-https" label="HTTPS port" error={issue("httpsPort")}>
        <Input id="ing-https" value={v.httpsPort} onChange={set("httpsPort")} inputMode="numeric" />
      </Field>
      <Field id="ing-proxy" label="Proxy address for checks" optional hint="Where Caddy answers; defaults to the admin API's host" error={issue("proxyAddress")} className="sm:col-span-2">
        <Input id="ing-proxy" value={v.proxyAddress} onChange={set("proxyAddress")} autoComplete="off" />
      </Field>
      {save.isError && !(save.error instanceof ApiRequestError && save.error.issues.length > 0) && <Alert tone="error" className="sm:col-span-2">{errorMessage(save.error)}</Alert>}
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button type="submit" loading={save.isPending}>Save</Button>
        <Button variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

export function CaddyCard({ overview, checking, onCheck, settingUp = false }: { overview: IngressOverview; checking: boolean; onCheck: () => void; settingUp?: boolean }) {
  const [editing, setEditing] = useState(false);
  const { settings, caddy } = overview;
  return (
    <Card aria-labelledby="caddy-title">
      <CardHeader
        id="caddy-title"
        title={
          <span className="flex items-center gap-2">
            Caddy {settingUp ? <Badge tone="neutral">Not set up yet</Badge> : <StatusBadge status={caddy.status} detail={caddy.detail} labels={{ ok: "Connected" }} />}
          </span>
        }
        description="The LAN reverse proxy. Homeport only changes the objects it created (their @id starts with homeport-)."
        actions={
          <>
            <Button variant="secondary" size="sm" onClick={onCheck} loading={checking}>Check now</Button>
            {!editing && <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>Edit</Button>}
          </>
        }
      />
      <CardBody className="space-y-4">
        {settingUp && caddy.status === "unreachable" && (
          <Alert tone="info" title="Not connected yet">
            Homeport gets no answer from {settings.adminUrl}. Follow the steps above, then press Check now.
          </Alert>
        )}
        {caddy.status !== "ok" && caddy.status !== "unknown" && !(settingUp && caddy.status === "unreachable") && (
          <Alert tone="error" title={CADDY_HELP[caddy.status] ?? "Caddy reported a problem."}>
            {caddy.detail && <pre className="mt-2 overflow-x-auto font-mono text-xs whitespace-pre-wrap break-words">{caddy.detail}</pre>}
          </Alert>
        )}
        {editing ? (
          <SettingsForm settings={settings} onDone={() => setEditing(false)} />
        ) : (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            {[
              ["Admin API", settings.adminUrl + (settings.adminAuthSet ? " (with an Authorization header)" : "")],
              ["Server", settings.serverName],
              ["Ports", `HTTP ${settings.httpPort} → HTTPS ${settings.httpsPort}`],
              ["Listen (new server)", settings.listen.join(", ")],
            ].map(([k, val]) => (
              <div key={k} className="min-w-0">
                <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
                <dd className="font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{val}</dd>
              </div>
            ))}
          </dl>
        )}
      </CardBody>
    </Card>
  );
}
