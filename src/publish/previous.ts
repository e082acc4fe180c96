import type { RepoContent } from "../diff/git.js";
import { earlierVersions } from "../diff/history.js";
import type { PublishedRecord } from "./record.js";

/** The version a version's changes page compares with, and the commit whose content it was. */
export interface PreviousVersion {
  version: string;
  commit: string;
}

/**
 * The version before `version`, as the first-parent history of `from` (the commit `version` is built from) had them:
 * the newest earlier version that was published (recorded) or announced (named in the change history `named`). An
 * intermediate version no customer was told of (a commit of a pull request) is passed over. Its content is the
 * recorded commit when it was recorded (what was published), else the last commit carrying it. Undefined for the first
 * version.
 */
export function previousVersion(
  repo: RepoContent,
  record: PublishedRecord,
  named: ReadonlySet<string>,
  version: string,
  from: string,
): PreviousVersion | undefined {
  for (const earlier of earlierVersions(repo, version, { from })) {
    const recorded = record.versions.get(earlier.version);
    if (recorded) return { version: earlier.version, commit: recorded.record.commit };
    if (named.has(earlier.version)) return { version: earlier.version, commit: earlier.commit };
  }
  return undefined;
}
