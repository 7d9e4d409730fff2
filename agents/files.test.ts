import { afterAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgentError } from "./errors";
import { writeManagedFile } from "./files";

const stateDir = mkdtempSync(join(tmpdir(), "homeport-files-"));
const outside = mkdtempSync(join(tmpdir(), "homeport-files-outside-"));
afterAll(() => {
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
const write = (path: string, content = "x", mode: 0o600 | 0o640 | 0o644 = 0o600) => writeManagedFile(stateDir, { path, content, mode });
const root = () => join(realpathSync(stateDir), "files");

describe("writeManagedFile refuses", () => {
  const cases: { desc: string; path: string; setup?: () => void; message: RegExp }[] = [
    { desc: "../", path: "../x", message: /\.\. segments/ },
    { desc: "an absolute path", path: "/tmp/homeport-files-x", message: /relative/ },
    { desc: ".. in the middle", path: "a/../../x", message: /\.\. segments/ },
    { desc: "an empty segment", path: "a//x", message: /empty/ },
    { desc: "a backslash", path: "a\\..\\x", message: /relative/ },
    { desc: "a symlinked directory on the way", path: "escape/x", setup: () => symlinkSync(outside, join(root(), "escape")), message: /not a plain directory/ },
    { desc: "a symlink as the file", path: "link.txt", setup: () => symlinkSync(join(outside, "t"), join(root(), "link.txt")), message: /not a regular file/ },
    { desc: "a directory as the file", path: "dir", setup: () => mkdirSync(join(root(), "dir")), message: /not a regular file/ },
  ];
  for (const c of cases) {
    it(c.desc, async () => {
      mkdirSync(root(), { recursive: true });
      c.setup?.();
      const err = await write(c.path).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AgentError);
      expect((err as AgentError).code).toBe("invalid_params");
      expect((err as AgentError).message).toMatch(c.message);
      expect(readdirSync(outside)).toEqual([]);
      expect(existsSync(join(stateDir, "x"))).toBe(false);
    });
  }
});

describe("writeManagedFile writes", () => {
  it("atomically, with the asked mode, and reports the host path and hash", async () => {
    const r = await write("svc/conf/app.yml", "a: 1\n");
    expect(r).toEqual({ path: join(root(), "svc", "conf", "app.yml"), sha256: createHash("sha256").update("a: 1\n").digest("hex"), bytes: 5, changed: true });
    expect(r.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(statSync(r.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(root(), "svc")).mode & 0o777).toBe(0o700);
    expect(readFileSync(r.path, "utf8")).toBe("a: 1\n");
    expect(readdirSync(join(root(), "svc", "conf"))).toEqual(["app.yml"]); // no temp files left
  });

  it("leaves an identical file alone, and rewrites it when content or mode changes", async () => {
    const first = await write("same.txt", "v1");
    const ino = statSync(first.path).ino;
    expect((await write("same.txt", "v1")).changed).toBe(false);
    expect(statSync(first.path).ino).toBe(ino);
    expect((await write("same.txt", "v1", 0o644)).changed).toBe(true);
    expect(statSync(first.path).mode & 0o777).toBe(0o644);
    const v2 = await write("same.txt", "v2", 0o644);
    expect(v2.changed).toBe(true);
    expect(v2.sha256).not.toBe(first.sha256);
    expect(readFileSync(first.path, "utf8")).toBe("v2");
  });
});
