// Two-factor sign-in (TOTP): set up by copying the secret or otpauth URI into an authenticator
// app and confirming one code; turn off with the password and a current code.
"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useApi, errorMessage } from "@/lib/client/api";

const digits = (s: string) => s.replace(/\D/g, "").slice(0, 6);

function CodeInput({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return <Input id={id} inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="123456" className="max-w-40 font-mono tracking-[0.3em]" value={value} onChange={(e) => onChange(digits(e.target.value))} />;
}

export function TotpSection({ enabled }: { enabled: boolean }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [disableOpen, setDisableOpen] = useState(false);
  const [disable, setDisable] = useState({ password: "", code: "" });
  const api = useApi();
  const router = useRouter();
  const toast = useToast();

  const run = async (fn: () => Promise<void>) => {
    setPending(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  const begin = () => run(async () => setEnrolment(await api.post<{ secret: string; uri: string }>("/api/auth/totp/setup")));
  const enable = (e: React.FormEvent) => {
    e.preventDefault();
    return run(async () => {
      await api.post("/api/auth/totp/enable", { code });
      setEnrolment(null);
      setCode("");
      toast("Two-factor sign-in is on");
      router.refresh();
    });
  };
  const turnOff = (e: React.FormEvent) => {
    e.preventDefault();
    return run(async () => {
      await api.post("/api/auth/totp/disable", disable);
      setDisableOpen(false);
      setDisable({ password: "", code: "" });
      toast("Two-factor sign-in is off", "info");
      router.refresh();
    });
  };

  return (
    <Card aria-labelledby="totp-title">
      <CardHeader
        id="totp-title"
        title="Two-factor sign-in"
        description="Ask for a 6-digit code from an authenticator app at every sign-in."
        actions={enabled ? <Badge tone="success">On</Badge> : <Badge tone="warning">Off</Badge>}
      />
      <CardBody className="space-y-4">
        {error && !disableOpen && <Alert tone="error">{error}</Alert>}
        {enabled ? (
          <Button
            variant="secondary"
            onClick={() => {
              setError(null);
              setDisableOpen(true);
            }}
          >
            Turn off two-factor
          </Button>
        ) : enrolment ? (
          <form onSubmit={enable} className="space-y-4">
            <ol className="list-decimal space-y-4 pl-5 text-sm">
              <li>
                <p>Add an account in your authenticator app with this secret key:</p>
                <div className="mt-2 flex flex-wrap items-center gap-2">
                  <code data-testid="totp-secret" className="rounded-md bg-zinc-100 px-3 py-2 font-mono text-sm tracking-wider break-all dark:bg-zinc-800">
                    {enrolment.secret.replace(/(.{4})/g, "$1 ").trim()}
                  </code>
                  <CopyButton value={enrolment.secret} label="Copy secret" />
                </div>
                <details className="mt-3">
                  <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Or use the otpauth:// link</summary>
                  <div className="mt-2 flex flex-wrap items-center gap-2">
                    <code className="rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs break-all dark:bg-zinc-800">{enrolment.uri}</code>
                    <CopyButton value={enrolment.uri} label="Copy link" />
                  </div>
                </details>
              </li>
              <li>
                <Field id="totp-enable-code" label="Enter the code the app shows">
                  <CodeInput id="totp-enable-code" value={code} onChange={setCode} />
                </Field>
              </li>
            </ol>
            <div className="flex gap-2">
              <Button type="submit" loading={pending} disabled={code.length !== 6}>
                Turn on
              </Button>
              <Button variant="ghost" onClick={() => setEnrolment(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <Button onClick={begin} loading={pending}>
            Set up two-factor
          </Button>
        )}
      </CardBody>
      <Dialog
        open={disableOpen}
        onClose={() => !pending && setDisableOpen(false)}
        title="Turn off two-factor sign-in?"
        description="Signing in will need only your password. Confirm with your password and a current code."
      >
        <form onSubmit={turnOff} className="space-y-4">
          {error && <Alert tone="error">{error}</Alert>}
          <Field id="totp-disable-password" label="Password">
            <Input id="totp-disable-password" type="password" autoComplete="current-password" value={disable.password} onChange={(e) => setDisable((d) => ({ ...d, password: e.target.value }))} />
          </Field>
          <Field id="totp-disable-code" label="Authentication code">
            <CodeInput id="totp-disable-code" value={disable.code} onChange={(c) => setDisable((d) => ({ ...d, code: c }))} />
          </Field>
          <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => setDisableOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" loading={pending} disabled={!disable.password || disable.code.length !== 6}>
              Turn off
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
