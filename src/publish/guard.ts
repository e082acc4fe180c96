import fs from "node:fs";
import path from "node:path";
import { manifestName } from "./manifest.js";
import { isInside } from "../util/paths.js";

/** The longest name (in bytes) of the output folder: the names of the build's own folders beside it add 25. */
export const maxOutName = 230;

/**
 * Why a folder must not be the output of a build, or undefined when it may be: a build replaces the whole
 * folder, so it must never be the file system's root, the working folder or one around it, the content
 * folder (or one around or inside it), a file, or a folder holding files toms did not write.
 */
export function unsafeOutput(out: string, content: string, cwd = process.cwd()): string | undefined {
  const target = path.resolve(cwd, out);
  const contentDir = path.resolve(cwd, content);
  const within = (inner: string, outer: string) => inner === outer || isInside(outer, inner);
  if (out.trim() === "" || target === path.parse(target).root) return `--out "${out}" would replace the whole file system root`;
  if (within(cwd, target)) return `--out "${out}" is the working folder or contains it, and the build would replace it`;
  if (within(contentDir, target)) return `--out "${out}" is the content folder or contains it, and the build would replace it`;
  if (within(target, contentDir)) return `--out "${out}" lies inside the content folder; write the site elsewhere`;
  // The build works beside --out under its name plus up to 25 characters (".NAME.toms-new-PID-XXXXXX"), and a file
  // name has at most 255 bytes.
  const name = Buffer.byteLength(path.basename(target));
  if (name > maxOutName) return `--out "${out}" has a name of ${name} bytes; the build needs room beside it for a longer one, so use at most ${maxOutName}`;
  // A file (or a link to one, or a link to nothing) would be replaced by the site: `--out notes.txt` deleted the notes.
  if (isLink(target) || fs.existsSync(target)) {
    let folder: boolean | undefined;
    try {
      folder = fs.statSync(target).isDirectory();
    } catch {
      return `--out "${out}" is a link that leads nowhere, not a folder; the build would replace it. Name a folder`;
    }
    if (!folder) return `--out "${out}" is a file (or a link to one), not a folder; the build would replace it. Name a folder`;
  }
  let entries: string[];
  try {
    entries = fs.readdirSync(target);
  } catch {
    return undefined;
  }
  if (entries.length > 0 && !entries.includes(manifestName)) {
    return `--out "${out}" holds files that toms did not write (it has no ${manifestName}); the build would replace them. Empty it or choose another folder`;
  }
  return undefined;
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
