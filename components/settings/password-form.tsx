// Change password. The server ends every other session and gives this one a fresh token and
// CSRF token, so the page is refreshed to pick the new CSRF token up.
"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, describedBy } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ChangePasswordSchema } from "@/lib/auth/schemas";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-limits";
import { ApiRequestError, useApi } from "@/lib/client/api";
import { clearErrors, issuesToErrors, zodErrors, type FieldErrors } from "@/lib/client/form-errors";

export function PasswordForm() {
  const [v, setV] = useState({ currentPassword: "", newPassword: "", confirm: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // The refresh brings the new session's CSRF token; the form stays busy until it has arrived.
  const [refreshing, startRefresh] = useTransition();
  const api = useApi();
  const router = useRouter();
  const toast = useToast();

  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setV((s) => ({ ...s, [k]: e.target.value }));
    setErrors((errs) => clearErrors(errs, [k]));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = ChangePasswordSchema.safeParse({ currentPassword: v.currentPassword, newPassword: v.newPassword });
    const errs: FieldErrors = parsed.success ? {} : zodErrors(parsed.error);
    if (v.newPassword !== v.confirm) errs.confirm = "the passwords do not match";
    setErrors(errs);
    if (!parsed.success || errs.confirm) return;
    setPending(true);
    try {
      await api.post("/api/auth/password", parsed.data);
      setV({ currentPassword: "", newPassword: "", confirm: "" });
      toast("Password changed. Your other sessions were signed out.");
      startRefresh(() => router.refresh());
    } catch (err) {
      if (err instanceof ApiRequestError) {
        setErrors(issuesToErrors(err.issues));
        if (err.status === 403) setErrors({ currentPassword: err.message });
        else setProblem(err.message);
      } else setProblem("Could not change the password");
    } finally {
      setPending(false);
    }
  };

  return (
    <Card aria-labelledby="password-title">
      <CardHeader id="password-title" title="Password" description="Changing it signs you out on every other device." />
      <CardBody>
        <form onSubmit={submit} noValidate className="max-w-md space-y-4">
          {problem && <Alert tone="error">{problem}</Alert>}
          <input type="text" name="username" autoComplete="username" hidden readOnly />
          <Field id="currentPassword" label="Current password" error={errors.currentPassword}>
            <Input id="currentPassword" type="password" autoComplete="current-password" value={v.currentPassword} invalid={!!errors.currentPassword} aria-describedby={describedBy("currentPassword", { error: errors.currentPassword })} onChange={set("currentPassword")} />
          </Field>
          <Field id="newPassword" label="New password" error={errors.newPassword} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
            <Input id="newPassword" type="password" autoComplete="new-password" value={v.newPassword} invalid={!!errors.newPassword} aria-describedby={describedBy("newPassword", { hint: true, error: errors.newPassword })} onChange={set("newPassword")} />
          </Field>
          <Field id="confirmPassword" label="Confirm new password" error={errors.confirm}>
            <Input id="confirmPassword" type="password" autoComplete="new-password" value={v.confirm} invalid={!!errors.confirm} aria-describedby={describedBy("confirmPassword", { error: errors.confirm })} onChange={set("confirm")} />
          </Field>
          <Button type="submit" loading={pending || refreshing}>
            Change password
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
