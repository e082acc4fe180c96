import fs from "node:fs";
import path from "node:path";
import { Diagnostics } from "./diagnostics/diagnostic.js";
import { GitUsageError } from "./diff/git.js";
import { PdfError } from "./pdf/errors.js";
import { killBrowsers, locateSystemBrowser, startBrowser, type StartedBrowser } from "./pdf/launch.js";
import type { Printer } from "./pdf/print.js";
import { listedVersion, writeAnnexSet } from "./publish/annex-set.js";
import { writeArchive } from "./publish/archive.js";
import { PublishError } from "./publish/errors.js";
import { unsafeOutput } from "./publish/guard.js";
import { type Manifest, manifestName, type ManifestVersion, type PdfRecord, readPdfRecords } from "./publish/manifest.js";
import { checkPublished } from "./publish/published-check.js";
import { type PublishedRecord, readRecord, recordedFiles } from "./publish/record.js";
import { sourceState } from "./publish/source-state.js";
import { recover, stage, type Staging, writeFiles } from "./publish/write-site.js";
import { renderIndex, type AnnexPage } from "./render/site.js";
import { tomsVersion } from "./util/toms-version.js";
import { checkContent } from "./validate/check.js";

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
 * Checks the content and, when it has no error, writes the site to `out` in one step: annexes, PDFs, the
 * archive of published versions and the index are built in a staging folder that replaces `out` only
 * when complete. On any failure, or a SIGINT/SIGTERM, `out` stays as it was and no browser is left running.
 * Content that is not exactly as committed is a draft: marked as such, never archived, listed without hashes.
 * A version the record of published versions holds is served from it, never re-rendered, and must not have changed.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const failed = (diagnostics: Diagnostics, failure?: string): BuildResult => ({
    ok: false,
    diagnostics,
    written: [],
    pages: [],
    annexes: 0,
    ...(failure && { failure }),
  });
  // A build killed between the two renames of its commit left the old site aside: put it back before anything
  // else, so that even a build stopped by a content error leaves --out as the killed build found it.
  const unsafe = unsafeOutput(options.out, options.content);
  if (unsafe) return failed(new Diagnostics(), `${unsafe}.`);
  recover(options.out);
  const previous = { out: path.resolve(options.out), pdfs: readPdfRecords(options.out) };
  // Created only once the signal handlers are in place: without them a signal ends the process at once, which
  // would leave the staging folder behind.
  let staging: Staging | undefined;
  const records: Record<string, PdfRecord> = {};
  let printer: Promise<Printer> | undefined;
  // A browser started before it is needed (see below); the printer takes it over.
  let early: StartedBrowser | undefined;
  // Loaded lazily: a build without PDFs never loads puppeteer.
  const startPrinter = () => {
    printer ??= import("./pdf/print.js").then((print) => print.openPrinter(options.log, early));
    return printer;
  };
  // Everything here is synchronous and the process exits right after: the build in flight never gets to
  // commit (or write) after the discard, and a browser still starting is killed too.
  const stopOnSignal = onSignal((signal) => {
    // The browser first, so it stops writing into the staging folder.
    killBrowsers();
    staging?.discard();
    const outcome = staging?.committed() ? `${options.out} holds the new site` : `nothing was written; ${options.out} is unchanged`;
    process.stderr.write(`toms: stopped by ${signal}; ${outcome}.\n`);
  });
  let checked = new Diagnostics();
  try {
    // With no earlier PDFs to take over, every annex will be printed: start the browser now, so it comes up on
    // another core while the content is checked and rendered. (Where it cannot be started here, the printer
    // tries again and says why.)
    if (options.pdf && Object.keys(previous.pdfs).length === 0) early = startEarly();
    // Committed content may be published; anything else is a draft. What was published is what the record says.
    const state = sourceState(options.content);
    const record: PublishedRecord = state.repo ? readRecord(state.repo) : { versions: new Map(), folders: new Set() };
    const { site, diagnostics } = checkContent(options.content);
    checked = diagnostics;
    if (!site) return failed(diagnostics);
    const published = record.versions.get(site.version);
    if (published && state.repo) {
      checkPublished(site, { repo: state.repo, contentDir: options.content, ...(!state.draft && { commit: state.commit }) }, published.record, diagnostics);
      if (diagnostics.hasErrors) return failed(diagnostics);
    }
    staging = stage(options.out);
    const target = { pdf: options.pdf, previous, printer: startPrinter, records, ...(options.log && { log: options.log }) };
    let current: { version: ManifestVersion; files: string[] };
    let pages: AnnexPage[] = [];
    if (published && !state.draft) {
      // The version was published: its files are served as recorded, whatever this toms would render today.
      const files = recordedFiles(state.repo, published, record.ref as string);
      writeFiles(staging.dir, files);
      const r = published.record;
      current = {
        version: { version: r.version, validFrom: r.valid_from, files: r.annexes, commit: r.commit, toms: r.toms, recorded: true },
        files: [...files.keys()],
      };
      options.log?.(`version ${r.version} as published (record of commit ${r.commit.slice(0, 12)})`);
    } else {
      const set = await writeAnnexSet(site, { ...target, dir: staging.dir, rel: "", ...(state.draft && { draft: true }) });
      pages = set.pages;
      const listed = listedVersion(site, set);
      // A draft lists no SHA-256: nobody may take its PDFs for ones to sign.
      if (state.draft) listed.files = listed.files.map(({ sha256: _, ...file }) => file);
      current = { version: { ...listed, commit: state.draft ? "" : state.commit, toms: tomsVersion(), recorded: false }, files: set.files };
    }
    let versions: ManifestVersion[] = [];
    if (!state.draft && options.archive !== false) {
      versions = await writeArchive({ site, current, content: options.content, repo: state.repo, record, target, staging: staging.dir, diagnostics });
      if (diagnostics.hasErrors) return failed(diagnostics);
    }
    fs.writeFileSync(
      path.join(staging.dir, "index.html"),
      renderIndex(site, current.version.files, { pdf: options.pdf, versions, ...(state.draft && { draft: true }) }),
    );
    const manifest: Manifest = { draft: state.draft, pdfs: sorted(records), versions };
    fs.writeFileSync(path.join(staging.dir, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
    staging.commit();
    return {
      ok: true,
      diagnostics,
      written: [...current.files, "index.html"],
      pages,
      annexes: current.version.files.length,
      ...(state.draft && { draft: state.reason }),
      ...(current.version.recorded && { recorded: current.version.commit }),
    };
  } catch (error) {
    if (error instanceof PdfError || error instanceof PublishError) return failed(checked, error.message);
    // git itself refused (a damaged repository, say): its reason, in one line.
    if (error instanceof GitUsageError) return failed(checked, `git cannot read the content's repository: ${error.message}`);
    throw error;
  } finally {
    staging?.discard();
    // The handlers stay until the browser is gone, so a signal during the close still kills it.
    if (printer) await (await printer.catch(() => undefined))?.close();
    // Started early, never printed with (a content error): ended at once.
    early?.kill();
    stopOnSignal();
  }
}

function startEarly(): StartedBrowser | undefined {
  try {
    const found = locateSystemBrowser();
    return found && startBrowser(found);
  } catch {
    return undefined;
  }
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

// SIGHUP is left alone: a listener would override the SIG_IGN of `nohup toms build`. Without one, a hangup ends
// node at once; the browser then quits as its pipe closes, and the next build removes the staging folder.
const exitCodes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

// While a build runs, SIGINT and SIGTERM first undo what it started (staging folder, browser), then end the process
// at once with the code the signal would have given (128 + its number); returns the function that removes the
// handlers.
function onSignal(cleanup: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    try {
      cleanup(signal);
    } finally {
      process.exit(exitCodes[signal]);
    }
  };
  for (const signal of Object.keys(exitCodes)) process.once(signal, handler);
  return () => {
    for (const signal of Object.keys(exitCodes)) process.removeListener(signal, handler);
  };
}
