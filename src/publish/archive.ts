import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { RepoContent } from "../diff/git.js";
import { gitFs } from "../diff/git-fs.js";
import type { Site } from "../model.js";
import { check } from "../commands/check.js";
import type { PublishedRecord, RecordedVersion } from "./record.js";
import { sitePlace } from "./site-place.js";
import { earlierVersions } from "./versions.js";

/** An earlier version the site keeps under `<version>/`: served exactly as recorded, or rebuilt from git. */
export type ArchivedVersion =
  | { kind: "recorded"; version: string; recorded: RecordedVersion }
  | { kind: "rebuilt"; version: string; site: Site; commit: string; date: Date };

/**
 * Which earlier versions the site keeps, and where each comes from: every version the record holds, exactly as
 * recorded (never re-rendered); where nothing was recorded, the last commit carrying the version on the first-parent
 * history, checked as it was, to be rebuilt. A version that can be neither is `version-unbuildable`: a published
 * version never disappears.
 */
export function planArchive(site: Site, content: string, repo: RepoContent, record: PublishedRecord, diagnostics: Diagnostics): ArchivedVersion[] {
  const planned: ArchivedVersion[] = [];
  for (const [version, recorded] of record.versions) if (version !== site.version) planned.push({ kind: "recorded", version, recorded });
  const root = path.resolve(content);
  for (const earlier of earlierVersions(repo, site.version)) {
    if (record.versions.has(earlier.version)) continue;
    const short = earlier.commit.slice(0, 12);
    const { site: old, diagnostics: found } = check(root, gitFs(repo.top, earlier.commit, repo.inRepo, root));
    if (old) {
      planned.push({ kind: "rebuilt", version: earlier.version, site: old, commit: earlier.commit, date: earlier.date });
      continue;
    }
    const errors = found.sorted().filter((d) => d.severity === "error");
    const first = errors[0] as (typeof errors)[number];
    const entry = site.changes.findIndex((c) => c.version === earlier.version);
    diagnostics.add(
      "version-unbuildable",
      sitePlace(site, entry >= 0 ? ["changes", entry, "version"] : ["version"]),
      `Version "${earlier.version}" was published, but nothing recorded what: its last commit ${short} no longer passes toms's checks ` +
        `(${errors.length} error${errors.length === 1 ? "" : "s"}, the first: ${path.relative(process.cwd(), first.file)}:${first.line}:${first.column} ${first.message}), ` +
        `so toms cannot rebuild it, and a published version must not disappear from the site. Record the files published as version ${earlier.version} ` +
        `(the site deployed before still serves them at ${earlier.version}/): download that site into a folder and run "toms record --adopt --out FOLDER".`,
    );
  }
  return planned;
}
