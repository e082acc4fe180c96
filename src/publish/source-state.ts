import { git, GitUsageError, type RepoContent } from "../diff/git.js";
import { isSkippedName } from "../load/content-fs.js";
import { contentRepository } from "./versions.js";

/**
 * What a build is made from: the content exactly as committed at HEAD, which may be published, or a draft (edits
 * not committed, or no git at all), which never is.
 */
export type SourceState = { draft: false; repo: RepoContent; commit: string } | { draft: true; reason: string; repo?: RepoContent };

/**
 * Whether the content folder is exactly what HEAD holds: no modified, staged, deleted, untracked or ignored file
 * in it (hidden files and node_modules excepted: toms never reads them). Anything else is a draft.
 */
export function sourceState(contentDir: string): SourceState {
  const repo = contentRepository(contentDir);
  if (!repo) return { draft: true, reason: `${contentDir} is not in a git repository` };
  let commit: string;
  try {
    commit = git(repo.top, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).toString("utf8").trim();
  } catch (error) {
    if (error instanceof GitUsageError) return { draft: true, reason: "the repository has no commit yet", repo };
    throw error;
  }
  const pathspec = repo.inRepo === "" ? "." : repo.inRepo;
  // Ignored files count: toms reads every file of the folder, git would not commit them.
  const status = git(repo.top, ["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching", "--", pathspec]);
  const dirty: string[] = [];
  const records = status.toString("utf8").split("\0");
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as string;
    if (record.length < 4) continue;
    // A rename or copy is followed by the path it came from.
    if (/^[RC]/.test(record)) i++;
    const file = record.slice(3);
    const inside = repo.inRepo === "" ? file : file.slice(repo.inRepo.length + 1);
    if (inside.split("/").some((part) => part !== "" && isSkippedName(part))) continue;
    dirty.push(file);
  }
  if (dirty.length === 0) return { draft: false, repo, commit };
  const shown = dirty.slice(0, 3).join(", ") + (dirty.length > 3 ? ` and ${dirty.length - 3} more` : "");
  return { draft: true, reason: `${contentDir} has changes that are not committed (${shown})`, repo };
}
