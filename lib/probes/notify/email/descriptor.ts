// The email channel: SMTP to the configured server only. What the server and the form know of it.
import { z } from "zod";
import { knownAdminEndpoints } from "@/lib/net/admin-endpoints";
import { addressRefusal, endpointRefusal } from "../../engine/safety";
import { defineChannel } from "../descriptor";

export const EmailConfigSchema = z.object({
  host: z.string().trim().min(1).max(253).refine((h) => addressRefusal(h) === null, "link-local and cloud-metadata addresses are refused"),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false).describe("TLS from the start (port 465); otherwise STARTTLS when offered"),
  username: z.string().max(256).optional(),
  from: z.string().trim().email(),
  to: z.array(z.string().trim().email()).min(1).max(20),
}).superRefine((c, ctx) => {
  // Host and port together: an admin API (Docker's, Caddy's) is no mail server.
  if (addressRefusal(c.host)) return;
  const refusal = endpointRefusal(c.host, c.port, knownAdminEndpoints());
  if (refusal) ctx.addIssue({ code: "custom", message: refusal, path: ["port"] });
});
export type EmailConfig = z.infer<typeof EmailConfigSchema>;

export const emailDescriptor = defineChannel({
  kind: "email",
  label: "Email (SMTP)",
  description: "Each event is mailed through the configured SMTP server, with the secret as the login's password.",
  configSchema: EmailConfigSchema,
  fields: [
    { key: "host", type: "text", label: "SMTP server", placeholder: "mail.home.example", required: true },
    { key: "port", type: "number", label: "Port", required: false, default: "587", min: 1, max: 65535, word: "port" },
    { key: "secure", type: "checkbox", label: "TLS from the start (port 465)", required: false, default: false, help: "Otherwise STARTTLS when the server offers it.", word: "TLS setting" },
    { key: "from", type: "email", label: "From", required: true },
    { key: "to", type: "list", label: "To", required: true, help: "Comma-separated" },
    { key: "username", type: "text", label: "Username", required: false },
  ],
  secret: { label: "Password", help: "Stored encrypted; never shown again." },
  endpointKeys: ["host", "port", "secure"],
  summary: (c) => (Array.isArray(c.to) ? c.to.join(", ") : ""),
  example: { config: { host: "mail.home.example", port: 587, secure: false, username: "homeport", from: "homeport@home.example", to: ["me@home.example"] }, secret: "email-example-password-2d7e" },
});
