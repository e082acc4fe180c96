import { Diagnostics, type Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { Site } from "../model.js";
import { isBookkeeping, type AnnexChanges, type DocumentChange } from "./changes.js";
import type { WrittenText } from "../resolve/languages.js";
import { compareSections, compareSite } from "./compare-document.js";
import { compareAnnexes } from "./compare-measures.js";
import { GitUsageError, locateContent, type RepoContent } from "./git.js";
import { versionUsedBefore } from "./history.js";
import { readSide, type Side } from "./side.js";
import { checkVersion, type Suggestion } from "./version.js";

/** Options of `toms diff`. */
export interface DiffOptions {
  /** The content folder, relative to `cwd`. */
  content: string;
  base: string;
  /** Undefined: the working tree. */
  head?: string;
  /** Default: the process's working folder. */
  cwd?: string;
  /** ISO date proposed for a new version when valid_from was not raised; default: today. */
  today?: string;
}

/** What `toms diff` found. */
export interface DiffResult {
  base: Side;
  head: Side;
  /** The side whose content has errors, so nothing was compared. */
  broken?: "base" | "head";
  /** Per annex, the combined one ("all") first, then each location. */
  annexes: AnnexChanges[];
  /** Changes of site.yaml. */
  site: DocumentChange[];
  /** Changes of sections (title, intro, group, order, added, removed). */
  sections: DocumentChange[];
  /** Whether what any annex says changed (beyond version and history). */
  contentChanged: boolean;
  /** Problems of the version discipline (`version-unchanged`). */
  diagnostics: Diagnostics;
  /** The `changes` entry to add, when one is missing. */
  suggestion?: Suggestion;
}

/** Compares the content at BASE with HEAD (or the working tree); throws GitUsageError for a missing repository, revision or content folder at HEAD. */
export function diffContent(options: DiffOptions): DiffResult {
  const cwd = options.cwd ?? process.cwd();
  const repo = locateContent(options.content, cwd);
  const base = readSide(repo, options.content, options.base, cwd);
  const head = readSide(repo, options.content, options.head, cwd, base);
  // A missing content folder at HEAD is wrong usage (a mistyped --content or revision); at BASE it means everything is new.
  if (!head.present) {
    const where = head.revision === undefined ? "in the working tree" : `at ${head.label}`;
    throw new GitUsageError(`there is no content folder "${options.content}" ${where}; point --content at the folder that holds site.yaml.`);
  }
  const diagnostics = new Diagnostics();
  const empty = { annexes: [], site: [], sections: [], contentChanged: false, diagnostics };
  if (base.diagnostics.hasErrors) return { base, head, broken: "base", ...empty };
  if (head.diagnostics.hasErrors || !head.site) return { base, head, broken: "head", ...empty };
  const own = { annexes: compareAnnexes(base.site, head.site), site: compareSite(base.site, head.site), sections: compareSections(base.site, head.site) };
  // A site in several languages: each language's annexes compared on their own (a translation BASE did not have is new).
  const languages = head.translations.map((doc) => {
    const before = base.translations.find((b) => b.lang === doc.lang);
    return { lang: doc.lang, before, after: doc, changes: compareLanguage(before, doc, own) };
  });
  const translated = languages.length > 0;
  const mainLang = head.site.lang;
  // A language withdrawn: its annexes of this version are no more (customers may have signed them).
  const headLanguages = [head.site.lang, ...head.translations.map((t) => t.lang)];
  const withdrawn: DocumentChange[] = base.translations
    .filter((b) => !headLanguages.includes(b.lang))
    .map((b) => ({ kind: "removed", field: `translations.${b.lang}`, before: b.lang }));
  const annexes = [
    ...own.annexes.map((a) => (translated ? { ...a, lang: mainLang } : a)),
    ...languages.flatMap((l) => l.changes.annexes.map((a) => ({ ...a, lang: l.lang }))),
  ];
  const site = [...own.site, ...withdrawn, ...languages.flatMap((l) => l.changes.site)];
  const sections = [...own.sections, ...languages.flatMap((l) => l.changes.sections)];
  // Version discipline counts every language: a change of the English text alone is a change of the English annex.
  const contentChanged =
    withdrawn.length > 0 || annexesChanged(base.site, head.site, own) || languages.some((l) => annexesChanged(l.before ?? base.site, l.after, l.changes));
  let suggestion: Suggestion | undefined;
  if (base.site && contentChanged) {
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    // Each language's entry names every change its annexes show, those the same in every language too (a template).
    const inLanguages = languages.map((l) => ({
      site: l.after,
      annexes: l.changes.annexes,
      document: [...compareSite(l.before, l.after), ...compareSections(l.before, l.after)],
    }));
    suggestion = checkVersion(
      base.site,
      head.site,
      { annexes: own.annexes, document: [...own.site, ...withdrawn, ...own.sections], languages: inLanguages },
      head.placeOf,
      diagnostics,
      today,
    );
  }
  if (base.site && base.site.version !== head.site.version) checkNewVersion(repo, base, head.site, head.placeOf, diagnostics);
  if (translated) staleTranslations(base.texts, head.texts, diagnostics);
  return { base, head, annexes, site, sections, contentChanged, diagnostics, ...(suggestion && { suggestion }) };
}

// A new version has a name of its own and takes effect after the one it replaces: a name the annex had before (in
// BASE's history entries or on its first-parent history) may have been signed with another text.
function checkNewVersion(repo: RepoContent, base: Side, head: Site, placeOf: Side["placeOf"], diagnostics: Diagnostics): void {
  const old = base.site as Site;
  const entry = old.changes.find((c) => c.version === head.version);
  const commit = entry ? undefined : base.commit && versionUsedBefore(repo, head.version, base.commit);
  if (entry)
    diagnostics.add(say["version-unchanged"].reused({ version: head.version, where: `the change history names it, dated ${entry.date}` }), placeOf("version"));
  else if (commit) diagnostics.add(say["version-unchanged"].reused({ version: head.version, where: `commit ${commit.slice(0, 12)}` }), placeOf("version"));
  // Customers learn what a new version changed from its history entry (the annex, its changes page, the feed).
  if (!head.changes.some((c) => c.version === head.version)) {
    const written = head.changes.length > 0 ? "changes" : "version";
    diagnostics.add(say["version-history"].missing({ version: head.version, previous: old.version }), placeOf(written));
  }
  if (head.validFrom < old.validFrom) {
    diagnostics.add(
      say["version-unchanged"].validFromEarlier({ validFrom: head.validFrom, previous: old.validFrom, version: old.version }),
      placeOf("valid_from"),
      "warning",
    );
  }
}

/**
 * Whether what any annex says differs between two sites (beyond the bookkeeping of a new version): the rule of
 * `toms diff` and of the build's check of a published version. `changes` are the comparisons when already made.
 */
export function annexesChanged(
  base: Site | undefined,
  head: Site,
  changes = { annexes: compareAnnexes(base, head), site: compareSite(base, head), sections: compareSections(base, head) },
): boolean {
  const versions = { base: base?.version, head: head.version };
  return changes.annexes.some((a) => a.changes.length > 0) || changes.site.some((c) => !isBookkeeping(c, versions)) || changes.sections.length > 0;
}

// One translation of a document compared with the same language at BASE (none: everything in it is new). Changes of
// the document that are the same in every language (the version, a date) are the main language's, shown once.
function compareLanguage(before: Site | undefined, after: Site, own: { site: DocumentChange[]; sections: DocumentChange[] }) {
  const same = new Set([...own.site, ...own.sections].map((c) => JSON.stringify(c)));
  const tagged = (changes: DocumentChange[]) => changes.filter((c) => !same.has(JSON.stringify(c))).map((c) => ({ ...c, lang: after.lang }));
  return { annexes: compareAnnexes(before, after), site: tagged(compareSite(before, after)), sections: tagged(compareSections(before, after)) };
}

/**
 * translation-stale: a text written per language that changed in some of its languages and not in others, reported
 * at each language that kept its old text (as HEAD has it). Only languages the text had at BASE count: a translation
 * added now has not been left behind.
 */
export function staleTranslations(base: ReadonlyMap<string, WrittenText>, head: ReadonlyMap<string, WrittenText>, diagnostics: Diagnostics): void {
  for (const [key, now] of head) {
    const then = base.get(key);
    if (!then) continue;
    const compared = [...now.values.keys()].filter((lang) => then.values.has(lang));
    const changed = compared.filter((lang) => then.values.get(lang)?.text !== now.values.get(lang)?.text);
    if (changed.length === 0 || changed.length === compared.length) continue;
    for (const lang of compared.filter((l) => !changed.includes(l))) {
      const place = now.values.get(lang)?.place as Place;
      // A prose file is reported as a file (its first line); a text in YAML at its value.
      const message = now.file
        ? say["translation-stale"].file({ path: now.file, changed, lang })
        : say["translation-stale"].stale({ field: now.field, where: now.where, changed, lang });
      diagnostics.add(message, place, "warning");
    }
  }
}
