import path from "node:path";
import { type ContentFs, isSkippedName } from "../load/content-fs.js";
import { maxFileBytes } from "../load/source.js";
import { git } from "./git.js";
import { isOutside } from "../util/paths.js";

/** A content folder read from a commit: nothing in the working tree or the index is touched. */
export interface GitContentFs extends ContentFs {
  /** False when the commit has no file below the content folder (e.g. before toms was introduced). */
  present: boolean;
}

/** A file of a git tree: its object id and size in bytes. */
export interface Blob {
  oid: string;
  size: number;
}

/**
 * The content folder `inRepo` (relative to the repository top) as it is at `commit`, with its
 * files presented under `root`, the absolute path the folder has in the working tree, so
 * diagnostics read like those of `toms check`. Two git processes: ls-tree, then one cat-file batch.
 */
export function gitFs(top: string, commit: string, inRepo: string, root: string): GitContentFs {
  const files = new Map<string, Blob>();
  const links = new Map<string, string>();
  const dirs = new Set<string>();
  const prefix = inRepo === "" ? "" : `${inRepo}/`;
  const listing = git(top, ["--literal-pathspecs", "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", ...(inRepo === "" ? [] : [inRepo])]);
  const linkBlobs: [string, Blob][] = [];
  for (const record of listing.toString("utf8").split("\0")) {
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\S+)\t(.*)$/s.exec(record);
    if (!match || match[2] !== "blob" || !match[5]?.startsWith(prefix)) continue;
    const parts = match[5].slice(prefix.length).split("/");
    // The files the working-tree reader skips too, so both sides of a diff see the same ones.
    if (parts.some(isSkippedName)) continue;
    const file = path.join(root, ...parts);
    const blob = { oid: match[3] as string, size: Number(match[4]) };
    if (match[1] === "120000") linkBlobs.push([file, blob]);
    else files.set(file, blob);
    for (let i = 1; i < parts.length; i++) dirs.add(path.join(root, ...parts.slice(0, i)));
  }
  // Prefetched: what toms reads anyway (YAML, Markdown, link targets). Images or PDFs kept beside the content are never loaded.
  const likely = [...files].filter(([file]) => /\.(ya?ml|md|markdown)$/i.test(file)).map(([, b]) => b);
  const blobs = readBlobs(
    top,
    [...likely, ...linkBlobs.map(([, b]) => b)].filter((b) => b.size <= maxFileBytes),
  );
  for (const [file, blob] of linkBlobs) links.set(file, (blobs.get(blob.oid) ?? Buffer.alloc(0)).toString("utf8"));

  const realpath = (file: string): string => {
    let current = file;
    // Follows links inside the content folder, as far as the file system would (40 hops, then give up).
    for (let hop = 0; hop < 40; hop++) {
      if (isOutside(root, current)) return current;
      const rel = path.relative(root, current);
      const parts = rel === "" ? [] : rel.split(path.sep);
      const at = parts.findIndex((_, i) => links.has(path.join(root, ...parts.slice(0, i + 1))));
      if (at < 0) return current;
      const link = path.join(root, ...parts.slice(0, at + 1));
      current = path.resolve(path.dirname(link), links.get(link) as string, ...parts.slice(at + 1));
    }
    return file;
  };
  const present = files.size > 0 || links.size > 0;
  return {
    present,
    files() {
      if (!present) throw Object.assign(new Error(`no content folder at ${commit}`), { code: "ENOENT" });
      return [...files.keys(), ...links.keys()].sort();
    },
    read(file) {
      const real = realpath(file);
      const blob = files.get(real);
      if (blob === undefined) {
        const code = dirs.has(real) || real === root ? "EISDIR" : "ENOENT";
        throw Object.assign(new Error(`${code}: ${file}`), { code });
      }
      // Files not in the batch (too large, or not YAML/Markdown) are read alone; the reader reports a size too large.
      return blobs.get(blob.oid) ?? git(top, ["cat-file", "blob", blob.oid], undefined, blob.size + 1024);
    },
    exists(file) {
      const real = realpath(file);
      // A link leading out of the folder "exists" so that the caller reports it as outside, as on disk.
      return files.has(real) || dirs.has(real) || real === root || isOutside(root, real);
    },
    realpath,
  };
}

/** Reads many blobs (by object id) with one `git cat-file --batch`, whose output is "<oid> blob <size>\n<bytes>\n" per object. */
export function readBlobs(top: string, wanted: Blob[]): Map<string, Buffer> {
  const oids = [...new Set(wanted.map((b) => b.oid))];
  const found = new Map<string, Buffer>();
  if (oids.length === 0) return found;
  const total = wanted.reduce((sum, b) => sum + b.size + 100, 1024);
  const out = git(top, ["cat-file", "--batch"], `${oids.join("\n")}\n`, total);
  let offset = 0;
  for (let i = 0; i < oids.length && offset < out.length; i++) {
    const newline = out.indexOf(10, offset);
    if (newline < 0) break;
    const [oid, type, size] = out.toString("utf8", offset, newline).split(" ");
    if (type === "missing" || oid === undefined) {
      offset = newline + 1;
      continue;
    }
    const start = newline + 1;
    found.set(oid, out.subarray(start, start + Number(size)));
    offset = start + Number(size) + 1;
  }
  return found;
}
