import fs from "node:fs";
import path from "node:path";
import { isOutside } from "../util/paths.js";

/**
 * Why `--content` cannot be used, or undefined when it can: a folder that does not exist, or a file, is wrong
 * usage (exit 2), not a problem of the content. A folder without site.yaml stays a content error (a pull request
 * may delete it).
 */
export function contentFolderProblem(content: string): string | undefined {
  let folder: boolean;
  try {
    folder = fs.statSync(content).isDirectory();
  } catch {
    return `the content folder "${content}" does not exist; point --content at the folder that holds site.yaml`;
  }
  return folder ? undefined : `--content "${content}" is a file, not a folder; point --content at the folder that holds site.yaml`;
}

/** Where toms found the content folder when --content was not given: the folder, and the default --out beside it. */
export interface FoundContent {
  /** The content folder, relative to the working folder ("measures", ".", ".."). */
  content: string;
  /** dist/ beside the content folder, relative to the working folder. */
  out: string;
}

/**
 * The content folder when --content is not given: in the working folder, then in each folder above it up to the
 * top of the git repository (the folder that holds .git), the first `measures/` folder or else `site.yaml` found.
 * So `toms check` finds the same folder from the project, from inside the content folder and from any folder in
 * it. Outside a git repository only the working folder itself is looked at: nothing far above it is picked up.
 */
export function findContent(cwd = process.cwd()): FoundContent | undefined {
  const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  const isFile = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;
  const folders: string[] = [];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (fs.existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) break;
  }
  // Not inside a repository: the walk reached the root without finding .git.
  const top = folders[folders.length - 1] as string;
  const inRepo = fs.existsSync(path.join(top, ".git"));
  const within = inRepo ? folders : folders.slice(0, 1);
  const area = inRepo ? top : path.resolve(cwd);
  for (const dir of within) {
    const found = isDir(path.join(dir, "measures")) ? path.join(dir, "measures") : isFile(path.join(dir, "site.yaml")) ? dir : undefined;
    if (found === undefined) continue;
    const rel = (p: string) => path.relative(path.resolve(cwd), p) || ".";
    // dist/ beside the content folder, as measures/ and dist/ lie in a project; never above the repository (or the
    // working folder): there the default is dist/ inside, which the build refuses, asking for an --out.
    const parent = path.dirname(found);
    return { content: rel(found), out: rel(path.join(!isOutside(area, parent) ? parent : found, "dist")) };
  }
  return undefined;
}

/** Why no content folder was found (wrong usage). */
export const noContentFolder =
  "there is no content folder here: no measures/ folder and no site.yaml in this folder or one above it (up to the top of the git repository); point --content at the folder that holds site.yaml.";
