// Matrix: PUT <homeserver>/_matrix/client/v3/rooms/<room>/send/m.room.message/<txnId> with the
// access token as a bearer (https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3roomsroomidsendeventtypetxnid):
// a plain body and an HTML formatted_body. A fresh transaction id per attempt.
import { randomUUID } from "node:crypto";
import { checkInUrl, type ChannelProvider } from "../types";
import { sendTo } from "../http-post";
import { EVENT_EMOJI, plainText } from "../config-parts-chat";
import { matrixDescriptor, type MatrixConfig } from "./descriptor";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const matrixChannel: ChannelProvider<MatrixConfig> = {
  ...matrixDescriptor,
  async send(config, secret, message, signal) {
    if (!secret) throw new Error("Matrix needs the sending user's access token");
    const link = checkInUrl(config.appUrl, message);
    const html = `${EVENT_EMOJI[message.event]} <strong>${escapeHtml(message.title)}</strong><br>${escapeHtml(message.text)}${link ? `<br><a href="${escapeHtml(link)}">Open in Homeport</a>` : ""}`;
    const body = { msgtype: "m.text", body: plainText(message, config.appUrl), format: "org.matrix.custom.html", formatted_body: html };
    const url = `${config.homeserver.replace(/\/+$/, "")}/_matrix/client/v3/rooms/${encodeURIComponent(config.roomId)}/send/m.room.message/${randomUUID()}`;
    await sendTo("PUT", url, { "content-type": "application/json", authorization: `Bearer ${secret}` }, JSON.stringify(body), signal);
  },
};
