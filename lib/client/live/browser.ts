// The browser's side of the live stream: an EventSource behind the OpenStream interface, and the
// page's one LiveConnection, told about the browser's online/offline events.
import { LiveConnection, type OpenStream } from "./connection";

export const openEventSource: OpenStream = (url, h) => {
  const source = new EventSource(url);
  source.onopen = () => h.onOpen();
  source.onmessage = (msg: MessageEvent<string>) => h.onMessage(msg.data);
  source.onerror = () => h.onError(source.readyState === EventSource.CLOSED);
  return { close: () => source.close() };
};

let connection: LiveConnection | null = null;

/** The page's connection, created on first use (in the browser only). */
export function getLiveConnection(): LiveConnection {
  if (connection) return connection;
  const c = new LiveConnection({ open: openEventSource });
  window.addEventListener("online", () => c.setOnline(true));
  window.addEventListener("offline", () => c.setOnline(false));
  if (!navigator.onLine) c.setOnline(false);
  connection = c;
  return c;
}
