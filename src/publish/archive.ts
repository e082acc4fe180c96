import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { RepoContent } from "../diff/git.js";
import { gitFs } from "../diff/git-fs.js";
import type { Site } from "../model.js";
import { tomsVersion } from "../util/toms-version.js";
import { checkContent } from "../validate/check.js";
import { type AnnexSetTarget, listedVersion, writeAnnexSet } from "./annex-set.js";
import { carryOver, type ManifestVersion } from "./manifest.js";
import { type PublishedRecord, recordedFiles } from "./record.js";
import { sitePlace } from "./site-place.js";
import { earlierVersions } from "./versions.js";
import { writeFiles } from "./write-site.js";

/** What archiving needs: the current version as written at the output root, the record, and where to find the rest. */
export interface ArchiveContext {
  site: Site;
  /** The current version as written at the output root, and the files it wrote there. */
  current: { version: ManifestVersion; files: string[] };
  content: string;
  repo: RepoContent;
  record: PublishedRecord;
  /** Settings for writing a set; `dir` and `rel` are set per version. */
  target: Omit<AnnexSetTarget, "dir" | "rel" | "date">;
  staging: string;
  /** Receives `version-unbuildable` for a version that was published but can be neither served nor rebuilt. */
  diagnostics: Diagnostics;
}

/**
 * Writes every published version to `<version>/` next to the latest, newest first: the current one as written at
 * the root; every recorded one exactly as recorded (checked against its SHA-256, never re-rendered); and, where
 * nothing was recorded, the last commit carrying the version on the first-parent history, rebuilt. A version that
 * can be neither is an error: a published version never disappears.
 */
export async function writeArchive(ctx: ArchiveContext): Promise<ManifestVersion[]> {
  const { site, current, staging, target, record } = ctx;
  const versions: ManifestVersion[] = [current.version];
  for (const file of current.files) carryOver(path.join(staging, file), path.join(staging, site.version, file));
  for (const { pdf } of current.version.files) {
    const printed = pdf && target.records[pdf];
    if (printed) target.records[path.posix.join(site.version, pdf as string)] = printed;
  }
  for (const [version, recorded] of record.versions) {
    if (version === site.version) continue;
    writeFiles(path.join(staging, version), recordedFiles(ctx.repo, recorded, record.ref as string));
    const r = recorded.record;
    versions.push({ version, validFrom: r.valid_from, files: r.annexes, commit: r.commit, toms: r.toms, recorded: true });
    target.log?.(`archive  version ${version} as published (record of commit ${r.commit.slice(0, 12)})`);
  }
  const root = path.resolve(ctx.content);
  for (const earlier of earlierVersions(ctx.repo, site.version)) {
    if (record.versions.has(earlier.version)) continue;
    const short = earlier.commit.slice(0, 12);
    const { site: old, diagnostics } = checkContent(root, gitFs(ctx.repo.top, earlier.commit, ctx.repo.inRepo, root));
    if (!old) {
      const errors = diagnostics.sorted().filter((d) => d.severity === "error");
      const first = errors[0] as (typeof errors)[number];
      const entry = site.changes.findIndex((c) => c.version === earlier.version);
      ctx.diagnostics.add(
        say["version-unbuildable"].unbuildable({
          version: earlier.version,
          commit: short,
          errors: errors.length,
          first: { file: path.relative(process.cwd(), first.file), line: first.line, column: first.column, message: first.message },
        }),
        sitePlace(site, entry >= 0 ? ["changes", entry, "version"] : ["version"]),
      );
      continue;
    }
    const written = await writeAnnexSet(old, { ...target, dir: path.join(staging, earlier.version), rel: earlier.version, date: earlier.date });
    target.log?.(`archive  version ${earlier.version} rebuilt from commit ${short} (not recorded)`);
    versions.push({ ...listedVersion(old, written), commit: earlier.commit, toms: tomsVersion(), recorded: false });
  }
  return versions.sort(newestFirst);
}

// By the date each took effect, then by the version's own order ("1.10" after "1.9").
function newestFirst(a: ManifestVersion, b: ManifestVersion): number {
  if (a.validFrom !== b.validFrom) return a.validFrom < b.validFrom ? 1 : -1;
  return b.version.localeCompare(a.version, "en", { numeric: true });
}
