import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import { annexesChanged } from "../diff/diff.js";
import { compareSections, compareSite } from "../diff/compare-document.js";
import { compareAnnexes } from "../diff/compare-measures.js";
import { git, GitUsageError, type RepoContent } from "../diff/git.js";
import { isBookkeeping } from "../diff/changes.js";
import { nextVersion } from "../diff/version.js";
import type { Site } from "../model.js";
import { PublishError } from "./errors.js";
import type { VersionRecord } from "./record.js";
import { sitePlace } from "./site-place.js";

/**
 * The content of the content folder at a commit, checked (the check stage of the build, for an earlier commit): the
 * document and its translations.
 */
export type CheckAt = (commit: string) => { site: Site | undefined; translations: Site[] };

/** The content being built: its repository, and the commit it is (undefined for a draft: the working tree). */
export interface BuiltFrom {
  repo: RepoContent;
  commit?: string;
  contentDir: string;
}

/**
 * A published version never changes. When the version being built is in the record, its content must say exactly
 * what the commit it was published from said, by the comparison `toms diff` makes; else `version-unchanged` at the
 * `version` line of site.yaml: an error for committed content, a warning for a draft (which is never published).
 */
export function checkPublished(
  site: Site,
  from: BuiltFrom,
  record: VersionRecord,
  checkAt: CheckAt,
  diagnostics: Diagnostics,
  translations: readonly Site[] = [],
): void {
  const { repo } = from;
  const short = record.commit.slice(0, 12);
  if (!hasCommit(repo.top, record.commit)) {
    throw new PublishError(
      `Version ${record.version} was published from commit ${short}, which this clone does not have, so toms cannot tell whether its text changed. Fetch the whole history (actions/checkout with fetch-depth: 0) and build again.`,
    );
  }
  // The same tree says the same text: no need to read it.
  const tree = from.commit && treeOf(repo, from.commit);
  if (tree && tree === treeOf(repo, record.commit)) return;
  const at = checkAt(record.commit);
  const published = at.site;
  const version = { version: site.version, date: record.recorded.slice(0, 10), commit: short, next: nextVersion(site.version) };
  const place = sitePlace(site, ["version"]);
  const severity = from.commit ? "error" : "warning";
  if (!published) {
    diagnostics.add(say["version-unchanged"].publishedUnreadable(version), place, severity);
    return;
  }
  const compare = (before: Site | undefined, after: Site) => ({
    annexes: compareAnnexes(before, after),
    site: compareSite(before, after),
    sections: compareSections(before, after),
  });
  // Every language of the version was published: a change of its English text changes the English annexes.
  const inLanguages = [{ before: published, after: site }, ...translations.map((t) => ({ before: at.translations.find((p) => p.lang === t.lang), after: t }))];
  const compared = inLanguages.map(({ before, after }) => ({ before, after, changes: compare(before, after) }));
  const differing = compared.filter(({ before, after, changes }) => annexesChanged(before, after, changes));
  if (differing.length === 0) return;
  const changes = {
    annexes: differing.flatMap((d) => d.changes.annexes),
    site: differing.flatMap((d) => d.changes.site),
    sections: differing.flatMap((d) => d.changes.sections),
  };
  const what = { ...version, ...changed(changes, { base: published.version, head: site.version }) };
  diagnostics.add(from.commit ? say["version-unchanged"].publishedChanged(what) : say["version-unchanged"].draftChanges(what), place, severity);
}

// What changed: the measures by id, the other fields by name.
function changed(
  changes: { annexes: ReturnType<typeof compareAnnexes>; site: ReturnType<typeof compareSite>; sections: ReturnType<typeof compareSections> },
  versions: { base: string; head: string },
): { measures: string[]; fields: string[] } {
  const measures = [...new Set(changes.annexes.flatMap((a) => a.changes.map((c) => c.measure)))];
  const fields = [...new Set([...changes.site.filter((c) => !isBookkeeping(c, versions)), ...changes.sections].map((c) => c.field))];
  return { measures, fields };
}

function hasCommit(top: string, commit: string): boolean {
  try {
    git(top, ["cat-file", "-e", `${commit}^{commit}`]);
    return true;
  } catch (error) {
    if (error instanceof GitUsageError) return false;
    throw error;
  }
}

// The tree of the content folder at a commit (undefined when the commit has none).
function treeOf(repo: RepoContent, commit: string): string | undefined {
  try {
    return git(repo.top, ["rev-parse", "--verify", "--quiet", repo.inRepo === "" ? `${commit}^{tree}` : `${commit}:${repo.inRepo}`])
      .toString("utf8")
      .trim();
  } catch (error) {
    if (error instanceof GitUsageError) return undefined;
    throw error;
  }
}
