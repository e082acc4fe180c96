import { parse } from "yaml";
import { git, GitUsageError, type RepoContent } from "./git.js";

/** A version of the annex as it was last committed, before the version changed. */
export interface EarlierVersion {
  version: string;
  /** The last commit of the content folder that carried this version. */
  commit: string;
  /** When that commit was made: the date stamped into that version's PDFs. */
  date: Date;
}

/**
 * Every version of the annex on the first-parent history of `from` (HEAD) other than `current`, newest first, each with the
 * last commit that had it there. Only the first parents: that is the line of commits the branch itself stood at (a
 * merge commit, not the side branch's commits, which were never built from this branch). Where a version has no
 * record of what was published, this commit is the best guess of it.
 */
export function earlierVersions(repo: RepoContent, current: string, { firstParent = true, from = "HEAD" } = {}): EarlierVersion[] {
  const pathspec = repo.inRepo === "" ? "." : repo.inRepo;
  let log: string[];
  try {
    log = git(repo.top, ["--literal-pathspecs", "log", ...(firstParent ? ["--first-parent"] : []), "--format=%H %ct", from, "--", pathspec])
      .toString("utf8")
      .split("\n")
      .filter(Boolean);
  } catch (error) {
    // A repository without commits has no history yet.
    if (error instanceof GitUsageError) return [];
    throw error;
  }
  const commits = log.map((line) => line.split(" ")[0] as string);
  if (commits.length === 0) return [];
  const site = repo.inRepo === "" ? "site.yaml" : `${repo.inRepo}/site.yaml`;
  const versions = readVersions(
    repo.top,
    commits.map((c) => `${c}:${site}`),
  );
  const seen = new Set([current]);
  const found: EarlierVersion[] = [];
  commits.forEach((commit, i) => {
    const version = versions[i];
    if (version === undefined || seen.has(version)) return;
    seen.add(version);
    found.push({ version, commit, date: new Date(Number(log[i]?.split(" ")[1]) * 1000) });
  });
  return found;
}

// Reads `version` from site.yaml at many commits with one `git cat-file --batch`.
function readVersions(top: string, objects: string[]): (string | undefined)[] {
  const out = git(top, ["cat-file", "--batch"], `${objects.join("\n")}\n`);
  const versions: (string | undefined)[] = [];
  let offset = 0;
  for (let i = 0; i < objects.length; i++) {
    const newline = out.indexOf(10, offset);
    const header = out.toString("utf8", offset, newline).split(" ");
    if (header[1] !== "blob") {
      versions.push(undefined);
      offset = newline + 1;
      continue;
    }
    const size = Number(header[2]);
    const text = out.toString("utf8", newline + 1, newline + 1 + size);
    offset = newline + 1 + size + 1;
    versions.push(versionOf(text));
  }
  return versions;
}

function versionOf(text: string): string | undefined {
  try {
    const value = parse(text) as { version?: unknown } | null;
    const version = value?.version;
    // Only versions that are safe as a folder name (as the schema demands) are archived.
    return typeof version === "string" && /^[0-9A-Za-z][0-9A-Za-z._-]*$/.test(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `version` was the version of an earlier stretch of the first-parent history of `from`, with another version
 * in between: a version name used again (2026.1 → 2026.2 → 2026.1), whose text customers may have signed before.
 */
export function versionUsedBefore(repo: RepoContent, version: string, from = "HEAD"): string | undefined {
  const pathspec = repo.inRepo === "" ? "." : repo.inRepo;
  let commits: string[];
  try {
    commits = git(repo.top, ["--literal-pathspecs", "log", "--first-parent", "--format=%H", from, "--", pathspec]).toString("utf8").split("\n").filter(Boolean);
  } catch (error) {
    if (error instanceof GitUsageError) return undefined;
    throw error;
  }
  const site = repo.inRepo === "" ? "site.yaml" : `${repo.inRepo}/site.yaml`;
  const versions = readVersions(
    repo.top,
    commits.map((c) => `${c}:${site}`),
  );
  let left = false;
  for (const [i, v] of versions.entries()) {
    if (v === undefined) continue;
    if (v !== version) left = true;
    else if (left) return commits[i];
  }
  return undefined;
}
