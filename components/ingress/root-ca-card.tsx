// The root certificate of Caddy's internal CA, with install notes per platform, so phones and
// laptops trust the LAN hostnames without the internet. A failed download says why (Caddy not
// reachable yet, no internal CA) instead of saving an error page or nothing.
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DownloadButton } from "./download-button";

const PEM_URL = "/api/v1/ingress/root-ca";
const DER_URL = "/api/v1/ingress/root-ca?format=der";

const NOTES: { platform: string; steps: string[] }[] = [
  {
    platform: "iPhone and iPad (iOS, iPadOS)",
    steps: [
      "Open this page in Safari and download the .crt file; allow the configuration profile download.",
      "Settings → General → VPN & Device Management → the downloaded profile → Install.",
      "Settings → General → About → Certificate Trust Settings → turn on full trust for “Caddy Local Authority”.",
    ],
  },
  {
    platform: "Android",
    steps: [
      "Download the .crt file (use .cer if your phone refuses the first).",
      "Settings → Security & privacy → More security settings → Encryption & credentials → Install a certificate → CA certificate.",
      "Confirm the warning and pick the file. Some apps only trust system CAs and will still refuse it; browsers accept it.",
    ],
  },
  {
    platform: "macOS",
    steps: [
      "Double-click the .crt file; Keychain Access opens. Add it to the System keychain.",
      "Open the certificate, expand Trust, set “When using this certificate” to Always Trust, close and confirm with your password.",
      "Or in a terminal: sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain homeport-root-ca.crt",
    ],
  },
  {
    platform: "Windows",
    steps: [
      "Double-click the .crt (or .cer) file → Install Certificate → Local Machine.",
      "Choose “Place all certificates in the following store” → Trusted Root Certification Authorities → Finish.",
      "Or in an administrator terminal: certutil -addstore -f Root homeport-root-ca.crt",
    ],
  },
  {
    platform: "Linux (Debian, Ubuntu)",
    steps: [
      "sudo cp homeport-root-ca.crt /usr/local/share/ca-certificates/ && sudo update-ca-certificates",
      "Firefox keeps its own store: Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import.",
      "Fedora / Arch: sudo trust anchor homeport-root-ca.crt",
    ],
  },
];

export function RootCaCard() {
  const [error, setError] = useState<string | null>(null);
  return (
    <Card aria-labelledby="rootca-title">
      <CardHeader
        id="rootca-title"
        title="Root certificate"
        description="LAN hostnames use certificates from Caddy's own CA, which works without the internet. Install its root once on each device."
        actions={
          <>
            <DownloadButton url={PEM_URL} filename="homeport-root-ca.crt" onError={setError}>Download .crt</DownloadButton>
            <DownloadButton url={DER_URL} filename="homeport-root-ca.cer" variant="secondary" onError={setError}>.cer (DER)</DownloadButton>
          </>
        }
      />
      <CardBody className="space-y-2">
        {error && (
          <Alert tone="error" title="The root certificate could not be downloaded">
            {/[.!?]$/.test(error) ? error : `${error}.`} It comes from Caddy: once Homeport reaches Caddy (see above) and Caddy has issued its first internal certificate, the download works.
          </Alert>
        )}
        {NOTES.map((n) => (
          <details key={n.platform} className="group rounded-lg border border-zinc-200 px-4 py-2 dark:border-zinc-800">
            <summary className="cursor-pointer text-sm font-medium text-zinc-900 select-none dark:text-zinc-100">{n.platform}</summary>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-300">
              {n.steps.map((s) => (
                <li key={s} className="break-words">{s}</li>
              ))}
            </ol>
          </details>
        ))}
        <p className="pt-1 text-xs text-zinc-500 dark:text-zinc-400">Only install a root you trust: anyone holding its key can impersonate any site to that device. The key stays in Caddy&apos;s data directory.</p>
      </CardBody>
    </Card>
  );
}
