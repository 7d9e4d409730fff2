// API tokens for scripts and other tools: create (shown once, with a copy button; only the scopes
// the user's role allows), list, and revoke with a confirmation.
"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { IconKey } from "@/components/ui/icons";
import { SegmentedField } from "@/components/ui/segmented";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { CreateApiTokenSchema, scopesAllowedFor, type ApiTokenView, type Scope, type UserRole } from "@/lib/auth/schemas";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { issuesToErrors, zodErrors, type FieldErrors } from "@/lib/client/form-errors";

const SCOPE_TEXT: Record<Scope, string> = {
  read: "Read: list and view everything, change nothing.",
  write: "Write: also create, change and delete services and routes.",
  admin: "Admin: also users, the audit log and settings.",
};

const SCOPE_LABEL: Record<Scope, string> = { read: "Read", write: "Write", admin: "Admin" };

const EXPIRY = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
];

/** `role`: the signed-in user's; the form offers only the scopes it allows (the server refuses more). */
export function TokensSection({ initial, role }: { initial: ApiTokenView[]; role: UserRole }) {
  const allowed = scopesAllowedFor(role);
  const api = useApi();
  const queryClient = useQueryClient();
  const toast = useToast();
  const tokens = useQuery({
    queryKey: ["tokens"],
    queryFn: ({ signal }) => api.get<{ items: ApiTokenView[] }>("/api/v1/tokens", signal).then((r) => r.items),
    initialData: initial,
  });

  const [name, setName] = useState("");
  const [scope, setScope] = useState<Scope>("read");
  const [expiry, setExpiry] = useState("90");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const [revokePending, setRevokePending] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = CreateApiTokenSchema.safeParse({ name, scopes: [scope], expiresInDays: expiry === "never" ? null : Number(expiry) });
    if (!parsed.success) {
      setErrors(zodErrors(parsed.error));
      return;
    }
    setErrors({});
    setCreating(true);
    try {
      const res = await api.post<{ token: string }>("/api/v1/tokens", parsed.data);
      setCreated({ name: parsed.data.name, token: res.token });
      setName("");
      await queryClient.invalidateQueries({ queryKey: ["tokens"] });
    } catch (err) {
      if (err instanceof ApiRequestError) setErrors(issuesToErrors(err.issues));
      setProblem(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setRevokePending(true);
    setRevokeError(null);
    try {
      await api.del(`/api/v1/tokens/${revoking.id}`);
      await queryClient.invalidateQueries({ queryKey: ["tokens"] });
      toast(`Revoked ${revoking.name}`);
      setRevoking(null);
    } catch (err) {
      setRevokeError(errorMessage(err));
    } finally {
      setRevokePending(false);
    }
  };

  const list = tokens.data ?? [];
  // Expiry is judged against the time the section first rendered; good enough for a badge.
  const [now] = useState(() => Date.now());
  return (
    <Card aria-labelledby="tokens-title">
      <CardHeader id="tokens-title" title="API tokens" description={<>For scripts and tools: send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to <code className="font-mono">/api/v1</code>.</>} />
      <CardBody className="space-y-6">
        {created && (
          <Alert tone="success" title={`Token “${created.name}” created`}>
            <p>Copy it now: it is shown only once and cannot be recovered.</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code data-testid="new-token" className="rounded-md bg-white px-3 py-2 font-mono text-xs break-all text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100">
                {created.token}
              </code>
              <CopyButton value={created.token} />
              <Button variant="ghost" size="sm" onClick={() => setCreated(null)}>
                Done
              </Button>
            </div>
          </Alert>
        )}
        <form onSubmit={create} noValidate className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <h3 className="text-sm font-semibold">Create a token</h3>
          {problem && <Alert tone="error">{problem}</Alert>}
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-[1fr_10rem]">
            <Field id="token-name" label="Name" error={errors.name}>
              <Input id="token-name" placeholder="backup-script" autoComplete="off" value={name} invalid={!!errors.name} aria-describedby={describedBy("token-name", { error: errors.name })} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field id="token-expiry" label="Expires after" error={errors.expiresInDays}>
              <Select id="token-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
                {EXPIRY.map((x) => (
                  <option key={x.value} value={x.value}>
                    {x.label}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <SegmentedField
            id="token-scope"
            label="Access"
            hint={allowed.length < 3 ? `${SCOPE_TEXT[scope]} A token never has more access than your role (${role}).` : SCOPE_TEXT[scope]}
            name="token-scope"
            value={scope}
            onChange={setScope}
            options={allowed.map((s) => ({ value: s, label: SCOPE_LABEL[s] }))}
          />
          <Button type="submit" loading={creating}>
            Create token
          </Button>
        </form>

        {list.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
            <IconKey className="size-4" /> No API tokens yet.
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="API tokens">
            {list.map((t) => {
              const expired = t.expiresAt !== null && new Date(t.expiresAt).getTime() < now;
              return (
                <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div className="min-w-0 text-sm">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      {t.name}
                      {t.scopes.map((s) => (
                        <Badge key={s} tone={s === "admin" ? "danger" : s === "write" ? "warning" : "neutral"}>
                          {s}
                        </Badge>
                      ))}
                      {expired && <Badge tone="danger">expired</Badge>}
                    </p>
                    <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                      <code className="font-mono">{t.prefix}…</code> · created <Time iso={t.createdAt} /> · {t.lastUsedAt ? <>used <Time iso={t.lastUsedAt} /></> : "never used"} ·{" "}
                      {t.expiresAt ? <>expires <Time iso={t.expiresAt} /></> : "never expires"}
                    </p>
                  </div>
                  <Button
                    variant="secondary"
                    size="sm"
                    className="text-red-700 dark:text-red-400"
                    onClick={() => {
                      setRevokeError(null);
                      setRevoking(t);
                    }}
                  >
                    Revoke
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </CardBody>
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={revoke}
        pending={revokePending}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description="Scripts using this token stop working at once. This cannot be undone."
        confirmLabel="Revoke token"
        error={revokeError && <Alert tone="error">{revokeError}</Alert>}
      />
    </Card>
  );
}
