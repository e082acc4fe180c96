import path from "node:path";
import { type Diagnostic, Diagnostics } from "../diagnostics/diagnostic.js";
import { type ContentFs, diskFs } from "../load/content-fs.js";
import { type LoadedContent, loadContent } from "../load/load.js";
import { checkTranslations, inLanguage, type Languages, siteLanguages, type WrittenText, writtenTexts } from "../resolve/languages.js";
import type { Site } from "../model.js";
import { type KnownIds, resolve, warnUnusedLocations } from "../resolve/resolve.js";
import { warnCatalogueGaps } from "../resolve/coverage.js";
import { warnReviews } from "../resolve/review.js";
import { warnUnusedFiles } from "../resolve/unused-files.js";
import { today as todayOf } from "../util/dates.js";
import { checkAddressFields } from "../validate/links.js";
import { allProse, lintProse } from "../validate/prose-lint.js";
import { validateShapes } from "../validate/schema.js";
import { checkFileTexts, checkTexts } from "../validate/texts.js";
import type { parseYamlFile } from "../load/yaml-file.js";

/** How to check. */
export interface CheckOptions {
  /** "Today" for review dates (YYYY-MM-DD); default SOURCE_DATE_EPOCH's day, else the clock's (see util/dates.ts). */
  today?: string;
  /** The work on files that did not change since the last check (toms dev). */
  memo?: CheckMemo;
  /** The ids of an earlier version (toms diff's base): an id used twice is reported where it is new. */
  known?: KnownIds;
}

/** What checking a content folder found: the document (when it has no error) and every problem. */
export interface CheckResult {
  /** The document in its own language (`lang`). */
  site: Site | undefined;
  /** The document in each language it is translated into (`translations`), in their order; none without errors or translations. */
  translations: Site[];
  /** The texts written per language, by the field they are of (see resolve/languages.ts); empty for a site of one language. */
  texts: Map<string, WrittenText>;
  diagnostics: Diagnostics;
}

/**
 * The check's work on single files, remembered between checks of one folder by the live preview (`toms dev`): each
 * does what its stage does (and reports the same problems), for a file whose text did not change without redoing it.
 */
export interface CheckMemo {
  /** Parses a YAML file (load/yaml-file.ts). */
  parse: typeof parseYamlFile;
  /** Checks one YAML file's characters and values (validate/texts.ts). */
  fileTexts: typeof checkFileTexts;
  /** Checks one Markdown text (validate/prose-lint.ts). */
  lint: typeof lintProse;
}

/**
 * `toms check`, and the first stages of every other command: load the content folder (from disk, or from a git
 * revision through `contentFs`), validate each file against its schema, resolve the document (references, the
 * model), then validate its texts. One run collects every problem; nothing is thrown for bad content. `memo` keeps the work
 * on files that did not change since the last check (toms dev).
 */
export function check(contentDir: string, contentFs?: ContentFs, options: CheckOptions = {}): CheckResult {
  const memo = options.memo;
  const root = path.resolve(contentDir);
  const diagnostics = new Diagnostics();
  const content = loadContent(root, contentFs ?? diskFs(root), diagnostics, memo?.parse);
  validateShapes(content, diagnostics);
  const languages = siteLanguages(content, diagnostics);
  checkTranslations(content, languages, diagnostics);
  // Once per language, each into the ordinary model: a problem of one language's text is reported at that text.
  const site = resolve(inLanguage(content, languages.main, languages), diagnostics, options.known);
  const translations = site ? languages.translations.flatMap((lang) => translation(content, lang, languages, diagnostics, options.known)) : [];
  if (site && translations.length > 0) site.languages = languages;
  const sites = site ? [site, ...translations] : [];
  const lint = memo?.lint ?? lintProse;
  // Each text once: a text every language shares (a plain name) is one place in its file.
  const linted = new Set<string>();
  for (const prose of sites.flatMap(allProse)) {
    const key = `${prose.file}:${prose.line}:${prose.column}`;
    if (!linted.has(key)) lint(prose, diagnostics);
    linted.add(key);
  }
  checkTexts(content, sites, diagnostics, memo?.fileTexts);
  checkAddressFields(content, diagnostics);
  // A SOURCE_DATE_EPOCH that is not a date is the caller's to report (the CLI does); reviews are then not judged.
  const today = options.today === undefined ? todayOf(undefined) : { date: options.today };
  if (site && "date" in today) warnReviews(site, today.date, diagnostics);
  // Last: until the rest is right, an unused location or a gap in a catalogue is mostly an echo of an error (a misspelt id).
  if (site && !diagnostics.hasErrors) {
    warnUnusedLocations(content, site, diagnostics);
    warnCatalogueGaps(content, site, diagnostics);
    warnUnusedFiles(content, languages, diagnostics);
  }
  const ok = !diagnostics.hasErrors;
  return {
    site: ok ? site : undefined,
    translations: ok ? translations : [],
    texts: ok && translations.length > 0 ? writtenTexts(content, languages) : new Map(),
    diagnostics,
  };
}

// The document in one of its translations. Whatever does not depend on the language (an unknown location, an id used
// twice) was reported for the site's own language already: only what this language adds is reported.
function translation(content: LoadedContent, lang: string, languages: Languages, diagnostics: Diagnostics, known?: KnownIds): Site[] {
  const own = new Diagnostics();
  const site = resolve(inLanguage(content, lang, languages), own, known);
  const reported = new Set(diagnostics.list.map(keyOf));
  for (const found of own.list) if (!reported.has(keyOf(found))) diagnostics.list.push(found);
  if (!site) return [];
  site.lang = lang;
  site.languages = languages;
  return [site];
}

function keyOf(d: Diagnostic): string {
  return `${d.file}\0${d.line}\0${d.column}\0${d.rule}\0${d.message}`;
}
