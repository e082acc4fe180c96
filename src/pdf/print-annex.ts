import type { Root } from "hast";
import type { Page } from "puppeteer-core";
import type { Site } from "../model.js";
import type { AnnexPage } from "../render/pages.js";
import { PdfError } from "./errors.js";
import { infoReplacement, producerOf } from "./metadata.js";
import { origin, serveOffline } from "./offline.js";
import { headingTexts, outlineTitleFixes } from "./outline.js";
import { namedDestinations, pageObjects, readPdf, type PdfFile } from "./pdf-file.js";
import { PdfEdit } from "./pdf-edit.js";
import { pageLinks } from "./link-text.js";
import { makeAccessible } from "./pdfua.js";
import { renumberStructureIds } from "./structure-ids.js";
import { runningTemplates, runningWords } from "./running.js";
import { loaderCss, loaderStyleSheet, withFontLoader } from "./running-fonts.js";
import { pageBlocks, pageWords, printAllowance } from "./page-words.js";
import { printedLinks } from "./print-links.js";
import { verifyPrint, type VerifyTiming } from "./verify.js";
import { pageNumberElements, pageNumberSelector, parsePage, tocTargets, withPageNumbers } from "./toc.js";

/** One annex to print. */
export interface PrintJob {
  site: Site;
  page: AnnexPage;
  /** The rendered site's files the page loads (style sheet, fonts), by path. */
  files: ReadonlyMap<string, string | Buffer>;
  /** CreationDate and ModDate of the PDF. */
  date: Date;
  /** Bound of each of puppeteer's own steps (navigation, printing). */
  timeoutMs: number;
  /** The contents' page numbers to try first (an earlier print's): when the print confirms them, it is the only one. */
  guess?: ReadonlyMap<string, number>;
}

/** A printed annex. */
export interface PrintedAnnex {
  pdf: Buffer;
  pages: number;
  /** Prints made until the table of contents showed the pages its entries are on. */
  passes: number;
  /** Requests of the page that were refused (anything not the build's own files). */
  refused: string[];
  /** What checking the print against its page took. */
  checks: VerifyTiming;
  /** The page each contents entry's target is on, as printed: the first guess for the next print of this annex. */
  toc: Map<string, number>;
}

// The layout does not depend on the numbers (`.toc-page` has a fixed width in print), so the second print
// normally confirms the first; a third covers a number that still moved (it would be a style sheet bug).
const maxPasses = 3;

/**
 * Prints one annex in a browser tab. Chromium has no target-counter(), so the table of contents is filled in
 * passes: print, read from the PDF on which page each contents entry's target landed (its named destination),
 * put those numbers into the page and print again, until the PDF confirms every number it shows. With a guess (the
 * numbers of this annex's last print) the first print shows them, and when they are right it is the only one. The numbers
 * go into the loaded page (its DOM, no reload and no script), so a further print costs only the print. The
 * last print is then checked against the page (verify.ts): nothing cut off, only bundled fonts, every word there.
 */
export async function printAnnex(tab: Page, job: PrintJob): Promise<PrintedAnnex> {
  // The rendered tree travels with the page; a page made elsewhere (tests) is parsed from its HTML.
  const tree = job.page.tree ?? parsePage(job.page.source);
  const targets = tocTargets(tree);
  const guess = completeGuess(targets, job.guess);
  // Content may carry script (sanitized away today); printing runs none of it.
  await tab.setJavaScriptEnabled(false);
  const running = runningTemplates(job.site, job.page);
  // The page as printed: with the contents' page numbers (placeholders first) and the running header's fonts loaded.
  const printed = printedLinks(withFontLoader(tree, running.fonts));
  const replaced = new Map([
    [job.page.html, withPageNumbers(printed, guess, "00")],
    [loaderStyleSheet, loaderCss(running.fonts)],
  ]);
  const serving = await serveOffline(tab, { files: job.files, replaced });
  try {
    let shown = guess;
    for (let pass = 1; pass <= maxPasses; pass++) {
      if (pass === 1) await load(tab, job);
      else await showPageNumbers(tab, job, pageNumberElements(tree, shown, "00"));
      const pdf = readPdf(await print(tab, job, running));
      const actual = namedDestinations(pdf);
      const lost = targets.filter((id) => !actual.has(id));
      if (lost.length > 0) throw new PdfError(`${job.page.pdf}: the contents link to #${lost.join(", #")}, which is on no page of the print.`);
      // Done when the numbers shown are the pages the targets landed on: after the first print only with a guess, or
      // when the page has no contents to number (a changes page).
      if ((pass > 1 || guess.size > 0 || targets.length === 0) && targets.every((id) => shown.get(id) === actual.get(id))) {
        const checks = await verifyPrint(
          tab,
          job.page.pdf,
          pdf,
          { words: pageWords(tree), allowance: printAllowance(tree), blocks: pageBlocks(tree), running: runningWords(running) },
          job.site.theme?.style !== undefined,
        );
        const toc = new Map(targets.map((id) => [id, actual.get(id)!]));
        return { pdf: finish(pdf, job, tree), pages: pageObjects(pdf).length, passes: pass, refused: [...new Set(serving.refused)], checks, toc };
      }
      shown = new Map(targets.map((id) => [id, actual.get(id)!]));
    }
    throw new PdfError(`${job.page.pdf}: the page numbers of the contents did not settle after ${maxPasses} prints.`);
  } finally {
    serving.stop();
  }
}

/**
 * A guess for every entry of the contents, from an earlier print's numbers (none when that print knew none of
 * them). An entry it did not have (a measure added since) is guessed on the page of the entry before it, the first
 * ones on the page of the first it knows. The numbers have a fixed width, so a wrong guess moves nothing: it costs
 * a second print.
 */
export function completeGuess(targets: readonly string[], known: ReadonlyMap<string, number> | undefined): Map<string, number> {
  const guess = new Map<string, number>();
  const first = known && targets.find((id) => known.has(id));
  if (!known || first === undefined) return guess;
  let page = known.get(first)!;
  for (const id of targets) {
    page = known.get(id) ?? page;
    guess.set(id, page);
  }
  return guess;
}

// Replaces each page number element of the loaded page with the one given (same order, same target: checked).
async function showPageNumbers(tab: Page, job: PrintJob, elements: { target: string; html: string }[]): Promise<void> {
  const session = await tab.createCDPSession();
  try {
    const { root } = await session.send("DOM.getDocument", { depth: 0 });
    const { nodeIds } = await session.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: pageNumberSelector });
    if (nodeIds.length !== elements.length)
      throw new PdfError(`${job.page.pdf}: the printed page has ${nodeIds.length} page numbers in its contents, not ${elements.length}.`);
    await Promise.all(
      nodeIds.map(async (nodeId, i) => {
        const { attributes } = await session.send("DOM.getAttributes", { nodeId });
        const target = attributes[attributes.indexOf("data-target") + 1];
        if (target !== elements[i]!.target)
          throw new PdfError(`${job.page.pdf}: a page number of the contents in the printed page points to #${target}, not #${elements[i]!.target}.`);
        await session.send("DOM.setOuterHTML", { nodeId, outerHTML: elements[i]!.html });
      }),
    );
  } finally {
    await session.detach().catch(() => {});
  }
}

// Our metadata and date instead of Chromium's, bookmark titles spelt like their headings, what PDF/UA-1 asks for
// (pdfua.ts), and structure ids that do not depend on what the renderer did before.
function finish(pdf: PdfFile, job: PrintJob, tree: Root): Buffer {
  const meta = { title: job.page.title, author: job.site.organisation.name, date: job.date, ...(job.site.subtitle ? { subject: job.site.subtitle } : {}) };
  const edit = new PdfEdit(pdf);
  for (const [n, text] of outlineTitleFixes(pdf, headingTexts(tree))) edit.replace(n, text);
  edit.replace(...infoReplacement(pdf, meta));
  makeAccessible(edit, { ...meta, lang: job.site.lang, producer: producerOf(pdf) }, pageLinks(tree));
  return renumberStructureIds(edit.write());
}

async function load(tab: Page, job: PrintJob): Promise<void> {
  const response = await tab.goto(new URL(job.page.html, origin).href, { waitUntil: "load", timeout: job.timeoutMs });
  if (!response?.ok()) throw new PdfError(`${job.page.pdf}: the page ${job.page.html} could not be opened for printing.`);
}

function print(tab: Page, job: PrintJob, running: { header: string; footer: string }): Promise<Uint8Array> {
  return tab.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: running.header,
    footerTemplate: running.footer,
    outline: true,
    tagged: true,
    timeout: job.timeoutMs,
  });
}
