import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isOutside, relativePosix } from "../util/paths.js";

/** A problem with the repository or a revision name: wrong usage, reported in one line (exit 2), never as content diagnostics. */
export class GitUsageError extends Error {}

/** Runs a read-only git command in `cwd` and returns its standard output; throws GitUsageError with git's own reason on failure. */
export function git(cwd: string, args: string[], input?: string | Buffer, maxBuffer = 64 * 1024 * 1024): Buffer {
  try {
    return execFileSync("git", args, {
      cwd,
      input,
      maxBuffer,
      stdio: ["pipe", "pipe", "pipe"],
      // Read-only commands must never take the index lock another git process may hold.
      env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") throw new GitUsageError("git is not installed or not on the PATH.");
    const reason = e.stderr?.toString("utf8").trim().split("\n").pop() ?? e.message;
    throw new GitUsageError(reason.replace(/^fatal: /, ""));
  }
}

/** Where the content folder sits in its repository. */
export interface RepoContent {
  /** The repository's top folder. */
  top: string;
  /** The content folder relative to the top, with forward slashes ("" when it is the top). */
  inRepo: string;
}

/** Finds the repository around the working folder and the content folder's path inside it. */
export function locateContent(contentDir: string, cwd = process.cwd()): RepoContent {
  let top: string;
  try {
    top = git(cwd, ["rev-parse", "--show-toplevel"]).toString("utf8").trim();
  } catch (error) {
    throw new GitUsageError(`toms diff needs a git repository: ${(error as Error).message}`);
  }
  if (top === "") throw new GitUsageError("toms diff needs a git working tree, not a bare repository.");
  const realTop = realpathOfExisting(top);
  const content = realpathOfExisting(path.resolve(cwd, contentDir));
  if (isOutside(realTop, content)) {
    throw new GitUsageError(`the content folder "${contentDir}" is not inside the git repository at ${top}.`);
  }
  return { top, inRepo: relativePosix(realTop, content) };
}

/** Resolves a revision name to its commit id; a clear one-line error for names git does not know. */
export function resolveCommit(top: string, revision: string): string {
  // A name starting with "-" would be read as an option by git.
  if (revision === "" || revision.startsWith("-")) throw new GitUsageError(`"${revision}" is not a revision name.`);
  try {
    return git(top, ["rev-parse", "--verify", "--quiet", `${revision}^{commit}`])
      .toString("utf8")
      .trim();
  } catch {
    throw new GitUsageError(`unknown revision "${revision}": no commit of that name in this repository (is it fetched?).`);
  }
}

// The real path of the deepest existing ancestor, with the rest appended: the content folder may not exist in the working tree.
function realpathOfExisting(p: string): string {
  let existing = p;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  return path.join(fs.realpathSync(existing), ...rest);
}
