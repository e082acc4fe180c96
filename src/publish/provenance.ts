import type { Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { parse } from "yaml";
import { git, GitUsageError, type RepoContent } from "../diff/git.js";
import type { Site } from "../model.js";
import { pageBlocks, pageWords, printAllowance } from "../pdf/page-words.js";
import { runningTemplates, runningWords } from "../pdf/running.js";
import { readPdf } from "../pdf/pdf-file.js";
import { readGlyphs } from "../pdf/pdf-glyphs.js";
import { extraWords, foreignRunningWords, type Line, LineReader, misorderedBlocks, missingWords, pdfWordCounts } from "../pdf/text-check.js";
import { allAnnexes } from "../resolve/annex.js";
import { siteStrings } from "../render/i18n.js";
import { languageFolder } from "../render/languages.js";
import { renderProse } from "../render/render-prose.js";
import { renderAnnexPage, renderChangesPage, siteAssets } from "../render/site.js";
import { tomsVersion } from "../util/toms-version.js";
import { PublishError } from "./errors.js";
import { type PublishedRecord, recordBranch, type RecordedVersion } from "./record.js";

// The record branch is trusted for what it keeps (its history only adds files, each file has its SHA-256), but a
// folder added to it is not evidence that a version was published: anyone who can push to the branch can add one.
// A recorded version is served only when what it claims can be checked against the reviewed history of the branch
// being built: its commit is on that branch's first-parent line and carries the version, and its pages say what that
// commit's content renders to.

/**
 * Refuses a record whose versions did not come from the history being built: each recorded version's commit must be
 * on the first-parent history of `built` (the commits the branch itself stood at, as the publishing workflow built
 * them), and site.yaml at that commit, in the recorded content folder, must carry that version.
 */
export function checkProvenance(repo: RepoContent, record: PublishedRecord, built: string): void {
  if (record.versions.size === 0) return;
  const line = new Set(git(repo.top, ["rev-list", "--first-parent", built]).toString("utf8").split("\n").filter(Boolean));
  const problems: string[] = [];
  for (const [version, { record: r }] of record.versions) {
    const short = r.commit.slice(0, 12);
    if (!line.has(r.commit)) {
      problems.push(
        hasCommit(repo.top, r.commit)
          ? `version ${version} names commit ${short}, which is not on the first-parent history of the commit being built (${built.slice(0, 12)})`
          : `version ${version} names commit ${short}, which this clone does not have (fetch the whole history: actions/checkout with fetch-depth: 0)`,
      );
      continue;
    }
    const carried = versionAt(repo.top, r.commit, r.content);
    if (carried !== version) {
      problems.push(
        carried === undefined
          ? `version ${version} names commit ${short}, whose ${r.content === "" ? "" : `${r.content}/`}site.yaml has no version`
          : `version ${version} names commit ${short}, whose site.yaml has version ${carried}`,
      );
    }
  }
  if (problems.length > 0) throw untrusted(record, problems);
}

/**
 * Compares a recorded version's pages with what its commit's content renders to, and refuses a difference of text:
 * a folder put on the record branch by hand, with the hashes recomputed, would otherwise be served as published.
 * Recorded by this very toms, HTML rendering is deterministic: every word of each page must be as rendered, in order,
 * and every word of the page must be in its PDF. Recorded by another toms (whose labels and layout may differ), every
 * word the authors wrote (the measures' titles and texts) must be on the recorded page and in its PDF. Content that
 * no longer passes today's checks cannot be rendered: with the same toms that is refused, else the log says so.
 */
export function compareRecorded(
  recorded: RecordedVersion,
  files: Map<string, Buffer>,
  site: Site | undefined,
  translations: readonly Site[],
  record: PublishedRecord,
  previous: (site: Site, commit: string) => { version: string; site: Site } | undefined,
  log?: (line: string) => void,
): void {
  const r = recorded.record;
  const short = r.commit.slice(0, 12);
  const same = r.toms === tomsVersion();
  if (!site) {
    if (same)
      throw untrusted(record, [`version ${r.version}: the content of its commit ${short} does not pass toms check, so it cannot have been built from it`]);
    log?.(`archive  version ${r.version}: commit ${short} no longer passes the checks of this toms; its recorded pages are not compared with a new rendering`);
    return;
  }
  const pdf = r.annexes.some((a) => a.pdf !== undefined);
  const problems: string[] = [];
  const rendered = new Set<string>();
  // Each language's annexes, a translation's in its folder (en/all.html), as the build writes them.
  const translatedChanges = r.translated_changes ?? [];
  for (const doc of [site, ...translations]) {
    const folder = languageFolder(doc);
    const t = siteStrings(doc);
    const changesHere = doc === site ? r.changes !== undefined : translatedChanges.some((c) => c.lang === doc.lang);
    for (const annex of allAnnexes(doc)) {
      const made = renderAnnexPage(doc, annex, { pdf, ...(changesHere && { changes: true }) });
      const page = folder === "" ? made : { ...made, html: `${folder}${made.html}`, pdf: `${folder}${made.pdf}` };
      rendered.add(page.html);
      const html = files.get(page.html);
      if (!html) {
        if (same) problems.push(`${page.html} is missing, although commit ${short} has that annex`);
        continue;
      }
      const shown = pageWords(fromHtml(html.toString("utf8")));
      const authors = same ? undefined : authorWords(annex, t);
      if (same) {
        const expected = pageWords(page.tree);
        const at = firstDifference(shown, expected);
        if (at !== undefined) problems.push(`${page.html} says ${excerpt(shown, at)} where commit ${short} renders ${excerpt(expected, at)}`);
      } else {
        const missing = missingWords(authors ?? [], counts(shown));
        if (missing.length > 0) problems.push(`${page.html} lacks ${quoteSome(missing)} of the text of commit ${short}`);
      }
      const printed = files.get(page.pdf);
      if (printed) {
        const lines = pdfLines(printed);
        const words = same ? pageWords(page.tree) : (authors ?? []);
        const missing = missingWords(words, pdfWordCounts(lines, words));
        if (missing.length > 0) problems.push(`${page.pdf} lacks ${quoteSome(missing)} of the text of commit ${short}`);
        // Printed by this toms, it holds nothing else either (a sentence added to a PDF is found too).
        const extra = same ? extraWords(pageWords(page.tree), lines, printAllowance(page.tree)) : [];
        if (extra.length > 0) problems.push(`${page.pdf} holds ${quoteSome(extra)}, which commit ${short} does not render`);
        // And in their order: the same words moved ("7 Tage … 90 Tage" swapped) say something else.
        const foreign = same ? foreignRunningWords(lines, runningWords(runningTemplates(doc, page))) : [];
        if (foreign.length > 0) problems.push(`${page.pdf} holds ${quoteSome(foreign)} in its running header or footer, which commit ${short} does not render`);
        const moved = same ? misorderedBlocks(pageBlocks(page.tree), lines) : [];
        if (moved.length > 0) problems.push(`${page.pdf} shows the words of ${quoteSome(moved)} in another order than commit ${short} renders them`);
      }
    }
  }
  if (same) {
    for (const annex of r.annexes) if (!rendered.has(annex.html)) problems.push(`${annex.html} is an annex commit ${short} does not have`);
    // Its changes page, against the version it names: compared where that is still the version before it.
    const changes = r.changes && files.get(r.changes.html);
    const since = changes && r.changes ? previous(site, r.commit) : undefined;
    if (changes && r.changes && since?.version === r.changes.since) {
      // Its language switch names the languages whose changes pages the version has, as the build made them.
      const languages = translatedChanges.length > 0 ? [site.lang, ...translatedChanges.map((c) => c.lang)] : undefined;
      const page = renderChangesPage(site, since.site, { pdf, ...(languages && { languages }) });
      const shown = pageWords(fromHtml(changes.toString("utf8")));
      const expected = pageWords(fromHtml(page.source));
      const at = firstDifference(shown, expected);
      if (at !== undefined) problems.push(`${r.changes.html} says ${excerpt(shown, at)} where commit ${short} renders ${excerpt(expected, at)}`);
      const printed = r.changes.pdf === undefined ? undefined : files.get(r.changes.pdf);
      const lines = printed ? pdfLines(printed) : [];
      const missing = printed ? missingWords(expected, pdfWordCounts(lines, expected)) : [];
      if (missing.length > 0) problems.push(`${r.changes.pdf} lacks ${quoteSome(missing)} of the changes commit ${short} renders`);
      const tree = fromHtml(page.source);
      const extra = printed ? extraWords(expected, lines, printAllowance(tree)) : [];
      if (extra.length > 0) problems.push(`${r.changes.pdf} holds ${quoteSome(extra)}, which the changes commit ${short} renders do not`);
      const moved = printed ? misorderedBlocks(pageBlocks(tree), lines) : [];
      if (moved.length > 0) problems.push(`${r.changes.pdf} shows the words of ${quoteSome(moved)} in another order than commit ${short} renders them`);
      // Its running header and footer too, as the annexes' (found missing by a review).
      const foreign = printed ? foreignRunningWords(lines, runningWords(runningTemplates(site, page))) : [];
      if (foreign.length > 0)
        problems.push(`${r.changes.pdf} holds ${quoteSome(foreign)} in its running header or footer, which commit ${short} does not render`);
    } else if (changes && r.changes) {
      log?.(
        `archive  version ${r.version}: its changes page (since ${r.changes.since}) is not compared; the version before it is now ${since?.version ?? "none"}`,
      );
    }
    // The style sheet, fonts and logo decide what a reader sees of the words (a rule can hide or replace them).
    const made = new Set([
      ...rendered,
      ...r.annexes.flatMap((a) => (a.pdf ? [a.pdf] : [])),
      ...[...(r.changes ? [r.changes] : []), ...translatedChanges].flatMap((c) => [c.html, ...(c.pdf ? [c.pdf] : [])]),
    ]);
    // A translation's changes page is compared by its words only where its own version before is at hand: not here.
    if (translatedChanges.length > 0) log?.(`archive  version ${r.version}: the changes pages of its translations are not compared with a new rendering`);
    for (const [name, bytes] of siteAssets(site)) {
      made.add(name);
      const kept = files.get(name);
      if (kept && !kept.equals(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes))) problems.push(`${name} is not the file commit ${short} makes`);
    }
    for (const name of files.keys()) if (!made.has(name)) problems.push(`${name} is no file of a build of commit ${short}`);
  }
  if (problems.length > 0)
    throw untrusted(
      record,
      problems.map((p) => `version ${r.version}: ${p}`),
    );
}

function untrusted(record: PublishedRecord, problems: string[]): PublishError {
  return new PublishError(
    `The record of published versions (${record.ref}) holds what the reviewed history does not: ${problems.slice(0, 5).join("; ")}${
      problems.length > 5 ? ` and ${problems.length - 5} more` : ""
    }. toms record never writes such a version, so it was added to ${recordBranch} by other means; toms does not serve it as published. ` +
      `Find out who pushed it (git log ${recordBranch}), remove it from the branch by restoring what toms record wrote, and let only the record job push to ${recordBranch} (docs/ci.md).`,
  );
}

// The words the authors wrote that an annex shows: each measure's title and text (its labels are toms's).
function authorWords(annex: ReturnType<typeof allAnnexes>[number], t: ReturnType<typeof siteStrings>): string[] {
  const words: string[] = [];
  for (const group of annex.groups) {
    for (const section of group.sections) {
      for (const entry of section.entries) {
        const m = entry.measure;
        const tree: Root = { type: "root", children: renderProse(m.prose, 3, { id: `measure-${m.id}`, t }) };
        words.push(...(m.title ? pageWords({ type: "root", children: [{ type: "text", value: m.title }] }) : []), ...pageWords(tree));
      }
    }
  }
  return words;
}

// The lines of a PDF's text (none where it cannot be read: then every word of the page is missing from it).
function pdfLines(bytes: Buffer): Line[] {
  const lines = new LineReader();
  try {
    readGlyphs(readPdf(bytes), lines);
  } catch {
    return [];
  }
  return lines.result();
}

function counts(words: string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const word of words) found.set(word, (found.get(word) ?? 0) + 1);
  return found;
}

function firstDifference(a: string[], b: string[]): number | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return undefined;
}

// A few words around position `at`, quoted ("…TLS 1.0 verschlüsselt…").
function excerpt(words: string[], at: number): string {
  const part = words.slice(Math.max(0, at - 3), at + 4).join(" ");
  return part === "" ? "nothing" : `"…${part}…"`;
}

function quoteSome(words: string[]): string {
  const shown = words.slice(0, 5).map((w) => `"${w}"`);
  return words.length > 5 ? `${shown.join(", ")} and ${words.length - 5} more words` : shown.join(", ");
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

// The version site.yaml names at a commit, in a content folder (relative to the repository top).
function versionAt(top: string, commit: string, folder: string): string | undefined {
  try {
    const text = git(top, ["show", `${commit}:${folder === "" ? "site.yaml" : `${folder}/site.yaml`}`]).toString("utf8");
    const value = parse(text) as { version?: unknown } | null;
    return typeof value?.version === "string" ? value.version : undefined;
  } catch {
    return undefined;
  }
}
