// A download that never fails silently: fetches the file, saves it under its name, or shows why not.
"use client";

import { useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** The API's error text from a failed response, or a sentence with the HTTP status. */
async function failureText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: fall through
  }
  return `The download failed (HTTP ${res.status}).`;
}

export function DownloadButton({ url, filename, children, variant = "primary", onError }: { url: string; filename: string; children: React.ReactNode; variant?: ButtonVariant; onError: (message: string | null) => void }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    onError(null);
    try {
      const res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (!res.ok) {
        onError(await failureText(res));
        return;
      }
      const href = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = href;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 1000);
    } catch {
      onError("Homeport could not be reached; try again.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant={variant} size="sm" loading={busy} onClick={() => void download()}>
      {children}
    </Button>
  );
}
