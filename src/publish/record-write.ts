import fs from "node:fs";
import path from "node:path";
import { git, GitUsageError, type RepoContent } from "../diff/git.js";
import { PublishError } from "./errors.js";
import { manifestName, type ManifestVersion } from "./manifest.js";
import { readRecord, recordBranch, recordFile, type RecordedVersion, sha256, type VersionRecord } from "./record.js";
import { earlierVersions } from "../diff/history.js";

/** Options of `toms record`. */
export interface RecordOptions {
  /** The site as deployed (a toms build output). */
  out: string;
  repo: RepoContent;
  /** Accept a site of a toms that did not mark drafts (the deployed site of before records). */
  adopt?: boolean;
}

/** What `toms record` did. */
export interface RecordResult {
  /** Versions added to the record. */
  recorded: { version: string; commit: string; files: number }[];
  /** Versions already recorded with exactly these files. */
  unchanged: string[];
  /** Older versions the build rebuilt from git, not recorded (they were not deployed as built now; see --adopt). */
  skipped: string[];
  /** The new tip of the record branch, when something was added. */
  tip?: string;
}

const branchRef = `refs/heads/${recordBranch}`;

/**
 * Adds the versions of a deployed site that the record does not hold yet to the record branch: one commit, made
 * with git plumbing only (the working tree, the index and HEAD are not touched), moved onto the branch only if
 * the branch is still where it was read. Refuses a draft, a site changed after its build, and any version the
 * record holds with other bytes: a recorded version never changes. Every problem is named in one PublishError.
 */
export function recordSite(options: RecordOptions): RecordResult {
  const { repo } = options;
  const out = path.resolve(options.out);
  const manifest = readManifestFile(out, options.adopt === true);
  const record = readRecord(repo);
  const problems: string[] = [];
  const added: { record: VersionRecord; files: Map<string, string> }[] = [];
  const unchanged: string[] = [];
  const recordedAt = new Date().toISOString();
  const skipped: string[] = [];
  for (const listed of manifest.versions) {
    const dir = path.join(out, listed.version);
    if (!/^[0-9A-Za-z][0-9A-Za-z._-]*$/.test(listed.version) || !fs.existsSync(dir)) {
      problems.push(`the site lists version ${listed.version}, but has no folder ${listed.version}/`);
      continue;
    }
    const files = filesBelow(dir);
    const hashes = new Map([...files].map(([file, full]) => [file, sha256(fs.readFileSync(full))]));
    // The index page listed these hashes; a PDF that differs was changed after the build.
    for (const annex of listed.files) {
      if (annex.pdf && annex.sha256 && hashes.get(annex.pdf) !== annex.sha256) {
        problems.push(`${listed.version}/${annex.pdf} is not the file the build listed (SHA-256 ${annex.sha256}): the site was changed after it was built`);
      }
    }
    const existing = record.versions.get(listed.version);
    if (existing) {
      const differs = differences(existing, hashes);
      if (differs.length === 0) unchanged.push(listed.version);
      else {
        problems.push(
          `version ${listed.version} is recorded (from commit ${existing.record.commit.slice(0, 12)}, ${existing.record.recorded.slice(0, 10)}) with other files (${differs.join(", ")}): a published version never changes`,
        );
      }
      continue;
    }
    if (record.folders.has(listed.version)) {
      problems.push(`the record holds a version ${listed.version} of another content folder; one record holds one annex`);
      continue;
    }
    // A deployment publishes its latest version; an older one this build rebuilt from git is today's rendering of an
    // old commit, not what was deployed back then: recorded only when the caller vouches for it (--adopt).
    if (manifest.latest !== undefined && listed.version !== manifest.latest && listed.recorded === false && !options.adopt) {
      skipped.push(listed.version);
      continue;
    }
    const commit = sourceCommit(repo, listed, options.adopt === true);
    if (typeof commit !== "string") {
      problems.push(commit.problem);
      continue;
    }
    added.push({
      record: {
        version: listed.version,
        valid_from: listed.validFrom,
        commit,
        content: repo.inRepo,
        toms: listed.toms ?? "unknown",
        recorded: recordedAt,
        annexes: listed.files,
        ...(listed.changes && { changes: listed.changes }),
        files: Object.fromEntries([...hashes].sort(([a], [b]) => (a < b ? -1 : 1))),
      },
      files,
    });
  }
  if (problems.length > 0) throw new PublishError(`Nothing was recorded: ${problems.join("; ")}.`);
  if (added.length === 0) return { recorded: [], unchanged, skipped };
  const tip = commitVersions(repo.top, record.tip, added, record.ref === branchRef);
  return { recorded: added.map((a) => ({ version: a.record.version, commit: a.record.commit, files: a.files.size })), unchanged, skipped, tip };
}

// The manifest of the deployed site, with the versions it lists; a draft is refused, and so is a manifest of a toms
// that did not mark drafts unless the caller vouches for it (--adopt).
function readManifestFile(
  out: string,
  adopt: boolean,
): { latest?: string; versions: (Omit<ManifestVersion, "commit" | "toms" | "recorded"> & { commit?: string; toms?: string; recorded?: boolean })[] } {
  let value: { draft?: unknown; latest?: unknown; versions?: unknown };
  try {
    value = JSON.parse(fs.readFileSync(path.join(out, manifestName), "utf8")) as typeof value;
  } catch {
    throw new PublishError(
      `${out} holds no readable ${manifestName}: it is not a site toms built. Record the folder the Pages workflow deployed (toms build's output).`,
    );
  }
  if (value.draft === true) {
    throw new PublishError(
      `${out} is a draft (built from content that was not committed): a draft is never published, so it is never recorded. Build the committed content and deploy that.`,
    );
  }
  if (value.draft !== false && !adopt) {
    throw new PublishError(
      `${out} was built by a toms that did not mark drafts, so toms cannot tell whether it was published. If it is the site as it was deployed, record it with --adopt.`,
    );
  }
  const versions = Array.isArray(value.versions) ? (value.versions as ManifestVersion[]) : [];
  return {
    ...(typeof value.latest === "string" && { latest: value.latest }),
    versions: versions.filter((v) => typeof v?.version === "string" && typeof v.validFrom === "string" && Array.isArray(v.files)),
  };
}

// The commit a version was built from: as the build wrote it, or (adopting a site of an older toms) the last commit
// carrying that version on the first-parent history.
function sourceCommit(repo: RepoContent, listed: { version: string; commit?: string }, adopt: boolean): string | { problem: string } {
  if (listed.commit) {
    try {
      return git(repo.top, ["rev-parse", "--verify", "--quiet", `${listed.commit}^{commit}`])
        .toString("utf8")
        .trim();
    } catch (error) {
      if (!(error instanceof GitUsageError)) throw error;
      return {
        problem: `version ${listed.version} was built from commit ${listed.commit.slice(0, 12)}, which this repository does not have (fetch the whole history)`,
      };
    }
  }
  const found = adopt ? earlierVersions(repo, "").find((v) => v.version === listed.version) : undefined;
  return found?.commit ?? { problem: `no commit on this branch carries version ${listed.version}` };
}

// Which files of a recorded version differ from the ones given (by SHA-256), by name.
function differences(existing: RecordedVersion, hashes: Map<string, string>): string[] {
  const names = new Set([...Object.keys(existing.record.files), ...hashes.keys()]);
  return [...names].filter((name) => existing.record.files[name] !== hashes.get(name)).sort();
}

// Every file below a folder: its path inside the folder (forward slashes) → its full path.
function filesBelow(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (at: string, prefix: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile() && entry.name !== recordFile) found.set(`${prefix}${entry.name}`, full);
    }
  };
  walk(dir, "");
  return found;
}

/** Writes a git object of any kind through standard input and returns its id. */
function write(top: string, args: string[], input: string | Buffer): string {
  return git(top, args, input).toString("utf8").trim();
}

// One commit on the record branch adding a folder per version: blobs, trees, commit, then the ref, moved only from
// the tip that was read (or created only if it is still missing), so a concurrent record is never overwritten.
function commitVersions(top: string, parent: string | undefined, added: { record: VersionRecord; files: Map<string, string> }[], hadBranch: boolean): string {
  const root: string[] = parent ? git(top, ["ls-tree", "-z", parent]).toString("utf8").split("\0").filter(Boolean) : [];
  for (const { record, files } of added) {
    const paths = [...files.values()];
    // --no-filters: the bytes as deployed, whatever .gitattributes says about line ends.
    const oids = write(top, ["hash-object", "-w", "--no-filters", "--stdin-paths"], `${paths.join("\n")}\n`).split("\n");
    const blobs = new Map([...files.keys()].map((file, i) => [file, oids[i] as string]));
    blobs.set(recordFile, write(top, ["hash-object", "-w", "--no-filters", "--stdin"], `${JSON.stringify(record, null, 2)}\n`));
    root.push(`040000 tree ${tree(top, blobs)}\t${record.version}`);
  }
  const rootTree = write(top, ["mktree", "-z"], `${root.join("\0")}\0`);
  const message = `Record ${added.map((a) => `version ${a.record.version} (commit ${a.record.commit.slice(0, 12)})`).join(", ")} as published\n`;
  let commit: string;
  try {
    commit = write(top, ["commit-tree", rootTree, ...(parent ? ["-p", parent] : [])], message);
  } catch (error) {
    if (!(error instanceof GitUsageError)) throw error;
    throw new PublishError(
      `Nothing was recorded: git cannot make the record's commit (${error.message}). Set user.name and user.email (git config), or GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL.`,
    );
  }
  try {
    git(top, ["update-ref", "-m", "toms record", branchRef, commit, hadBranch && parent ? parent : ""]);
  } catch (error) {
    if (!(error instanceof GitUsageError)) throw error;
    throw new PublishError(`Nothing was recorded: ${recordBranch} moved while toms was recording (${error.message}). Fetch it and run toms record again.`);
  }
  return commit;
}

// A tree of files given by path (with "/" for folders) → blob id; subfolders become trees of their own.
function tree(top: string, blobs: Map<string, string>): string {
  const entries: string[] = [];
  const folders = new Map<string, Map<string, string>>();
  for (const [file, oid] of blobs) {
    const slash = file.indexOf("/");
    if (slash < 0) entries.push(`100644 blob ${oid}\t${file}`);
    else {
      const folder = file.slice(0, slash);
      if (!folders.has(folder)) folders.set(folder, new Map());
      folders.get(folder)?.set(file.slice(slash + 1), oid);
    }
  }
  for (const [folder, inner] of folders) entries.push(`040000 tree ${tree(top, inner)}\t${folder}`);
  return write(top, ["mktree", "-z"], `${entries.join("\0")}\0`);
}
