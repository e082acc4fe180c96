import fs from "node:fs";
import path from "node:path";

/**
 * Puts together the content of a check fixture case in `into`: the shared base (`_base/content`), minus the files
 * the case lists in `removed.txt`, plus the case's own files (its `content/` overlay and anything beside it, such
 * as the target of a link that leads out of the content folder). Links are copied as links.
 */
export function materializeCase(root: string, name: string, into: string): string {
  const caseDir = path.join(root, name);
  fs.cpSync(caseDir, into, { recursive: true, verbatimSymlinks: true, filter: (source) => path.basename(source) !== "expected.txt" });
  const content = path.join(into, "content");
  const removedFile = path.join(caseDir, "removed.txt");
  const removed = fs.existsSync(removedFile) ? fs.readFileSync(removedFile, "utf8").split("\n").filter(Boolean) : [];
  const base = path.join(root, "_base/content");
  for (const file of listBase(base)) {
    const target = path.join(content, file);
    if (removed.includes(file) || fs.existsSync(target) || isLink(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(base, file), target);
  }
  fs.rmSync(path.join(into, "removed.txt"), { force: true });
  return content;
}

function listBase(dir: string, prefix = ""): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(prefix, entry.name);
    return entry.isDirectory() ? listBase(dir, rel) : [rel];
  });
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
