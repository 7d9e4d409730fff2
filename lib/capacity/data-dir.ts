// Where capacity files live: `<data dir>/capacity/`, the data dir being the SQLite file's directory
// (as the catalog's user folder is found), and the database files whose size the live answer reports.
import { dirname, join } from "node:path";
import { getConfig } from "@/lib/config";
import { databaseFileFromUrl } from "@/lib/db";
import { CAPACITY_RUN_FILE } from "./run-schema";

export function databaseFile(): string {
  return databaseFileFromUrl(getConfig().databaseUrl);
}

export function capacityDir(): string {
  return join(dirname(databaseFile()), "capacity");
}

export function capacityRunPath(): string {
  return join(capacityDir(), CAPACITY_RUN_FILE);
}
