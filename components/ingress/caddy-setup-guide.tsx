// The Ingress page's welcome for a new user: what Caddy is for, how to point Homeport at it and
// what "not reachable" means, shown until Homeport has reached Caddy (instead of a red error).
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

const CADDYFILE = `{
\tadmin 0.0.0.0:2019
}`;

export function CaddySetupGuide({ adminUrl, status }: { adminUrl: string; status: string }) {
  return (
    <Card aria-labelledby="caddy-guide-title" className="border-indigo-200 dark:border-indigo-900">
      <CardHeader id="caddy-guide-title" title="Set up the reverse proxy" description="Homeport has not reached Caddy yet. Three steps, once." />
      <CardBody className="space-y-4 text-sm text-zinc-700 dark:text-zinc-300">
        <p>
          <strong className="text-zinc-900 dark:text-zinc-100">What Caddy is for.</strong> Caddy is the reverse proxy on your LAN: it answers for every hostname you give a
          service (photos.home.example → your container), with HTTPS from its own certificate authority, no internet needed. Homeport writes those entries for you through
          Caddy&apos;s admin API and touches nothing else in its configuration.
        </p>
        <ol className="list-decimal space-y-3 pl-5">
          <li>
            <span className="font-medium text-zinc-900 dark:text-zinc-100">Run Caddy</span> on a machine your devices reach (a Docker host is fine), with ports 80 and 443
            open. Its admin API listens on localhost:2019; if Caddy runs on another machine or in a container, let it listen where Homeport can reach it, for example in the
            Caddyfile:
            <pre className="mt-2 overflow-x-auto rounded-lg bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-800">{CADDYFILE}</pre>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">The admin API can change everything Caddy serves: keep it off the internet (firewall, or a proxy with an Authorization header).</span>
          </li>
          <li>
            <span className="font-medium text-zinc-900 dark:text-zinc-100">Point Homeport at it:</span> press <em>Edit</em> on the Caddy card below and set the admin API
            address (now <code className="font-mono text-xs">{adminUrl}</code>).
          </li>
          <li>
            <span className="font-medium text-zinc-900 dark:text-zinc-100">Press Check now.</span> Once Caddy answers, the card says Connected and routes get their proxy entries.
          </li>
        </ol>
        <p>
          <strong className="text-zinc-900 dark:text-zinc-100">&ldquo;Not reachable&rdquo;</strong> means Homeport got no answer from the admin address:
          {status === "unreachable" ? " that is what it gets now. " : " "}
          Caddy is not running, listens elsewhere, or a firewall is in between. Nothing is broken meanwhile; routes wait and their proxy entries are created as soon as Caddy answers.
        </p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          After the proxy, <Link href="/dns" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">add a DNS provider</Link> so your hostnames point at
          Caddy, then <Link href="/routes/new" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">create a route</Link>.
        </p>
      </CardBody>
    </Card>
  );
}
