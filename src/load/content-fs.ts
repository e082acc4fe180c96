import fs from "node:fs";
import path from "node:path";

/** Where content is read from: the working tree, or a git revision for `toms diff`. */
export interface ContentFs {
  /** Every file below the content root (absolute paths), sorted. */
  files(): string[];
  /** The bytes of a file; throws when it does not exist. */
  read(file: string): Buffer;
  /** Whether a file exists. */
  exists(file: string): boolean;
  /** Where a path really leads after following symbolic links (the path itself where there are none). */
  realpath(file: string): string;
}

// Folders that never hold content: version control, dependencies, editor state.
const skipped = new Set(["node_modules"]);

/** The content folder on disk. */
export function diskFs(root: string): ContentFs {
  return {
    files() {
      const found: string[] = [];
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          if (entry.name.startsWith(".") || skipped.has(entry.name)) continue;
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.isFile() || entry.isSymbolicLink()) found.push(full);
        }
      };
      walk(root);
      return found.sort();
    },
    read: (file) => fs.readFileSync(file),
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
