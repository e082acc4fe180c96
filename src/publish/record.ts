import { createHash } from "node:crypto";
import { type Blob, readBlobs } from "../diff/git-fs.js";
import { git, GitUsageError, type RepoContent } from "../diff/git.js";
import type { PublishedVersion } from "../render/pages.js";
import { PublishError } from "./errors.js";

/** The branch that records what was published: one folder per version, exactly as deployed. */
export const recordBranch = "toms-published";

/** Where builds look for the record: the local branch, else the one fetched from origin (CI's fresh clone). */
export const recordRefs = [`refs/heads/${recordBranch}`, `refs/remotes/origin/${recordBranch}`] as const;

/** The file in each version folder of the record that describes it. */
export const recordFile = "toms-record.json";

/** What the record says about one published version (`<version>/toms-record.json`). */
export interface VersionRecord {
  version: string;
  valid_from: string;
  /** The commit the version was built from. */
  commit: string;
  /** The content folder it was built from, relative to the repository top ("" for the top). */
  content: string;
  /** The toms that built it ("unknown" for a site adopted from a toms that did not record). */
  toms: string;
  /** When it was recorded, after its deployment (ISO 8601). */
  recorded: string;
  /** The annexes, as the index page lists them. */
  annexes: PublishedVersion["files"];
  /** Its changes page, when it was published with one (versions recorded before toms made them have none). */
  changes?: PublishedVersion["changes"];
  /** The SHA-256 of every file of the version's folder, by its path inside the folder. */
  files: Record<string, string>;
}

/** One version of the record: its description and the blobs of its files. */
export interface RecordedVersion {
  record: VersionRecord;
  blobs: Map<string, Blob>;
}

/** The record as one ref holds it. */
export interface PublishedRecord {
  /** The ref it was read from; undefined when there is none. */
  ref?: string;
  /** The commit the ref points at. */
  tip?: string;
  /** The versions of this content folder, by version. */
  versions: Map<string, RecordedVersion>;
  /** Every version folder of the record, of any content folder: a version name is taken once. */
  folders: Set<string>;
  /** Versions recorded for other content folders (relative to the repository top), by folder. */
  elsewhere?: Map<string, string[]>;
}

/** Reads the record of published versions of the content folder from git; an empty record when there is none. */
export function readRecord(repo: RepoContent): PublishedRecord {
  const found = recordRefs.map((ref) => ({ ref, tip: tipOf(repo.top, ref) })).find((r) => r.tip !== undefined);
  if (!found?.tip) return { versions: new Map(), folders: new Set() };
  const { ref, tip } = found;
  checkHistory(repo.top, ref, tip);
  const listing = git(repo.top, ["ls-tree", "-r", "-z", "-l", "--full-tree", tip]).toString("utf8");
  const byFolder = new Map<string, Map<string, Blob>>();
  for (const entry of listing.split("\0")) {
    const match = /^\d+ blob ([0-9a-f]+) +(\d+)\t([^/]+)\/(.+)$/s.exec(entry);
    if (!match) continue;
    const [, oid, size, folder, file] = match as unknown as [string, string, string, string, string];
    if (!byFolder.has(folder)) byFolder.set(folder, new Map());
    byFolder.get(folder)?.set(file, { oid, size: Number(size) });
  }
  const descriptions = [...byFolder.values()].flatMap((blobs) => (blobs.has(recordFile) ? [blobs.get(recordFile) as Blob] : []));
  const texts = readBlobs(repo.top, descriptions);
  const versions = new Map<string, RecordedVersion>();
  const elsewhere = new Map<string, string[]>();
  for (const [folder, blobs] of byFolder) {
    const description = blobs.get(recordFile);
    if (!description)
      throw new PublishError(`The record of published versions (${ref}) has a folder ${folder}/ without ${recordFile}: it was not written by toms record.`);
    const record = parseRecord(texts.get(description.oid), folder, ref);
    blobs.delete(recordFile);
    // A repository may hold other content folders (test fixtures, a second annex): their versions are not this one's.
    if (record.content === repo.inRepo) versions.set(folder, { record, blobs });
    else elsewhere.set(record.content, [...(elsewhere.get(record.content) ?? []), record.version]);
  }
  return { ref, tip, versions, folders: new Set(byFolder.keys()), elsewhere };
}

/**
 * The files of a recorded version, each checked against the SHA-256 the record lists: a file missing, added or
 * changed on the record branch fails with every such file named. Never re-rendered: these are the bytes published.
 */
export function recordedFiles(repo: RepoContent, recorded: RecordedVersion, ref: string): Map<string, Buffer> {
  const { record, blobs } = recorded;
  const data = readBlobs(repo.top, [...blobs.values()]);
  const problems: string[] = [];
  const files = new Map<string, Buffer>();
  for (const [file, blob] of blobs) {
    const bytes = data.get(blob.oid);
    const expected = record.files[file];
    if (expected === undefined) problems.push(`${file} is not listed in its ${recordFile}`);
    else if (!bytes || sha256(bytes) !== expected) problems.push(`${file} has not the SHA-256 recorded (${expected})`);
    else files.set(file, bytes);
  }
  for (const file of Object.keys(record.files)) if (!blobs.has(file)) problems.push(`${file} is missing`);
  if (problems.length > 0) {
    throw new PublishError(
      `The record of version ${record.version} (${ref}) does not hold what was published: ${problems.join("; ")}. ` +
        `Published files are never replaced: restore ${recordBranch} (e.g. from the deployed site or a clone that has it) instead of building anew.`,
    );
  }
  return files;
}

/**
 * A recorded version never changes: every commit of the record branch may only add files. A commit that modifies or
 * deletes a file (a version rewritten on the branch, by hand or by a force-push that kept history) fails the build;
 * only an unbroken history of additions is trusted.
 */
function checkHistory(top: string, ref: string, tip: string): void {
  const log = git(top, ["log", "--no-renames", "--name-status", "--format=%x01%H", "-z", tip]).toString("utf8");
  const changed: string[] = [];
  for (const entry of log.split("\x01").filter(Boolean)) {
    const [head, ...rest] = entry.split("\0");
    const commit = (head ?? "").trim().slice(0, 12);
    for (let i = 0; i + 1 < rest.length; i += 2) {
      const status = (rest[i] ?? "").trim();
      if (status !== "" && status !== "A") changed.push(`${rest[i + 1]} (${status === "D" ? "deleted" : "changed"} in commit ${commit})`);
    }
  }
  if (changed.length > 0) {
    throw new PublishError(
      `The record of published versions (${ref}) was changed after versions were recorded: ${changed.slice(0, 5).join(", ")}${changed.length > 5 ? ` and ${changed.length - 5} more` : ""}. ` +
        `A published version never changes, so toms does not trust this record. Restore ${recordBranch} to what toms record wrote (e.g. from a clone or the deployed site).`,
    );
  }
}

/** The SHA-256 of bytes, hex. */
export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function tipOf(top: string, ref: string): string | undefined {
  try {
    return (
      git(top, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])
        .toString("utf8")
        .trim() || undefined
    );
  } catch (error) {
    if (error instanceof GitUsageError) return undefined;
    throw error;
  }
}

function parseRecord(bytes: Buffer | undefined, folder: string, ref: string): VersionRecord {
  const broken = (why: string) =>
    new PublishError(`The record of version ${folder} (${ref}, ${folder}/${recordFile}) ${why}; it was not written by toms record.`);
  let value: Partial<VersionRecord>;
  try {
    value = JSON.parse(bytes?.toString("utf8") ?? "") as Partial<VersionRecord>;
  } catch {
    throw broken("is not JSON");
  }
  const strings = ["version", "valid_from", "commit", "content", "toms", "recorded"] as const;
  for (const key of strings) if (typeof value[key] !== "string") throw broken(`has no "${key}"`);
  if (value.version !== folder) throw broken(`names version "${value.version}"`);
  if (!Array.isArray(value.annexes)) throw broken('has no "annexes"');
  if (typeof value.files !== "object" || value.files === null || Object.values(value.files).some((h) => typeof h !== "string")) throw broken('has no "files"');
  return value as VersionRecord;
}
