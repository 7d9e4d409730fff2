// SMTP email through nodemailer, to the configured server only (the password is the channel's
// sealed secret).
import nodemailer from "nodemailer";
import type { z } from "zod";
import { EmailConfigSchema } from "../schemas";
import type { ChannelProvider } from "./types";

const SMTP_TIMEOUT_MS = 10_000;

export const emailChannel: ChannelProvider<z.infer<typeof EmailConfigSchema>> = {
  kind: "email",
  configSchema: EmailConfigSchema,
  async send(config, secret, message, signal) {
    const transport = nodemailer.createTransport({
      host: config.host,
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
