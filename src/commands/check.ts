import path from "node:path";
import { Diagnostics } from "../diagnostics/diagnostic.js";
import { type ContentFs, diskFs } from "../load/content-fs.js";
import { loadContent } from "../load/load.js";
import type { Site } from "../model.js";
import { type KnownIds, resolve, warnUnusedLocations } from "../resolve/resolve.js";
import { warnCatalogueGaps } from "../resolve/coverage.js";
import { warnReviews } from "../resolve/review.js";
import { today as todayOf } from "../util/dates.js";
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
  site: Site | undefined;
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
  const site = resolve(content, diagnostics, options.known);
  const lint = memo?.lint ?? lintProse;
  if (site) for (const prose of allProse(site)) lint(prose, diagnostics);
  checkTexts(content, site, diagnostics, memo?.fileTexts);
  // A SOURCE_DATE_EPOCH that is not a date is the caller's to report (the CLI does); reviews are then not judged.
  const today = options.today === undefined ? todayOf(undefined) : { date: options.today };
  if (site && "date" in today) warnReviews(site, today.date, diagnostics);
  // Last: until the rest is right, an unused location or a gap in a catalogue is mostly an echo of an error (a misspelt id).
  if (site && !diagnostics.hasErrors) {
    warnUnusedLocations(content, site, diagnostics);
    warnCatalogueGaps(content, site, diagnostics);
  }
  return { site: diagnostics.hasErrors ? undefined : site, diagnostics };
}
