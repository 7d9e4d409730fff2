// Turns a DATABASE_URL (`file:./data/homeport.db`) into a filesystem path for better-sqlite3.
import { resolve } from "node:path";

export function databaseFileFromUrl(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${url.split(":")[0]}:")`);
  }
  const path = url.slice("file:".length).split("?")[0] ?? "";
  if (path === "") throw new Error("DATABASE_URL has an empty file path");
  return resolve(/*turbopackIgnore: true*/ path);
}
