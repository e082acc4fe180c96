import path from "node:path";
import type { Site } from "../model.js";
import type { RenderedSite } from "../render/pages.js";
import type { Printer } from "./print.js";
import { pdfKey, type PdfRecord, type PreviousOutput, reusablePdf, sha256 } from "./reuse.js";

/** A PDF of an annex: its bytes and what the manifest records of it. */
export interface AnnexPdf {
  bytes: Buffer;
  record: PdfRecord;
  reused: boolean;
}

/** What printing one version needs: where its files go in the output, the date stamped in, the earlier output. */
export interface PrintOptions {
  /** The version's folder in the output ("" for the latest at the root, "<version>" for an archived one). */
  rel: string;
  date: Date;
  previous: PreviousOutput;
  /** The build's one browser, started on first use (never, when every PDF is taken over). */
  printer: () => Promise<Printer>;
  log?: (line: string) => void;
}

/**
 * The print stage: a PDF for every annex page of a rendered version, by file name. A PDF whose page, templates,
 * toms and date did not change is taken over from the previous output; the others are printed, each starting from
 * the contents' page numbers its previous print had (one print instead of two when they still hold).
 */
export async function printVersion(site: Site, rendered: RenderedSite, options: PrintOptions): Promise<Map<string, AnnexPdf>> {
  const pdfs = new Map<string, AnnexPdf>();
  const rel = (name: string) => path.posix.join(options.rel, name);
  const toPrint: { page: RenderedSite["pages"][number]; key: string; guess?: Map<string, number> }[] = [];
  for (const page of rendered.pages) {
    const key = pdfKey(page, options.date, site.theme && { files: rendered.files, ...(site.theme.logo && { logo: site.theme.logo.name }) });
    const bytes = reusablePdf(options.previous, rel(page.pdf), key);
    const earlier = options.previous.pdfs[rel(page.pdf)];
    if (bytes && earlier) {
      pdfs.set(page.pdf, { bytes, record: earlier, reused: true });
      options.log?.(`pdf  ${rel(page.pdf)} unchanged, reused`);
    } else {
      // The numbers of the previous output's print of this annex, else of its last print anywhere (the cache).
      const guess = earlier?.toc ? new Map(Object.entries(earlier.toc)) : options.previous.guesses?.get(rel(page.pdf));
      toPrint.push({ page, key, ...(guess && { guess }) });
    }
  }
  if (toPrint.length > 0) {
    const printer = await options.printer();
    const printed = await printer.print(
      site,
      toPrint.map(({ page, guess }) => ({ page, ...(guess && { guess }) })),
      rendered.files,
      options.date,
    );
    for (const { page, key } of toPrint) {
      const result = printed.get(page.pdf);
      if (!result) continue;
      pdfs.set(page.pdf, { bytes: result.pdf, record: { key, sha256: sha256(result.pdf), toc: Object.fromEntries(result.toc) }, reused: false });
      options.previous.guesses?.set(rel(page.pdf), result.toc);
    }
    options.previous.guesses?.save();
  }
  return pdfs;
}
