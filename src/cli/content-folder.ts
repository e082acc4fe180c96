import fs from "node:fs";

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
