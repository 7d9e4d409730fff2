// The host page's "Addresses": the IP addresses exposure scans and firewall suggestions use (nothing
// else is ever scanned), and for those allowed to change the host, an editor with the addresses the
// agent sees on its interfaces offered as one-click suggestions.
"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { Card, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Input, Label } from "@/components/ui/field";
import { useCan } from "@/components/auth/role-context";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { addressProblem, cleanAddress, MAX_HOST_ADDRESSES, suggestAddresses, type AddressSuggestion } from "./host-addresses-check";

/** Interfaces change rarely: read them through the agent at most once a minute. */
const INTERFACES_STALE_MS = 60_000;

/** The part of GET /api/v1/hosts/:id/firewall this card reads. */
const FirewallInterfacesSchema = z.object({
  available: z.boolean(),
  view: z.object({ interfaces: z.array(z.object({ name: z.string(), up: z.boolean(), addresses: z.array(z.string()) })) }).nullable(),
});

const suggestButton =
  "inline-flex min-h-8 max-w-full items-center gap-1.5 rounded-lg border border-zinc-300 bg-white px-3 py-1 text-left text-sm font-medium text-zinc-800 shadow-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";
const chip = "inline-flex max-w-full items-center gap-1 rounded-md bg-zinc-100 py-0.5 pl-2 font-mono text-xs break-all dark:bg-zinc-800";

function useSuggestions(hostId: string, enabled: boolean, current: string[]): { suggestions: AddressSuggestion[]; loading: boolean } {
  const api = useApi();
  const q = useQuery({
    queryKey: ["host-interfaces", hostId],
    queryFn: async ({ signal }) => FirewallInterfacesSchema.parse(await api.get(`/api/v1/hosts/${hostId}/firewall`, signal)),
    enabled,
    retry: false,
    staleTime: INTERFACES_STALE_MS,
  });
  // A failed read, a firewall the agent will not share (--deny-firewall) or an offline agent: none offered.
  const interfaces = q.data?.available ? (q.data.view?.interfaces ?? []) : [];
  return { suggestions: enabled ? suggestAddresses(interfaces, current) : [], loading: enabled && q.isPending };
}

function AddressEditor({ hostId, addresses, online, onSaved }: { hostId: string; addresses: string[]; online: boolean; onSaved: (next: string[]) => void }) {
  const api = useApi();
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const { suggestions, loading } = useSuggestions(hostId, online, addresses);

  async function save(next: string[], done: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await api.patch(`/api/v1/hosts/${hostId}`, { addresses: next });
      onSaved(next);
      setStatus(done);
      router.refresh();
      return true;
    } catch (err) {
      // Name the address the server refused ("addresses.2" is the third).
      const issue = err instanceof ApiRequestError ? err.issues.find((i) => i.path.startsWith("addresses")) : undefined;
      const n = issue ? Number(issue.path.split(".")[1]) : NaN;
      setError(issue && Number.isInteger(n) && next[n] ? `${next[n]}: ${issue.message}` : errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(raw: string) {
    const problem = addressProblem(raw, addresses);
    if (problem) {
      setError(problem);
      setStatus(null);
      return;
    }
    const address = cleanAddress(raw);
    if (await save([...addresses, address], `Added ${address}`)) setText("");
  }

  return (
    <div className="space-y-4">
      {addresses.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Addresses">
          {addresses.map((a) => (
            <li key={a} className={chip}>
              {a}
              <button
                type="button"
                disabled={busy}
                aria-label={`Remove ${a}`}
                title={`Remove ${a}`}
                className="inline-flex size-7 shrink-0 items-center justify-center rounded text-base leading-none text-zinc-500 hover:bg-zinc-200 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-red-300"
                onClick={() => void save(addresses.filter((x) => x !== a), `Removed ${a}`)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        className="space-y-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          void add(text);
        }}
      >
        <Label htmlFor={id}>Add an address</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            id={id}
            value={text}
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="192.168.1.10 or 2001:db8::10"
            className="font-mono sm:max-w-xs"
            invalid={error !== null}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
          <Button type="submit" loading={busy} disabled={addresses.length >= MAX_HOST_ADDRESSES}>
            Add address
          </Button>
        </div>
        <Hint id={`${id}-hint`}>One IPv4 or IPv6 address at a time, without a prefix length; at most {MAX_HOST_ADDRESSES}.</Hint>
        <FieldError id={`${id}-error`} message={error ?? undefined} />
        {status && (
          <p role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
            {status}
          </p>
        )}
      </form>
      <section aria-labelledby={`${id}-seen`} className="space-y-2">
        <h3 id={`${id}-seen`} className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">
          Seen on the host
        </h3>
        {!online ? (
          <p className="text-zinc-500 dark:text-zinc-400">The agent is offline: its interfaces&apos; addresses are offered here while it is connected.</p>
        ) : loading ? (
          <p className="text-zinc-500 dark:text-zinc-400">Asking the agent for its interfaces…</p>
        ) : suggestions.length === 0 ? (
          <p className="text-zinc-500 dark:text-zinc-400">Nothing to suggest: the agent shares no other address (or denies reading its network, --deny-firewall). Loopback and link-local addresses are never offered.</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {suggestions.map((s) => (
              <li key={s.address}>
                <button
                  type="button"
                  className={suggestButton}
                  disabled={busy || addresses.length >= MAX_HOST_ADDRESSES}
                  aria-label={`Add ${s.address} (seen on ${s.interface})`}
                  onClick={() => void save([...addresses, s.address], `Added ${s.address}`)}
                >
                  <span aria-hidden>+</span> <span className="font-mono break-all">{s.address}</span> <span className="text-zinc-500 dark:text-zinc-400">{s.interface}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function HostAddressesCard({ hostId, initial, online, revoked }: { hostId: string; initial: string[]; online: boolean; revoked: boolean }) {
  // PATCH /api/v1/hosts/:id is an admin route (it also sets the vantage and bind-mount folders).
  const canEdit = useCan("admin") && !revoked;
  const [addresses, setAddresses] = useState(initial);
  const [shown, setShown] = useState(initial);
  // A refreshed page (another tab, another admin) brings a new list: take it.
  if (initial.join(" ") !== shown.join(" ")) {
    setShown(initial);
    setAddresses(initial);
  }
  return (
    <Card aria-labelledby="host-addresses">
      <CardHeader
        id="host-addresses"
        title="Addresses"
        description="The addresses exposure scans and firewall suggestions use; Homeport scans nothing else."
      />
      <div className="space-y-3 px-5 py-4 text-sm">
        {addresses.length === 0 && (
          <p className="font-medium text-amber-800 dark:text-amber-300">
            No addresses yet: exposure scans skip this host.{!canEdit && !revoked && " An admin can add them here."}
          </p>
        )}
        {canEdit ? (
          <AddressEditor hostId={hostId} addresses={addresses} online={online} onSaved={setAddresses} />
        ) : (
          addresses.length > 0 && (
            <ul className="flex flex-wrap gap-2" aria-label="Addresses">
              {addresses.map((a) => (
                <li key={a} className={`${chip} pr-2`}>
                  {a}
                </li>
              ))}
            </ul>
          )
        )}
      </div>
    </Card>
  );
}
