import fs from "node:fs";
import { GitUsageError, locateContent, type RepoContent } from "../diff/git.js";
import { PublishError } from "../publish/errors.js";
import { recordBranch } from "../publish/record.js";
import { recordSite } from "../publish/record-write.js";
import { printable } from "../util/terminal.js";
import { contentFolderProblem } from "./content-folder.js";

/**
 * `toms record`: adds the versions of a deployed site that are not recorded yet to the record branch; 0 when
 * recorded (or nothing was new), 1 when refused (a draft, changed files, a recorded version with other bytes),
 * 2 for wrong usage: no content folder, no site folder at --out, no git repository around the content.
 */
export function runRecord(options: { content: string; out: string; adopt: boolean }): number {
  const problem = contentFolderProblem(options.content) ?? siteFolderProblem(options.out);
  if (problem) {
    process.stderr.write(`toms: ${printable(problem)}.\n`);
    return 2;
  }
  let repo: RepoContent;
  try {
    repo = locateContent(options.content);
  } catch (error) {
    if (!(error instanceof GitUsageError)) throw error;
    // locateContent speaks for toms diff, its first user.
    process.stderr.write(`toms: ${printable(error.message.replace("toms diff", "toms record"))}\n`);
    return 2;
  }
  try {
    const result = recordSite({ out: options.out, repo, adopt: options.adopt });
    for (const v of result.recorded)
      process.stdout.write(`recorded version ${v.version} (commit ${v.commit.slice(0, 12)}, ${v.files} files) on ${recordBranch}\n`);
    if (result.unchanged.length > 0) process.stdout.write(`already recorded, the same files: ${result.unchanged.join(", ")}\n`);
    if (result.skipped.length > 0) {
      process.stdout.write(
        `not recorded, rebuilt from git by this build rather than deployed as such: ${result.skipped.join(", ")} (record the site deployed back then with --adopt)\n`,
      );
    }
    if (result.recorded.length === 0) process.stdout.write(`nothing new to record; ${recordBranch} is unchanged\n`);
    else
      process.stdout.write(
        `✓ ${recordBranch} is now ${result.tip?.slice(0, 12)}; push it (git push origin ${recordBranch}) to make the record the next build's\n`,
      );
    return 0;
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    process.stderr.write(`toms: ${printable(error.message)}\n`);
    return 1;
  }
}

// The deployed site must be a folder: a mistyped --out is wrong usage (exit 2), not a refused record (exit 1).
function siteFolderProblem(out: string): string | undefined {
  const stat = fs.statSync(out, { throwIfNoEntry: false });
  if (stat === undefined) return `the site folder "${out}" does not exist; point --out at the site as deployed (what toms build wrote)`;
  return stat.isDirectory() ? undefined : `--out "${out}" is a file, not a folder; point --out at the site as deployed (what toms build wrote)`;
}
