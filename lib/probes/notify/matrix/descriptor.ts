// The Matrix channel: a message in a room through the homeserver's client-server API, as the user
// whose access token is the secret. What the server and the form know of it.
import { z } from "zod";
import { AppUrlSchema, APP_URL_FIELD, SafeUrlSchema, text } from "../config-parts";
import { defineChannel } from "../descriptor";

/** A room ID ("!opaque:server"); aliases (#room:server) must be looked up first, so they are refused with a hint. */
export const MatrixRoomIdSchema = z.string().trim().max(255).regex(/^![^\s:/]+:[A-Za-z0-9.:[\]-]+$/, "a room ID such as !abcdef:matrix.example (Room settings → Advanced), not an alias");

export const MatrixConfigSchema = z.object({
  homeserver: SafeUrlSchema.describe("The homeserver's client API base URL, e.g. https://matrix.example"),
  roomId: MatrixRoomIdSchema,
  appUrl: AppUrlSchema,
});
export type MatrixConfig = z.infer<typeof MatrixConfigSchema>;

export const matrixDescriptor = defineChannel({
  kind: "matrix",
  label: "Matrix",
  description: "Each event is sent as a message to a Matrix room through the homeserver's client-server API, as the user whose access token is the secret (invite that user to the room first).",
  configSchema: MatrixConfigSchema,
  fields: [
    { key: "homeserver", type: "url", label: "Homeserver URL", placeholder: "https://matrix.example", required: true, word: "homeserver" },
    { key: "roomId", type: "text", label: "Room ID", placeholder: "!abcdef:matrix.example", required: true, help: "Room settings → Advanced → Internal room ID." },
    APP_URL_FIELD,
  ],
  secret: { label: "Access token", help: "The sending user's access token. Stored encrypted; never shown again." },
  endpointKeys: ["homeserver"],
  summary: (c) => `${text(c.roomId)} on ${text(c.homeserver)}`,
  example: { config: { homeserver: "https://matrix.home.example", roomId: "!alerts:matrix.home.example", appUrl: "https://homeport.home.example" }, secret: "syt_matrix_example_token" },
});
