import path from "node:path";
import { GitUsageError, locateContent, type RepoContent } from "../diff/git.js";

/** Where the content sits in git, or undefined when it is not in a repository (then there is no history to archive). */
export function contentRepository(contentDir: string): RepoContent | undefined {
  // Ask git from inside the content folder: it may belong to another repository than the working folder.
  const dir = path.resolve(contentDir);
  try {
    return locateContent(dir, dir);
  } catch (error) {
    if (error instanceof GitUsageError) return undefined;
    throw error;
  }
}
