// SMTP email through nodemailer, to the configured server only (the password is the channel's
// sealed secret).
import nodemailer from "nodemailer";
import { resolveHost } from "../engine/resolve";
import { isIpLiteral } from "../engine/safety";
import type { z } from "zod";
import { EmailConfigSchema } from "../schemas";
import type { ChannelProvider } from "./types";

const SMTP_TIMEOUT_MS = 10_000;

export const emailChannel: ChannelProvider<z.infer<typeof EmailConfigSchema>> = {
  kind: "email",
  configSchema: EmailConfigSchema,
  async send(config, secret, message, signal) {
    // Resolve (and vet) the server ourselves, then connect to that address: a name that resolves
    // to a link-local or metadata address is refused like any probe target.
    const { address } = await resolveHost(config.host, signal);
    const transport = nodemailer.createTransport({
      host: address,
      tls: isIpLiteral(config.host) ? undefined : { servername: config.host },
      port: config.port,
      secure: config.secure,
      auth: config.username ? { user: config.username, pass: secret ?? "" } : undefined,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
    const onAbort = () => transport.close();
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      await transport.sendMail({ from: config.from, to: config.to, subject: `[Homeport] ${message.title}`, text: message.text });
    } finally {
      signal.removeEventListener("abort", onAbort);
      transport.close();
    }
  },
};
