import path from "node:path";

/** Whether `target` lies outside `root` (both resolved): ".." or "../…" away, or on another drive. "..notes.md" is inside. */
export function isOutside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/** Whether `target` lies strictly inside `root` (not `root` itself). */
export function isInside(root: string, target: string): boolean {
  return target !== root && path.relative(root, target) !== "" && !isOutside(root, target);
}

/** A path relative to `from`, with forward slashes, as diagnostics and manifests show it. */
export function relativePosix(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join("/");
}
