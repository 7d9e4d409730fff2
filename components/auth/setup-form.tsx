// First run: the setup code from the server log proves the visitor runs this server; then the
// first admin account is created and signed in.
"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { SetupSchema } from "@/lib/auth/schemas";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-limits";
import { ApiRequestError, apiRequest } from "@/lib/client/api";
import { clearErrors, issuesToErrors, zodErrors, type FieldErrors } from "@/lib/client/form-errors";

export function SetupForm({ codeFile }: { codeFile: string }) {
  const router = useRouter();
  const [values, setValues] = useState({ setupCode: "", username: "admin", password: "", confirm: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setErrors((errs) => clearErrors(errs, [k]));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = SetupSchema.safeParse({ setupCode: values.setupCode, username: values.username, password: values.password });
    const errs: FieldErrors = parsed.success ? {} : zodErrors(parsed.error);
    if (values.password !== values.confirm) errs.confirm = "the passwords do not match";
    setErrors(errs);
    if (!parsed.success || errs.confirm) return;
    setPending(true);
    try {
      await apiRequest("POST", "/api/auth/setup", { body: parsed.data });
      router.replace("/");
      router.refresh();
    } catch (err) {
      setPending(false);
      if (err instanceof ApiRequestError) {
        setErrors(issuesToErrors(err.issues));
        setProblem(err.message);
      } else setProblem("Set-up failed");
    }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Welcome to Homeport</h1>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">Create the administrator account to finish setting up.</p>
      </div>
      {problem && <Alert tone="error">{problem}</Alert>}
      <Field
        id="setupCode"
        label="Setup code"
        error={errors.setupCode}
        hint={
          <>
            Printed in the server log at start-up and stored in <code className="break-all">{codeFile}</code>.
          </>
        }
      >
        <Input
          id="setupCode"
          name="setupCode"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus
          placeholder="XXXX-XXXX-XXXX"
          className="font-mono uppercase"
          invalid={!!errors.setupCode}
          aria-describedby={describedBy("setupCode", { hint: true, error: errors.setupCode })}
          value={values.setupCode}
          onChange={set("setupCode")}
        />
      </Field>
      <Field id="username" label="Username" error={errors.username}>
        <Input id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} invalid={!!errors.username} aria-describedby={describedBy("username", { error: errors.username })} value={values.username} onChange={set("username")} />
      </Field>
      <Field id="password" label="Password" error={errors.password} hint={`At least ${MIN_PASSWORD_LENGTH} characters. A passphrase works well.`}>
        <Input id="password" name="password" type="password" autoComplete="new-password" invalid={!!errors.password} aria-describedby={describedBy("password", { hint: true, error: errors.password })} value={values.password} onChange={set("password")} />
      </Field>
      <Field id="confirm" label="Confirm password" error={errors.confirm}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" invalid={!!errors.confirm} aria-describedby={describedBy("confirm", { error: errors.confirm })} value={values.confirm} onChange={set("confirm")} />
      </Field>
      <Button type="submit" className="w-full" loading={pending}>
        Create admin account
      </Button>
    </form>
  );
}
