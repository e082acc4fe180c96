import fs from "node:fs";
import path from "node:path";
import { maxFileBytes } from "./source.js";

/** Where content is read from: the working tree, or a git revision for `toms diff`. */
export interface ContentFs {
  /** Every file below the content root (absolute paths), sorted. */
  files(): string[];
  /** The bytes of a file (a file above maxFileBytes may be cut after maxFileBytes + 1); throws when it does not exist. */
  read(file: string): Buffer;
  /** Whether a file exists. */
  exists(file: string): boolean;
  /** Where a path really leads after following symbolic links (the path itself where there are none). */
  realpath(file: string): string;
}

/** Names toms never reads as content, in the folder walk, in git revisions and in paths: hidden ones (.git, .env, editor state) and node_modules. */
export function isSkippedName(name: string): boolean {
  return name.startsWith(".") || name === "node_modules";
}

/** The content folder on disk. */
export function diskFs(root: string): ContentFs {
  return {
    files() {
      const found: string[] = [];
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          if (isSkippedName(entry.name)) continue;
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.isFile() || entry.isSymbolicLink()) found.push(full);
        }
      };
      walk(root);
      return found.sort();
    },
    read: readCapped,
    exists: (file) => fs.existsSync(file),
    realpath(file) {
      try {
        return fs.realpathSync(file);
      } catch {
        return file;
      }
    },
  };
}

// Reads at most one byte more than toms accepts, so a huge file (or /dev/zero behind a link) costs no memory.
// Anything but a regular file (a folder, a named pipe that would block forever, a device) is refused.
function readCapped(file: string): Buffer {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: stat.isDirectory() ? "EISDIR" : "ENOTREG" });
  const fd = fs.openSync(file, "r");
  try {
    // Sized by the file (a file may still grow while read: then the loop stops when the buffer is full).
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxFileBytes) + 1);
    let length = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0 || (length += read) === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}
