// Users (admins only): who can sign in, their role (changed in place), two-factor on or off, last
// activity; add a user, reset a password or two-factor, delete with a confirmation. A generated
// password is shown once, with a copy button.
"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { IconPlus } from "@/components/ui/icons";
import { Table, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { UserRoleSchema, type UserPasswordResult, type UserRole, type UserView } from "@/lib/auth/schemas";
import { errorMessage, useApi } from "@/lib/client/api";
import { ROLE_LABEL, ROLE_TEXT, UserCreateDialog } from "./user-create-dialog";

type Pending = { kind: "delete" | "password" | "totp"; user: UserView };

const CONFIRM: Record<Pending["kind"], { title: (u: UserView) => string; description: (u: UserView) => string; label: string }> = {
  delete: {
    title: (u) => `Delete ${u.username}?`,
    description: (u) => `${u.username} is signed out everywhere and their API tokens stop working at once. The audit log keeps what they did. This cannot be undone.`,
    label: "Delete user",
  },
  password: {
    title: (u) => `Reset ${u.username}'s password?`,
    description: (u) => `Homeport generates a new password and shows it once. ${u.username} is signed out everywhere; their API tokens keep working.`,
    label: "Reset password",
  },
  totp: {
    title: (u) => `Turn off two-factor for ${u.username}?`,
    description: (u) => `For a lost phone: ${u.username} then signs in with their password alone and can set up two-factor again under Settings.`,
    label: "Turn off two-factor",
  },
};

export function UsersSection({ initial, currentUserId }: { initial: UserView[]; currentUserId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const toast = useToast();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: ({ signal }) => api.get<{ items: UserView[] }>("/api/v1/users", signal).then((r) => r.items),
    initialData: initial,
  });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ username: string; password: string; what: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [roleError, setRoleError] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ["users"] });

  const onCreated = async (r: UserPasswordResult) => {
    setCreating(false);
    if (r.generatedPassword) setSecret({ username: r.user.username, password: r.generatedPassword, what: "created" });
    toast(`Added ${r.user.username} (${ROLE_LABEL[r.user.role].toLowerCase()})`);
    await refresh();
  };

  const changeRole = async (u: UserView, role: UserRole) => {
    setRoleError(null);
    try {
      await api.patch(`/api/v1/users/${u.id}`, { role });
      toast(`${u.username} is now ${ROLE_LABEL[role].toLowerCase()}`);
    } catch (err) {
      setRoleError(`${u.username}: ${errorMessage(err)}`);
    }
    await refresh();
  };

  const confirm = async () => {
    if (!pending) return;
    const { kind, user } = pending;
    setBusy(true);
    setConfirmError(null);
    try {
      if (kind === "delete") {
        await api.del(`/api/v1/users/${user.id}`);
        toast(`Deleted ${user.username}`);
      } else if (kind === "password") {
        const r = await api.post<UserPasswordResult>(`/api/v1/users/${user.id}/password`, {});
        if (r.generatedPassword) setSecret({ username: user.username, password: r.generatedPassword, what: "reset" });
      } else {
        await api.del(`/api/v1/users/${user.id}/totp`);
        toast(`Two-factor is off for ${user.username}`);
      }
      setPending(null);
      await refresh();
    } catch (err) {
      setConfirmError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const list = users.data ?? [];
  const admins = list.filter((u) => u.role === "admin").length;
  return (
    <Card aria-labelledby="users-title" data-testid="users-section">
      <CardHeader
        id="users-title"
        title="Users"
        description="Who can sign in and what they may do. Every change here is in the audit log."
        actions={
          <Button size="sm" onClick={() => setCreating(true)}>
            <IconPlus className="size-4" /> Add user
          </Button>
        }
      />
      <CardBody className="space-y-4">
        {secret && (
          <Alert tone="success" title={secret.what === "created" ? `${secret.username} can sign in now` : `New password for ${secret.username}`}>
            <p>Copy the password now and pass it on: it is shown only once.</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code data-testid="generated-password" className="rounded-md bg-white px-3 py-2 font-mono text-sm break-all text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100">
                {secret.password}
              </code>
              <CopyButton value={secret.password} />
              <Button variant="ghost" size="sm" onClick={() => setSecret(null)}>
                Done
              </Button>
            </div>
          </Alert>
        )}
        {roleError && <Alert tone="error">{roleError}</Alert>}
        <ul className="grid gap-1 text-xs text-zinc-600 sm:grid-cols-3 dark:text-zinc-400" aria-label="Roles">
          {UserRoleSchema.options.map((r) => (
            <li key={r}>{ROLE_TEXT[r]}</li>
          ))}
        </ul>
        <Table
          className="-mx-5 sm:mx-0 sm:rounded-lg sm:border sm:border-zinc-200 sm:dark:border-zinc-800"
          columns={["User", "Role", { label: "Two-factor", className: "hidden sm:table-cell" }, { label: "Last active", className: "hidden md:table-cell" }, { label: "Actions", className: "text-right" }]}
        >
          {list.map((u) => {
            const self = u.id === currentUserId;
            const lastAdmin = u.role === "admin" && admins === 1;
            return (
              <TableRow key={u.id}>
                <td className="px-5 py-3">
                  <span className="flex flex-wrap items-center gap-1.5 font-medium">
                    {u.username}
                    {self && <Badge tone="accent">you</Badge>}
                    <span className="sm:hidden">{u.totpEnabled ? <Badge tone="success">2FA</Badge> : null}</span>
                  </span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    added <Time iso={u.createdAt} />
                  </span>
                </td>
                <td className="px-5 py-3">
                  <label htmlFor={`role-${u.id}`} className="sr-only">
                    Role of {u.username}
                  </label>
                  <Select
                    id={`role-${u.id}`}
                    value={u.role}
                    disabled={self || lastAdmin}
                    title={self ? "Another admin can change your role" : lastAdmin ? "The last admin stays an admin" : undefined}
                    className="min-w-28"
                    onChange={(e) => void changeRole(u, UserRoleSchema.parse(e.target.value))}
                  >
                    {UserRoleSchema.options.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="hidden px-5 py-3 sm:table-cell">{u.totpEnabled ? <Badge tone="success">On</Badge> : <Badge tone="neutral">Off</Badge>}</td>
                <td className="hidden px-5 py-3 text-zinc-600 md:table-cell dark:text-zinc-400">
                  {u.lastActiveAt ? <Time iso={u.lastActiveAt} /> : "not signed in"}
                  {u.activeSessions > 0 && <span className="block text-xs">{u.activeSessions} session{u.activeSessions === 1 ? "" : "s"}</span>}
                </td>
                <td className="px-5 py-3">
                  {self ? (
                    <p className="text-right text-xs text-zinc-500 dark:text-zinc-400">Your own account is above</p>
                  ) : (
                    <div className="flex flex-wrap justify-end gap-1.5">
                      <Button variant="secondary" size="sm" onClick={() => { setConfirmError(null); setPending({ kind: "password", user: u }); }}>
                        Reset password
                      </Button>
                      {u.totpEnabled && (
                        <Button variant="secondary" size="sm" onClick={() => { setConfirmError(null); setPending({ kind: "totp", user: u }); }}>
                          Reset 2FA
                        </Button>
                      )}
                      <Button variant="secondary" size="sm" className="text-red-700 dark:text-red-400" aria-label={`Delete ${u.username}`} onClick={() => { setConfirmError(null); setPending({ kind: "delete", user: u }); }}>
                        Delete
                      </Button>
                    </div>
                  )}
                </td>
              </TableRow>
            );
          })}
        </Table>
      </CardBody>
      <UserCreateDialog open={creating} onClose={() => setCreating(false)} onCreated={(r) => void onCreated(r)} />
      <ConfirmDialog
        open={pending !== null}
        onClose={() => setPending(null)}
        onConfirm={() => void confirm()}
        pending={busy}
        title={pending ? CONFIRM[pending.kind].title(pending.user) : ""}
        description={pending ? CONFIRM[pending.kind].description(pending.user) : undefined}
        confirmLabel={pending ? CONFIRM[pending.kind].label : "Confirm"}
        error={confirmError && <Alert tone="error">{confirmError}</Alert>}
      />
    </Card>
  );
}
