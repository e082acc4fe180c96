import path from "node:path";
import type { Diagnostics } from "./diagnostics/diagnostic.js";
import { PdfError } from "./pdf/errors.js";
import { stage, writeFiles } from "./publish/write-site.js";
import { renderSite, type AnnexPage } from "./render/site.js";
import { checkContent } from "./validate/check.js";

/** Options of `toms build`. */
export interface BuildOptions {
  content: string;
  out: string;
  pdf: boolean;
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

/** Checks the content and, when it has no error, writes the site to `out` in one step (nothing on failure). */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { site, diagnostics } = checkContent(options.content);
  if (!site) return { ok: false, diagnostics, written: [], pages: [] };
  const rendered = renderSite(site, { pdf: options.pdf });
  const staging = stage(options.out);
  try {
    writeFiles(staging.dir, rendered.files);
    if (options.pdf) {
      const { printAnnexes } = await import("./pdf/print.js");
      await printAnnexes(site, rendered.pages, staging.dir, options.log);
    }
    staging.commit();
  } catch (error) {
    if (error instanceof PdfError) return { ok: false, diagnostics, written: [], pages: [], failure: error.message };
    throw error;
  } finally {
    staging.discard();
  }
  return { ok: true, diagnostics, written: [...rendered.files.keys()].map((f) => path.posix.normalize(f)), pages: rendered.pages };
}
