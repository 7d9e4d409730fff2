// Adds a zone: its apex, whether it answers at home (LAN → the reverse proxy's addresses) or on
// the internet (public → the tunnel target), and the provider that serves it.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import type { ProviderView, ZoneView } from "@/lib/dns/schemas";

export function ZoneForm({ providers, onDone }: { providers: ProviderView[]; onDone: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState("");
  const [role, setRole] = useState<"lan" | "public">("lan");
  const [providerId, setProviderId] = useState(providers[0]?.id ?? "");
  const [target, setTarget] = useState("");
  const [ttl, setTtl] = useState("300");
  const save = useMutation({
    mutationFn: () => api.post<ZoneView>("/api/v1/dns/zones", { name, role, providerId, ttl: Number(ttl), target: target.split(/[\s,]+/).filter(Boolean) }),
    onSuccess: async (z) => {
      toast(`Added zone ${z.name} (${z.role})`);
      await qc.invalidateQueries({ queryKey: ["dns"] });
      onDone();
    },
  });
  const issue = (path: string) => (save.error instanceof ApiRequestError ? save.error.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message : undefined);

  return (
    <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="dns-zone-name" label="Zone" hint="The apex, e.g. home.example" error={issue("name")}>
          <Input id="dns-zone-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="home.example" spellCheck={false} autoCapitalize="none" required />
        </Field>
        <Field id="dns-zone-role" label="Answers">
          <Select id="dns-zone-role" value={role} onChange={(e) => setRole(e.target.value as "lan" | "public")}>
            <option value="lan">At home (LAN → reverse proxy)</option>
            <option value="public">On the internet (public → tunnel)</option>
          </Select>
        </Field>
        <Field id="dns-zone-provider" label="Provider" error={issue("providerId")}>
          <Select id="dns-zone-provider" value={providerId} onChange={(e) => setProviderId(e.target.value)}>
            {providers.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.label})</option>)}
          </Select>
        </Field>
        <Field id="dns-zone-target" label={role === "lan" ? "Reverse proxy addresses" : "Tunnel target"} hint={role === "lan" ? "IPv4 and/or IPv6, separated by spaces" : "e.g. <tunnel-id>.cfargotunnel.com"} error={issue("target")}>
          <Input id="dns-zone-target" value={target} onChange={(e) => setTarget(e.target.value)} placeholder={role === "lan" ? "192.168.1.10 fd00::10" : "abc.cfargotunnel.com"} spellCheck={false} autoCapitalize="none" />
        </Field>
        <Field id="dns-zone-ttl" label="TTL (seconds)" hint="60-86400" error={issue("ttl")}>
          <Input id="dns-zone-ttl" type="number" inputMode="numeric" value={ttl} onChange={(e) => setTtl(e.target.value)} />
        </Field>
      </div>
      {save.isError && <Alert tone="error">{errorMessage(save.error)}</Alert>}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" loading={save.isPending} disabled={!providerId}>Add zone</Button>
      </div>
    </form>
  );
}
