// prisma/schema.prisma and prisma/migrations must agree: a schema change without its migration
// would pass type checks and then fail on a user's database at start-up.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = promisify(execFile);

describe("migrations", () => {
  it("replaying prisma/migrations yields exactly prisma/schema.prisma", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hp-migdiff-"));
    const { stdout } = await run(
      "npx",
      ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { env: { ...process.env, DATABASE_URL: `file:${join(dir, "diff.db")}` }, timeout: 120_000 },
    );
    expect(stdout.trim()).toBe("-- This is an empty migration.");
  }, 150_000);
});
