// SMTP email through nodemailer, to the configured server only (the password is the channel's
// sealed secret). nodemailer's own timeouts bound each phase (connection, greeting, an idle
// socket); SMTP_DEADLINE_MS bounds the whole exchange, so a server answering one line at a time
// cannot hold a delivery.
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { resolveHost } from "../../engine/resolve";
import { isIpLiteral } from "../../engine/safety";
import type { ChannelProvider } from "../types";
import { emailDescriptor, type EmailConfig } from "./descriptor";

/** nodemailer's connectionTimeout, greetingTimeout and socketTimeout (idle). */
export const SMTP_TIMEOUT_MS = 10_000;
/** The whole exchange: connect, TLS, authentication and the message. */
export const SMTP_DEADLINE_MS = 20_000;

/** Rejects when `signal` aborts first. */
function until<T>(p: Promise<T>, signal: AbortSignal, reason: () => string): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error(reason()));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(reason()));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener("abort", onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener("abort", onAbort); reject(e); },
    );
  });
}

export const emailChannel: ChannelProvider<EmailConfig> = {
  ...emailDescriptor,
  async send(config, secret, message, signal) {
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(SMTP_DEADLINE_MS)]);
    // Resolve (and vet) the server ourselves, then connect to that address: a name that resolves
    // to a link-local or metadata address, or an admin endpoint, is refused like any probe target.
    const { address } = await resolveHost(config.host, deadline, { port: config.port });
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
    // nodemailer closes the connection when this signal aborts (its types do not list it yet).
    const mail: Mail.Options & { signal: AbortSignal } = { from: config.from, to: config.to, subject: `[Homeport] ${message.title}`, text: message.text, signal: deadline };
    try {
      await until(transport.sendMail(mail), deadline, () => (signal.aborted ? "no answer within the delivery's timeout" : `the SMTP server did not finish within ${SMTP_DEADLINE_MS / 1000} s`));
    } finally {
      transport.close();
    }
  },
};
