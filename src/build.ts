import fs from "node:fs";
import path from "node:path";
import type { Diagnostics } from "./diagnostics/diagnostic.js";
import { PdfError } from "./pdf/errors.js";
import type { Printer } from "./pdf/print.js";
import { writeAnnexSet } from "./publish/annex-set.js";
import { writeArchive } from "./publish/archive.js";
import { manifestName, type PdfRecord, readManifest } from "./publish/manifest.js";
import { stage } from "./publish/write-site.js";
import { renderIndex, type AnnexPage } from "./render/site.js";
import { checkContent } from "./validate/check.js";

/** Options of `toms build`. */
export interface BuildOptions {
  content: string;
  out: string;
  pdf: boolean;
  /** Also write every published version to `<version>/` (default true). */
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
  pages: AnnexPage[];
  /** Why nothing was written when the cause is not the content (e.g. no browser to print with). */
  failure?: string;
}

/**
 * Checks the content and, when it has no error, writes the site to `out` in one step: annexes, PDFs, the
 * archive of published versions and the index are built in a staging folder that replaces `out` only
 * when complete. On any failure, or a SIGINT/SIGTERM, `out` stays as it was and no browser is left running.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { site, diagnostics } = checkContent(options.content);
  if (!site) return { ok: false, diagnostics, written: [], pages: [] };
  const previous = { out: path.resolve(options.out), manifest: readManifest(options.out) };
  const staging = stage(options.out);
  const records: Record<string, PdfRecord> = {};
  let printer: Promise<Printer> | undefined;
  const startPrinter = () => {
    printer ??= import("./pdf/print.js").then((m) => m.openPrinter(options.log));
    return printer;
  };
  const stopOnSignal = onSignal(() => {
    staging.discard();
    void printer?.then((p) => {
      const pid = p.pid();
      if (pid !== undefined) process.kill(pid, "SIGKILL");
    });
  });
  try {
    const target = { pdf: options.pdf, previous, printer: startPrinter, records, ...(options.log && { log: options.log }) };
    const current = await writeAnnexSet(site, { ...target, dir: staging.dir, rel: "" });
    const versions = options.archive === false ? [] : await writeArchive({ site, current, content: options.content, target, staging: staging.dir });
    fs.writeFileSync(path.join(staging.dir, "index.html"), renderIndex(site, current.pages, { pdf: options.pdf, versions, hashes: current.hashes }));
    fs.writeFileSync(path.join(staging.dir, manifestName), `${JSON.stringify({ pdfs: sorted(records), versions }, null, 2)}\n`);
    staging.commit();
    return { ok: true, diagnostics, written: [...current.files, "index.html"], pages: current.pages };
  } catch (error) {
    if (error instanceof PdfError) return { ok: false, diagnostics, written: [], pages: [], failure: error.message };
    throw error;
  } finally {
    stopOnSignal();
    staging.discard();
    await (await printer?.catch(() => undefined))?.close();
  }
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

// While a build runs, SIGINT and SIGTERM first undo what it started (staging folder, browser), then end the
// process as the signal would have; returns the function that removes the handlers.
function onSignal(cleanup: () => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    cleanup();
    process.exitCode = signal === "SIGINT" ? 130 : 143;
    // Give the browser kill a moment to be sent, then leave.
    setTimeout(() => process.exit(), 50);
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.removeListener("SIGINT", handler);
    process.removeListener("SIGTERM", handler);
  };
}
