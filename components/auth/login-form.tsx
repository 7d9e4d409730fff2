// Sign-in: username and password, then a 6-digit code when the account has two-factor on.
// Shows wrong-password and lock-out messages as the server words them.
"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ApiRequestError, apiRequest } from "@/lib/client/api";

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const [needTotp, setNeedTotp] = useState(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<{ tone: "error" | "warning"; message: string } | null>(null);
  const totpRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // What was typed (or autofilled by a password manager) before the page came alive counts: the
  // fields are uncontrolled, and their values are read once on mount.
  useEffect(() => {
    if (usernameRef.current?.value) setUsername(usernameRef.current.value);
    if (passwordRef.current?.value) setPassword(passwordRef.current.value);
  }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    setProblem(null);
    try {
      await apiRequest("POST", "/api/auth/login", { body: { username, password, ...(needTotp ? { totp } : {}) } });
      router.replace(next);
      router.refresh();
    } catch (err) {
      setPending(false);
      if (err instanceof ApiRequestError) {
        if (err.status === 401 && err.issues.some((i) => i.path === "totp" && i.message === "totp_required")) {
          setNeedTotp(true);
          setTimeout(() => totpRef.current?.focus(), 0);
          return;
        }
        if (err.status === 401 && err.issues.some((i) => i.path === "totp")) {
          setTotp("");
          setProblem({ tone: "error", message: err.message });
          totpRef.current?.focus();
          return;
        }
        setProblem({ tone: err.status === 429 ? "warning" : "error", message: err.message });
        return;
      }
      setProblem({ tone: "error", message: err instanceof Error ? err.message : "Sign-in failed" });
    }
  };

  return (
    <form onSubmit={submit} method="post" noValidate className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">{needTotp ? "Two-factor code" : "Sign in"}</h1>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          {needTotp ? "Enter the 6-digit code from your authenticator app." : "Welcome back. Sign in to manage your homelab."}
        </p>
      </div>
      {problem && (
        <Alert tone={problem.tone} title={problem.tone === "warning" ? "Signing in is paused" : undefined}>
          {problem.message}
        </Alert>
      )}
      {!needTotp ? (
        <>
          <Field id="username" label="Username">
            <Input ref={usernameRef} id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus defaultValue={username} onChange={(e) => setUsername(e.target.value)} />
          </Field>
          <Field id="password" label="Password">
            <Input ref={passwordRef} id="password" name="password" type="password" autoComplete="current-password" required defaultValue={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
        </>
      ) : (
        <Field id="totp" label="Authentication code">
          <Input
            ref={totpRef}
            id="totp"
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            placeholder="123456"
            className="text-center font-mono text-lg tracking-[0.4em]"
            value={totp}
            onChange={(e) => setTotp(e.target.value.replace(/\D/g, "").slice(0, 6))}
          />
        </Field>
      )}
      <Button type="submit" className="w-full" loading={pending} disabled={needTotp ? totp.length !== 6 : !username || !password}>
        {needTotp ? "Verify and sign in" : "Sign in"}
      </Button>
      {needTotp && (
        <button
          type="button"
          className="w-full text-center text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
          onClick={() => {
            setNeedTotp(false);
            setTotp("");
            setProblem(null);
          }}
        >
          Use a different account
        </button>
      )}
    </form>
  );
}
