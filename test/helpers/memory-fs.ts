import fs from "node:fs";
import path from "node:path";
import type { ContentFs } from "../../src/load/content-fs.js";

/** A content folder held in memory: absolute path → bytes. */
export type MemoryFiles = Map<string, Buffer>;

/** A ContentFs over files in memory (no links, so every path is its own real path). */
export function memoryFs(files: MemoryFiles): ContentFs {
  return {
    files: () => [...files.keys()].sort(),
    read(file) {
      const bytes = files.get(file);
      if (bytes === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: "ENOENT" });
      return bytes;
    },
    exists: (file) => files.has(file),
    realpath: (file) => file,
  };
}

/** Every file below a folder on disk, read into memory under `root` instead. */
export function readIntoMemory(dir: string, root: string): MemoryFiles {
  const files: MemoryFiles = new Map();
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) files.set(path.join(root, name), fs.readFileSync(full));
  }
  return files;
}
