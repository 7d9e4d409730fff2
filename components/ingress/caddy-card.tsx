// The Caddy connection: where Homeport reaches the admin API, its state, and the settings form.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { errorMessage, useApi, ApiRequestError } from "@/lib/client/api";
import type { IngressOverview, IngressSettingsView } from "@/lib/ingress/schemas";
import { StatusBadge } from "./status-badge";
import { INGRESS_KEY } from "./use-ingress";

const CADDY_HELP: Record<string, string> = {
  unreachable: "Homeport cannot reach Caddy's admin API. Check that Caddy runs and that the admin address below is right (Caddy listens on localhost:2019 unless configured otherwise).",
  rejected: "Caddy refused the last change and kept its previous config. Caddy's own words are below.",
};

function SettingsForm({ settings, onDone }: { settings: IngressSettingsView; onDone: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const [v, setV] = useState({
    adminUrl: settings.adminUrl,
    serverName: settings.serverName,
    listen: settings.listen.join(", "),
    httpPort: String(settings.httpPort),
    httpsPort: String(settings.httpsPort),
    proxyAddress: settings.proxyAddress ?? "",
  });
  const save = useMutation({
    mutationFn: () =>
      api.patch("/api/v1/ingress/settings", {
        adminUrl: v.adminUrl.trim(),
        serverName: v.serverName.trim(),
        listen: v.listen.split(",").map((s) => s.trim()).filter(Boolean),
        httpPort: Number(v.httpPort),
        httpsPort: Number(v.httpsPort),
        proxyAddress: v.proxyAddress.trim() || null,
      }),
    onSuccess: () => {
      toast("Caddy settings saved");
      void qc.invalidateQueries({ queryKey: INGRESS_KEY });
      onDone();
    },
  });
  const issue = (path: string) => (save.error instanceof ApiRequestError ? save.error.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message : undefined);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.target.value });
  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Field id="ing-admin" label="Admin API" hint="e.g. http://127.0.0.1:2019" error={issue("adminUrl")} className="sm:col-span-2">
        <Input id="ing-admin" value={v.adminUrl} onChange={set("adminUrl")} inputMode="url" autoComplete="off" />
      </Field>
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

export function CaddyCard({ overview, checking, onCheck }: { overview: IngressOverview; checking: boolean; onCheck: () => void }) {
  const [editing, setEditing] = useState(false);
  const { settings, caddy } = overview;
  return (
    <Card aria-labelledby="caddy-title">
      <CardHeader
        id="caddy-title"
        title={<span className="flex items-center gap-2">Caddy <StatusBadge status={caddy.status} detail={caddy.detail} labels={{ ok: "Connected" }} /></span>}
        description="The LAN reverse proxy. Homeport only changes the objects it created (their @id starts with homeport-)."
        actions={
          <>
            <Button variant="secondary" size="sm" onClick={onCheck} loading={checking}>Check now</Button>
            {!editing && <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>Edit</Button>}
          </>
        }
      />
      <CardBody className="space-y-4">
        {caddy.status !== "ok" && caddy.status !== "unknown" && (
          <Alert tone="error" title={CADDY_HELP[caddy.status] ?? "Caddy reported a problem."}>
            {caddy.detail && <pre className="mt-2 overflow-x-auto font-mono text-xs whitespace-pre-wrap break-words">{caddy.detail}</pre>}
          </Alert>
        )}
        {editing ? (
          <SettingsForm settings={settings} onDone={() => setEditing(false)} />
        ) : (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            {[
              ["Admin API", settings.adminUrl],
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
