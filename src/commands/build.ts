import path from "node:path";
import { Diagnostics } from "../diagnostics/diagnostic.js";
import { GitUsageError, type RepoContent } from "../diff/git.js";
import { gitFs } from "../diff/git-fs.js";
import { versionUsedBefore } from "../diff/history.js";
import { say } from "../diagnostics/say.js";
import type { Site } from "../model.js";
import { buildDate } from "../pdf/build-date.js";
import { PdfError } from "../pdf/errors.js";
import { type AnnexPdf, printVersion } from "../pdf/print-version.js";
import type { PreviousOutput } from "../pdf/reuse.js";
import { planArchive, textAt } from "../publish/archive.js";
import { PublishError } from "../publish/errors.js";
import { unsafeOutput } from "../publish/guard.js";
import { type ManifestVersion, readPdfRecords } from "../publish/manifest.js";
import { checkPublished } from "../publish/published-check.js";
import { checkProvenance, compareRecorded } from "../publish/provenance.js";
import { type PublishedRecord, readRecord, type RecordedVersion, recordedFiles } from "../publish/record.js";
import { sitePlace } from "../publish/site-place.js";
import { sourceState, type SourceState } from "../publish/source-state.js";
import { publishSite, recover, type VersionFiles } from "../publish/write-site.js";
import { listedVersion } from "../render/index-page.js";
import type { AnnexPage } from "../render/pages.js";
import { atomFeed } from "../render/feed.js";
import type { VersionChanges } from "../render/pages.js";
import { languageFolder } from "../render/languages.js";
import { renderChangesPage, renderIndex, renderSite, withPdfSize } from "../render/site.js";
import { previousVersion } from "../publish/previous.js";
import { withRecordedGuesses } from "../publish/record-guesses.js";
import { tocGuesses } from "../pdf/toc-guesses.js";
import { tomsVersion } from "../util/toms-version.js";
import { withBuildSession } from "./build-session.js";
import { check } from "./check.js";

/** Options of `toms build`. */
export interface BuildOptions {
  content: string;
  out: string;
  pdf: boolean;
  /** Also write every published version to `<version>/` (default true; a draft never does). */
  archive?: boolean;
  /** Receives one line per finished step (e.g. per printed PDF). */
  log?: (line: string) => void;
}

/** What a build did. */
export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostics;
  /** Files written, relative to the output folder. */
  written: string[];
  /** The annex pages this build rendered (none when the version was served as recorded). */
  pages: AnnexPage[];
  /** How many annexes the site's latest version has. */
  annexes: number;
  /** Why the build is a draft (uncommitted or no git): then nothing in it is published, archived or listed with a hash. */
  draft?: string;
  /** The commit the latest version was published from, when its files were served from the record. */
  recorded?: string;
  /** Why nothing was written when the cause is not the content (e.g. no browser to print with). */
  failure?: string;
}

/**
 * `toms build`: check the content, render and print the annexes, publish the site to `out` in one step.
 *
 * 1. source: is the content exactly as committed (then it is read from git's objects; else a draft: marked, never
 *    archived, listed without hashes), and what does the record of published versions hold;
 * 2. check: load → validate → resolve;
 * 3. a published version never changes: its text is compared with what was recorded;
 * 4. the archive: which earlier versions the site keeps, from the record or rebuilt from git;
 * 5. render → print the latest version (or serve it as recorded), then each version to rebuild;
 * 6. the index page;
 * 7. publish: everything goes into a staging folder that replaces `out` only when complete.
 *
 * On any failure, or a SIGINT/SIGTERM, `out` stays as it was and no browser is left running.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const unsafe = unsafeOutput(options.out, options.content);
  if (unsafe) return failed(new Diagnostics(), `${unsafe}.`);
  // A build killed between the two renames of its commit left the old site aside: it is put back first, so that even
  // a build stopped by a content error leaves --out as the killed build found it.
  recover(options.out);
  const previous: PreviousOutput = {
    out: path.resolve(options.out),
    pdfs: readPdfRecords(options.out),
    ...(options.pdf && { guesses: tocGuesses(options.content) }),
  };
  let diagnostics = new Diagnostics();
  // With no earlier PDFs to take over, every annex will be printed: the browser starts at once.
  const startEarly = options.pdf && Object.keys(previous.pdfs).length === 0;
  try {
    return await withBuildSession({ out: options.out, startEarly, ...(options.log && { log: options.log }) }, async (session) => {
      const source = sourceState(options.content);
      const record: PublishedRecord = source.repo ? readRecord(source.repo) : { versions: new Map(), folders: new Set() };
      // Where neither the previous output nor toms's cache knows an annex's page numbers (the publishing workflow's
      // fresh container), the last published version's PDFs give the first guess.
      if (previous.guesses && source.repo) previous.guesses = withRecordedGuesses(previous.guesses, source.repo.top, record);
      // Committed content is read from git's objects, byte for byte what was committed and reviewed: no checkout
      // filter (.gitattributes), no file git was told to ignore changes of, can put other text into the annex.
      const fromGit = source.draft ? undefined : gitFs(source.repo.top, source.commit, source.repo.inRepo, path.resolve(options.content));
      const checked = check(options.content, fromGit);
      diagnostics = checked.diagnostics;
      const site = checked.site;
      if (!site) return failed(diagnostics);
      // Each document in its translations (none for a site of one language), by the document in its own language.
      const translationsOf = new WeakMap<Site, Site[]>([[site, checked.translations]]);
      // The check stage again, for the content at an earlier commit (what was published, or is to be rebuilt).
      const root = path.resolve(options.content);
      // Each commit is checked once: a rebuilt version is also the version before the next one (its changes page).
      const checks = new Map<string, ReturnType<typeof check>>();
      const checkAt = (commit: string) => {
        const found = checks.get(commit) ?? check(root, gitFs((source.repo as RepoContent).top, commit, (source.repo as RepoContent).inRepo, root));
        checks.set(commit, found);
        if (found.site) translationsOf.set(found.site, found.translations);
        return found;
      };
      // A version folder pushed to the record by hand is not a published version: its commit must be on the history
      // being built and carry that version (its pages are compared with that commit's content when served).
      if (!source.draft) checkProvenance(source.repo, record, source.commit);
      const published = record.versions.get(site.version);
      if (published && source.repo) {
        checkPublished(
          site,
          { repo: source.repo, contentDir: options.content, ...(!source.draft && { commit: source.commit }) },
          published.record,
          (commit) => checkAt(commit),
          diagnostics,
          checked.translations,
        );
      }
      // A version name used before, with another version in between, may have been signed with another text.
      const usedBefore = source.draft ? undefined : versionUsedBefore(source.repo, site.version);
      if (usedBefore)
        diagnostics.add(say["version-unchanged"].reused({ version: site.version, where: `commit ${usedBefore.slice(0, 12)}` }), sitePlace(site, ["version"]));
      const archived = !source.draft && options.archive !== false ? planArchive(site, source.repo, record, checkAt, diagnostics, options.log) : [];
      if (diagnostics.hasErrors) return failed(diagnostics);
      // The version before a version this build renders, checked as it was: its changes page compares the two.
      const before = (of: Site, from: string) => (source.repo ? previousSite(source.repo, record, site, of, from, checkAt, options.log) : undefined);

      // The date stamped into PDFs is read only when there are PDFs (an HTML build ignores SOURCE_DATE_EPOCH).
      const produce = (of: Site, rel: string, date: Date | undefined, since: Since | undefined, draft = false) =>
        produceVersion(of, translationsOf.get(of) ?? [], {
          rel,
          date,
          draft,
          pdf: options.pdf,
          previous,
          since: since && { ...since, translations: translationsOf.get(since.site) ?? [] },
          printer: session.printer,
          ...(options.log && { log: options.log }),
        });
      const latest =
        published && !source.draft
          ? serveRecorded(source, published, record, checkAt, before, options.log)
          : await produce(site, "", options.pdf ? buildDate(site) : undefined, before(site, source.draft ? "HEAD" : source.commit), source.draft).then((v) =>
              describeProduced(v, site, source),
            );
      const versions: VersionFiles[] = [];
      for (const version of archived) {
        if (version.kind === "recorded") versions.push(serveRecorded(source, version.recorded, record, checkAt, before, options.log));
        else {
          const rebuilt = await produce(version.site, version.version, version.date, before(version.site, version.commit));
          options.log?.(`archive  version ${version.version} rebuilt from commit ${version.commit.slice(0, 12)} (not recorded)`);
          versions.push({
            ...rebuilt,
            version: {
              ...listedVersion(version.site, rebuilt.pages, rebuilt.pdfs, rebuilt.translated),
              ...(rebuilt.changes && { changes: rebuilt.changes }),
              ...(rebuilt.translatedChanges.length > 0 && { translatedChanges: rebuilt.translatedChanges }),
              commit: version.commit,
              toms: tomsVersion(),
              recorded: false,
            },
          });
        }
      }
      const listed = source.draft || options.archive === false ? [] : [latest.version, ...versions.map((v) => v.version)].sort(newestFirst);
      const pdfSizes = linkedPdfSizes(latest, source.draft || options.archive === false ? [] : versions);
      const index = renderIndex(site, latest.version.files, { pdf: options.pdf, versions: listed, pdfSizes, ...(source.draft && { draft: true }) });
      // Customers subscribe to the versions of the annex they signed: the feed needs the site's public address.
      const feed = site.siteUrl && listed.length > 0 ? atomFeed(site, listed, site.siteUrl) : undefined;

      const written = publishSite(session.stage(), {
        latest,
        archived: options.archive === false || source.draft ? [] : versions,
        index,
        ...(feed && { feed }),
        draft: source.draft,
        versions: listed,
      });
      return {
        ok: true,
        diagnostics,
        written,
        pages: latest.pages,
        annexes: latest.version.files.length,
        ...(source.draft && { draft: source.reason }),
        ...(latest.version.recorded && { recorded: latest.version.commit }),
      };
    });
  } catch (error) {
    if (error instanceof PdfError || error instanceof PublishError) return failed(diagnostics, error.message);
    // git itself refused (a damaged repository, say): its reason, in one line.
    if (error instanceof GitUsageError) return failed(diagnostics, `git cannot read the content's repository: ${error.message}`);
    throw error;
  }
}

/** A version rendered and printed by this build. */
interface Produced {
  pages: AnnexPage[];
  files: Map<string, string | Buffer>;
  pdfs: Map<string, AnnexPdf>;
  /** Its changes page, when it has a version before it. */
  changes?: VersionChanges;
  /** Its translations' annex pages (their html and pdf under <lang>/), each with its document. */
  translated: { site: Site; pages: AnnexPage[] }[];
  /** Its translations' changes pages (en/changes.html), for the languages the version before it had too. */
  translatedChanges: (VersionChanges & { lang: string })[];
}

/** The version before the one rendered, checked as it was. */
interface Since {
  version: string;
  site: Site;
  /** The same in its translations (as far as it had them). */
  translations?: Site[];
}

// The version before `of` (built from commit `from`) with its content, for the changes page; none for the first
// version. Content that no longer passes today's checks cannot be compared: that version gets no changes page.
function previousSite(
  repo: RepoContent,
  record: PublishedRecord,
  latest: Site,
  of: Site,
  from: string,
  checkAt: (commit: string) => { site: Site | undefined },
  log?: (line: string) => void,
): Since | undefined {
  const named = new Set(latest.changes.map((c) => c.version));
  const found = previousVersion(repo, record, named, of.version, from, textAt(checkAt));
  if (!found) return undefined;
  const previous = checkAt(found.commit).site;
  if (!previous)
    log?.(`changes  version ${of.version}: version ${found.version} (commit ${found.commit.slice(0, 12)}) no longer passes the checks: no changes page`);
  return previous && { version: found.version, site: previous };
}

// render → print: a version's pages, style sheet and fonts, and a PDF per annex (taken over where nothing changed);
// in a site of several languages, the same for each translation in its folder (en/berlin.html, en/berlin.pdf).
async function produceVersion(
  site: Site,
  translations: Site[],
  o: {
    rel: string;
    date: Date | undefined;
    draft: boolean;
    pdf: boolean;
    previous: PreviousOutput;
    printer: Parameters<typeof printVersion>[2]["printer"];
    since: Since | undefined;
    log?: (line: string) => void;
  },
): Promise<Produced> {
  const options = { pdf: o.pdf, ...(o.draft && { draft: true }) };
  // A translation has a changes page where the version before it had that language too.
  const sinceIn = (lang: string) => o.since?.translations?.find((t) => t.lang === lang);
  const withChanges = o.since ? [site.lang, ...translations.filter((t) => sinceIn(t.lang)).map((t) => t.lang)] : [];
  const files = new Map<string, string | Buffer>();
  const pdfs = new Map<string, AnnexPdf>();
  let changes: VersionChanges | undefined;
  const translated: Produced["translated"] = [];
  const translatedChanges: Produced["translatedChanges"] = [];
  let mainPages: AnnexPage[] = [];
  for (const doc of [site, ...translations]) {
    const folder = languageFolder(doc);
    const since = doc === site ? o.since?.site : sinceIn(doc.lang);
    const rendered = renderSite(doc, { ...options, ...(since && { changes: true }) });
    // The changes page is printed with the annexes, in the same browser pass.
    const changesPage = since ? renderChangesPage(doc, since, { ...options, languages: withChanges }) : undefined;
    // A translation's pages are in its folder; the style sheet, fonts and logo are the version's, once.
    const inFolder = (page: AnnexPage): AnnexPage => (folder === "" ? page : { ...page, html: `${folder}${page.html}`, pdf: `${folder}${page.pdf}` });
    const pages = rendered.pages.map(inFolder);
    const printed = changesPage ? [...pages, inFolder(changesPage)] : pages;
    if (folder === "") for (const [name, bytes] of rendered.files) files.set(name, bytes);
    for (const page of printed) files.set(page.html, page.source);
    if (o.pdf && o.date) {
      const made = await printVersion(
        doc,
        { pages: printed, files },
        { rel: o.rel, date: o.date, previous: o.previous, printer: o.printer, ...(o.log && { log: o.log }) },
      );
      for (const [name, pdf] of made) pdfs.set(name, pdf);
      // Each page's link to its PDF says how big the PDF came out.
      for (const page of printed) {
        const pdf = made.get(page.pdf);
        if (pdf) files.set(page.html, withPdfSize(doc, page, pdf.bytes.length));
      }
    }
    if (changesPage && o.since) {
      const entry = {
        html: `${folder}${changesPage.html}`,
        ...(pdfs.has(`${folder}${changesPage.pdf}`) && { pdf: `${folder}${changesPage.pdf}` }),
        since: o.since.version,
      };
      if (doc === site) changes = entry;
      else translatedChanges.push({ ...entry, lang: doc.lang });
    }
    if (doc === site) mainPages = pages;
    else translated.push({ site: doc, pages });
  }
  for (const [name, pdf] of pdfs) files.set(name, pdf.bytes);
  return { pages: mainPages, files, pdfs, translated, translatedChanges, ...(changes && { changes }) };
}

// The latest version as this build made it; a draft lists no SHA-256: nobody may take its PDFs for ones to sign.
function describeProduced(produced: Produced, site: Site, source: SourceState): VersionFiles {
  const listed = listedVersion(site, produced.pages, produced.pdfs, produced.translated);
  if (source.draft) listed.files = listed.files.map(({ sha256: _, ...file }) => file);
  if (produced.changes) listed.changes = produced.changes;
  if (produced.translatedChanges.length > 0) listed.translatedChanges = produced.translatedChanges;
  return { ...produced, version: { ...listed, commit: source.draft ? "" : source.commit, toms: tomsVersion(), recorded: false } };
}

// A published version: its files exactly as recorded (checked against their SHA-256), never re-rendered.
function serveRecorded(
  source: SourceState,
  recorded: RecordedVersion,
  record: PublishedRecord,
  siteAt: (commit: string) => { site: Site | undefined; translations?: Site[] },
  previous: (site: Site, commit: string) => Since | undefined,
  log?: (line: string) => void,
): VersionFiles {
  const files = recordedFiles(source.repo as NonNullable<SourceState["repo"]>, recorded, record.ref as string);
  const r = recorded.record;
  // The bytes are the recorded ones; whether they are what the recorded commit says is checked against its content.
  const at = siteAt(r.commit);
  compareRecorded(recorded, files, at.site, at.translations ?? [], record, previous, log);
  log?.(`archive  version ${r.version} as published (record of commit ${r.commit.slice(0, 12)})`);
  // A version recorded before toms made changes pages has none: nothing is added to what was published.
  const changes = r.changes && r.files[r.changes.html] !== undefined ? { changes: r.changes } : {};
  const translatedChanges = (r.translated_changes ?? []).filter((c) => r.files[c.html] !== undefined);
  const version: ManifestVersion = {
    version: r.version,
    validFrom: r.valid_from,
    files: r.annexes,
    ...changes,
    ...(translatedChanges.length > 0 && { translatedChanges }),
    commit: r.commit,
    toms: r.toms,
    recorded: true,
  };
  return { pages: [], files, pdfs: new Map(), version };
}

// The size of every PDF the index links, by its address from the index: the latest version's at the root and in its
// folder, each archived version's in its folder.
function linkedPdfSizes(latest: VersionFiles, archived: VersionFiles[]): Map<string, number> {
  const sizes = new Map<string, number>();
  const add = (folder: string, version: VersionFiles) => {
    for (const [name, bytes] of version.files) if (name.endsWith(".pdf")) sizes.set(`${folder}${name}`, Buffer.byteLength(bytes));
  };
  add("", latest);
  add(`${latest.version.version}/`, latest);
  for (const version of archived) add(`${version.version.version}/`, version);
  return sizes;
}

// By the date each took effect, then by the version's own order ("1.10" after "1.9").
function newestFirst(a: ManifestVersion, b: ManifestVersion): number {
  if (a.validFrom !== b.validFrom) return a.validFrom < b.validFrom ? 1 : -1;
  return b.version.localeCompare(a.version, "en", { numeric: true });
}

function failed(diagnostics: Diagnostics, failure?: string): BuildResult {
  return { ok: false, diagnostics, written: [], pages: [], annexes: 0, ...(failure && { failure }) };
}
