// file/write on the agent: writes one file below <state dir>/files and nowhere else. The path is
// checked again here (the schema already refused absolute paths and `..`): every directory on
// the way must be a real directory inside the managed root, never a symlink, and the file is
// replaced atomically (temp file in the same directory, fsync, rename) with the asked mode.
import { createHash, randomUUID } from "node:crypto";
import { chown, lstat, mkdir, open, readFile, realpath, rename, rm } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { MANAGED_FILES_DIR, type RequestParams, type RequestResult } from "@/lib/protocol";
import { AgentError } from "./errors";

type Params = RequestParams<"file/write">;

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

const refuse = (message: string) => new AgentError("invalid_params", `file/write refused: ${message}`);

/** The managed root, created 0700 on first use; its real path (the state dir may sit under a symlink). */
export async function managedFilesRoot(stateDir: string): Promise<string> {
  const root = join(stateDir, MANAGED_FILES_DIR);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const st = await lstat(root);
  if (!st.isDirectory()) throw refuse(`${MANAGED_FILES_DIR} in the state directory is not a directory`);
  return realpath(root);
}

/** Checks the relative path's text; throws for anything that could leave the root. */
function segmentsOf(path: string): string[] {
  if (isAbsolute(path) || path.includes("\\") || path.includes("\0")) throw refuse("the path must be relative to the managed directory");
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || s.startsWith("."))) throw refuse("the path may not contain empty, . or .. segments or hidden names");
  return segments;
}

/** Creates (0700) or checks each parent directory; a symlink anywhere on the way is refused. */
async function ensureParents(root: string, dirs: string[]): Promise<string> {
  let dir = root;
  for (const name of dirs) {
    dir = join(dir, name);
    const st = await lstat(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return null;
      throw err;
    });
    if (!st) await mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => { if (err.code !== "EEXIST") throw err; });
    else if (st.isSymbolicLink() || !st.isDirectory()) throw refuse(`${relative(root, dir)} is not a plain directory inside the managed directory`);
  }
  const real = await realpath(dir);
  if (real !== root && !real.startsWith(root + sep)) throw refuse("the path leaves the managed directory");
  return real;
}

export async function writeManagedFile(stateDir: string, params: Params): Promise<RequestResult<"file/write">> {
  const segments = segmentsOf(params.path);
  const root = await managedFilesRoot(stateDir);
  const dir = await ensureParents(root, segments.slice(0, -1));
  const target = join(dir, segments.at(-1) as string);
  const content = Buffer.from(params.content, "utf8");
  const hash = sha256(content);

  const current = await lstat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
  if (current && (current.isSymbolicLink() || !current.isFile())) throw refuse(`${params.path} exists and is not a regular file`);
  const wantUid = params.ownerUid ?? current?.uid ?? process.getuid?.();
  if (current && (current.mode & 0o777) === params.mode && current.uid === wantUid && current.nlink === 1) {
    if (sha256(await readFile(target)) === hash) return { path: target, sha256: hash, bytes: content.length, changed: false };
  }

  // Same directory, so the rename is atomic; `wx` never follows or reuses an existing name.
  const tmp = join(dir, `.${segments.at(-1)}.${randomUUID()}.tmp`);
  try {
    const fh = await open(tmp, "wx", 0o600);
    try {
      await fh.writeFile(content);
      await fh.chmod(params.mode);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (params.ownerUid !== undefined) await chown(tmp, params.ownerUid, -1);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof AgentError) throw err;
    throw new AgentError("internal", `could not write ${params.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return { path: target, sha256: hash, bytes: content.length, changed: true };
}
