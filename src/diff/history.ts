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
  const entries = versionLog(repo, { firstParent, from });
  const seen = new Set([current]);
  const found: EarlierVersion[] = [];
  for (const entry of entries) {
    if (entry.version === undefined || seen.has(entry.version)) continue;
    seen.add(entry.version);
    found.push({ version: entry.version, commit: entry.commit, date: entry.date });
  }
  return found;
}

/** A commit of the content folder with the version its site.yaml carries. */
interface LogEntry {
  commit: string;
  date: Date;
  version: string | undefined;
}

// The commits that changed the content folder, newest first, each with its version.
function versionLog(repo: RepoContent, { firstParent = true, from = "HEAD" } = {}): LogEntry[] {
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
  return commits.map((commit, i) => ({ commit, date: new Date(Number(log[i]?.split(" ")[1]) * 1000), version: versions[i] }));
}

/** The commit taken as what was published of an unrecorded version, and whether that was a choice between texts. */
export interface SettledVersion extends EarlierVersion {
  /** The commits that carried the version with more than one text (newest first), when there was a choice. */
  texts?: string[];
}

/**
 * The commit whose text was published as `earlier.version`, where nothing recorded it. Normally the last commit
 * carrying that version. But a version's commits on the first-parent line can hold different texts: a pull request
 * merged by rebase or fast-forward brings its commits onto the line, and one that changed the text before a later
 * one raised the version still carries the old version with the new text. That text was never published as the old
 * version: it is the next version's, whose first commit shows it unchanged. So when the commit that raised the
 * version changed no text of the annexes, the old version's text is its newest commit with another text. `textOf`
 * gives a commit's annex text as a key (undefined when it does not pass the checks); at most `limit` commits are read.
 */
export function settleVersion(
  repo: RepoContent,
  earlier: EarlierVersion,
  textOf: (commit: string) => string | undefined,
  { from = "HEAD", limit = 12 } = {},
): SettledVersion {
  const entries = versionLog(repo, { from });
  const start = entries.findIndex((e) => e.commit === earlier.commit);
  if (start < 0) return earlier;
  const run: LogEntry[] = [];
  for (let i = start; i < entries.length && entries[i]?.version === earlier.version && run.length < limit; i++) run.push(entries[i] as LogEntry);
  if (run.length < 2) return earlier;
  const texts = run.map((e) => textOf(e.commit));
  const first = texts[0];
  // A newest commit that does not pass the checks cannot be rebuilt at all (version-unbuildable says so); commits
  // that do not pass are no other text.
  if (first === undefined || texts.every((t) => t === first || t === undefined)) return earlier;
  const next = entries[start - 1];
  const nextText = next ? textOf(next.commit) : undefined;
  const differing = run.map((e) => e.commit);
  if (nextText !== first) return { ...earlier, texts: differing };
  const index = texts.findIndex((t) => t !== undefined && t !== nextText);
  const chosen = index < 0 ? run[0] : run[index];
  return { version: earlier.version, commit: (chosen as LogEntry).commit, date: (chosen as LogEntry).date, texts: differing };
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
