import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import { git, GitUsageError, type RepoContent } from "../diff/git.js";
import type { Site } from "../model.js";
import type { PublishedRecord, RecordedVersion } from "./record.js";
import { sitePlace } from "./site-place.js";
import { earlierVersions, settleVersion } from "../diff/history.js";
import { annexTextKey } from "./annex-text.js";

/** An earlier version the site keeps under `<version>/`: served exactly as recorded, or rebuilt from git. */
export type ArchivedVersion =
  | { kind: "recorded"; version: string; recorded: RecordedVersion }
  | { kind: "rebuilt"; version: string; site: Site; commit: string; date: Date };

/**
 * Which earlier versions the site keeps, and where each comes from: every version the record holds, exactly as
 * recorded (never re-rendered); and where nothing was recorded, each earlier version the change history names, from
 * the last commit carrying it on the first-parent history, checked as it was, to be rebuilt. A version a commit
 * carried but the history does not name was never announced (an intermediate commit of a pull request, say): it is
 * not archived. A named version that can be neither served nor rebuilt is `version-unbuildable`: a published
 * version never disappears. One the repository never held (before toms) is left out, with a line in the log.
 */
export function planArchive(
  site: Site,
  repo: RepoContent,
  record: PublishedRecord,
  checkAt: (commit: string) => { site: Site | undefined; diagnostics: Diagnostics },
  diagnostics: Diagnostics,
  log?: (line: string) => void,
): ArchivedVersion[] {
  const planned: ArchivedVersion[] = [];
  // Published versions of a content folder that is gone (moved, renamed): they would silently leave the site.
  for (const [folder, versions] of record.elsewhere ?? []) {
    if (record.versions.size > 0 || folderExists(repo, folder)) continue;
    diagnostics.add(say["version-unbuildable"].folderGone({ versions, folder: folder || ".", here: repo.inRepo || "." }), sitePlace(site, ["version"]));
  }
  for (const [version, recorded] of record.versions) if (version !== site.version) planned.push({ kind: "recorded", version, recorded });
  const named = new Set(site.changes.map((c) => c.version).filter((v) => v !== site.version && !record.versions.has(v)));
  if (named.size === 0) return planned;
  const onLine = new Map(earlierVersions(repo, site.version).map((v) => [v.version, v]));
  const anywhere = [...named].some((v) => !onLine.has(v))
    ? new Set(earlierVersions(repo, site.version, { firstParent: false }).map((v) => v.version))
    : new Set<string>();
  for (const version of named) {
    const place = () => sitePlace(site, ["changes", site.changes.findIndex((c) => c.version === version), "version"]);
    const earlier = onLine.get(version);
    if (!earlier) {
      if (anywhere.has(version)) {
        diagnostics.add(say["version-unbuildable"].offTheLine({ version }), place());
      } else log?.(`archive  version ${version} (named in the change history) was never in this repository: not archived`);
      continue;
    }
    const settled = settleVersion(repo, earlier, textAt(checkAt));
    if (settled.texts) {
      diagnostics.add(
        say["version-texts"].differing({
          version,
          commits: settled.texts.map((c) => c.slice(0, 12)),
          chosen: settled.commit.slice(0, 12),
          last: settled.commit === earlier.commit,
        }),
        place(),
      );
    }
    const short = settled.commit.slice(0, 12);
    const { site: old, diagnostics: found } = checkAt(settled.commit);
    if (old) {
      planned.push({ kind: "rebuilt", version, site: old, commit: settled.commit, date: settled.date });
      continue;
    }
    const errors = found.sorted().filter((d) => d.severity === "error");
    const first = errors[0] as (typeof errors)[number];
    diagnostics.add(
      say["version-unbuildable"].unbuildable({
        version,
        commit: short,
        errors: errors.length,
        first: { file: path.relative(process.cwd(), first.file), line: first.line, column: first.column, message: first.message },
      }),
      place(),
    );
  }
  return planned;
}

/** A commit's annex text as a key (see annex-text.ts), undefined when the content there does not pass the checks. */
export function textAt(checkAt: (commit: string) => { site: Site | undefined }): (commit: string) => string | undefined {
  return (commit) => {
    const site = checkAt(commit).site;
    return site && annexTextKey(site);
  };
}

// Whether a folder (relative to the repository top) holds anything at HEAD.
function folderExists(repo: RepoContent, folder: string): boolean {
  try {
    return (
      git(repo.top, ["--literal-pathspecs", "ls-tree", "--name-only", "HEAD", "--", folder === "" ? "." : folder])
        .toString("utf8")
        .trim() !== ""
    );
  } catch (error) {
    if (error instanceof GitUsageError) return false;
    throw error;
  }
}
