// The "Add user" dialog: a name, a role (explained), and a password typed by the admin or generated
// by Homeport (the result is shown once by the caller). Errors stay next to their field.
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { SegmentedField } from "@/components/ui/segmented";
import { CreateUserSchema, UserRoleSchema, type UserPasswordResult, type UserRole } from "@/lib/auth/schemas";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { issuesToErrors, zodErrors, type FieldErrors } from "@/lib/client/form-errors";

export const ROLE_TEXT: Record<UserRole, string> = {
  admin: "Admin: everything, including users, API tokens, settings, secrets and consoles.",
  operator: "Operator: runs the lab (deploy, start and stop, checks, routes); no users or settings.",
  viewer: "Viewer: sees everything that is not secret, changes nothing.",
};

export const ROLE_LABEL: Record<UserRole, string> = { admin: "Admin", operator: "Operator", viewer: "Viewer" };

export function UserCreateDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: UserPasswordResult) => void }) {
  const api = useApi();
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<UserRole>("viewer");
  const [mode, setMode] = useState<"generate" | "type">("generate");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const reset = () => {
    setUsername("");
    setRole("viewer");
    setMode("generate");
    setPassword("");
    setErrors({});
    setProblem(null);
  };

  const focusFirstError = (errs: FieldErrors) => {
    const first = ["username", "role", "password"].find((k) => errs[k]);
    if (first) document.getElementById(`new-user-${first}`)?.focus();
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = CreateUserSchema.safeParse({ username, role, ...(mode === "type" ? { password } : {}) });
    if (!parsed.success) {
      const errs = zodErrors(parsed.error);
      setErrors(errs);
      focusFirstError(errs);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const created = await api.post<UserPasswordResult>("/api/v1/users", parsed.data);
      reset();
      onCreated(created);
    } catch (err) {
      if (err instanceof ApiRequestError) {
        const errs = issuesToErrors(err.issues);
        setErrors(errs);
        focusFirstError(errs);
      }
      setProblem(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={() => {
        if (pending) return;
        reset();
        onClose();
      }}
      title="Add a user"
      description="They sign in with this name and password, and can turn on two-factor themselves."
    >
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Add a user">
        {problem && <Alert tone="error">{problem}</Alert>}
        <Field id="new-user-username" label="Username" error={errors.username}>
          <Input id="new-user-username" autoComplete="off" value={username} invalid={!!errors.username} aria-describedby={describedBy("new-user-username", { error: errors.username })} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </Field>
        <Field id="new-user-role" label="Role" hint={ROLE_TEXT[role]} error={errors.role}>
          <Select id="new-user-role" value={role} aria-describedby={describedBy("new-user-role", { hint: true, error: errors.role })} onChange={(e) => setRole(UserRoleSchema.parse(e.target.value))}>
            {UserRoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <SegmentedField
          id="new-user-password-mode"
          label="Initial password"
          name="new-user-password-mode"
          value={mode}
          onChange={setMode}
          hint={mode === "generate" ? "Homeport makes one up and shows it once; pass it on to them." : "At least the minimum length; tell them to change it under Settings."}
          options={[
            { value: "generate", label: "Generate" },
            { value: "type", label: "Type one" },
          ]}
        />
        {mode === "type" && (
          <Field id="new-user-password" label="Password" error={errors.password}>
            <Input id="new-user-password" type="password" autoComplete="new-password" value={password} invalid={!!errors.password} aria-describedby={describedBy("new-user-password", { error: errors.password })} onChange={(e) => setPassword(e.target.value)} />
          </Field>
        )}
        <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => {
              reset();
              onClose();
            }}
          >
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Add user
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
