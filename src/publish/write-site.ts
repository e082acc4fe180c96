import fs from "node:fs";
import path from "node:path";

/** A folder being built next to the output folder; becomes the output only when complete. */
export interface Staging {
  dir: string;
  /** Replaces the output folder with the staged one in two renames; the old one is removed afterwards. */
  commit(): void;
  /** Removes the staged folder, leaving the output as it was. */
  discard(): void;
}

/** Starts a build of `out` in a hidden sibling folder (same file system, so the final rename is atomic). */
export function stage(out: string): Staging {
  const target = path.resolve(out);
  const parent = path.dirname(target);
  const base = path.basename(target);
  recover(target);
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, `.${base}.toms-new-${process.pid}-`));
  let done = false;
  return {
    dir,
    commit() {
      // A build cancelled by a signal has discarded its folder: the output must stay as it was.
      if (done) throw new Error("the build was cancelled");
      const old = path.join(parent, `.${base}.toms-old-${process.pid}`);
      const had = fs.existsSync(target);
      // mkdtemp creates the folder private (0700); a published site is world-readable.
      fs.chmodSync(dir, 0o755);
      if (had) fs.renameSync(target, old);
      fs.renameSync(dir, target);
      done = true;
      if (had) fs.rmSync(old, { recursive: true, force: true });
    },
    discard() {
      if (!done) fs.rmSync(dir, { recursive: true, force: true });
      done = true;
    },
  };
}

/** Writes files (name → content) below a folder, creating subfolders. */
export function writeFiles(dir: string, files: Map<string, string | Buffer>): void {
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

// A build killed between the two renames of commit() leaves the old site as .<out>.toms-old-<pid>: put it back.
// Staged folders of killed builds are removed.
function recover(target: string): void {
  const parent = path.dirname(target);
  const base = path.basename(target);
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(parent, entry);
    if (entry.startsWith(`.${base}.toms-old-`)) {
      if (!fs.existsSync(target)) fs.renameSync(full, target);
      else fs.rmSync(full, { recursive: true, force: true });
    } else if (entry.startsWith(`.${base}.toms-new-`)) {
      const pid = Number(/toms-new-(\d+)-/.exec(entry)?.[1]);
      if (!isAlive(pid)) fs.rmSync(full, { recursive: true, force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
