// GET: the root certificate of Caddy's internal CA, for devices to trust. PEM by default
// (homeport-root-ca.crt); ?format=der gives the binary form some Android and Windows versions want.
import { X509Certificate } from "node:crypto";
import { route, parseQuery } from "@/lib/api";
import { getRootCertificate, RootCaQuerySchema } from "@/lib/ingress";

export const GET = route("read", async ({ req, db }) => {
  const { format } = parseQuery(req, RootCaQuerySchema);
  const pem = await getRootCertificate(db);
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (format === "der") {
    return new Response(new Uint8Array(new X509Certificate(pem).raw), {
      headers: { ...headers, "content-type": "application/x-x509-ca-cert", "content-disposition": 'attachment; filename="homeport-root-ca.cer"' },
    });
  }
  return new Response(pem, { headers: { ...headers, "content-type": "application/x-pem-file", "content-disposition": 'attachment; filename="homeport-root-ca.crt"' } });
});
