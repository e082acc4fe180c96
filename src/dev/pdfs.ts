import type { Site } from "../model.js";
import { PdfError } from "../pdf/errors.js";
import { locateSystemBrowser, startBrowser } from "../pdf/launch.js";
import type { Printer } from "../pdf/print.js";
import type { AnnexPage } from "../render/pages.js";

// The last PDF of an annex: what it was printed from, the print (finished or under way), and the page numbers of its
// contents once printed, the first guess for the next print of this annex.
interface LastPrint {
  source: string;
  pdf: Promise<Buffer>;
  toc?: ReadonlyMap<string, number>;
}

/**
 * The preview's PDFs: printed when asked for, from the page as it is now, by one browser kept running for the
 * server's whole life (started when the server starts, so the first PDF does not wait for it). The last PDF of each
 * annex is kept by the page it was printed from: asking again without a save costs nothing, and a print of a changed
 * annex starts from the page numbers the last one had, so when they still hold it is the only print.
 */
export class PreviewPrinter {
  #printer: Promise<Printer> | undefined;
  readonly #last = new Map<string, LastPrint>();

  constructor(
    /** The date stamped into the PDFs (SOURCE_DATE_EPOCH, else now: a preview is no build to reproduce). */
    readonly date: () => Date,
    readonly log?: (line: string) => void,
  ) {}

  /** Starts the browser now, in the background; a browser that cannot start is reported by the first PDF asked for. */
  warmUp(): void {
    void this.#open().catch(() => {});
  }

  /** The PDF of an annex page (rendered for printing: no preview script), printed now unless this very page was printed already. */
  pdf(site: Site, page: AnnexPage, files: ReadonlyMap<string, string | Buffer>): Promise<Buffer> {
    const last = this.#last.get(page.pdf);
    if (last?.source === page.source) return last.pdf;
    const entry: LastPrint = { source: page.source, pdf: Promise.resolve(Buffer.alloc(0)), ...(last?.toc && { toc: last.toc }) };
    entry.pdf = (async () => {
      const printer = await this.#open();
      try {
        const started = performance.now();
        const printed = (await printer.print(site, [{ page, ...(entry.toc && { guess: entry.toc }) }], files, this.date())).get(page.pdf);
        if (!printed) throw new PdfError(`${page.pdf} was not printed.`);
        entry.toc = printed.toc;
        const passes = printed.passes > 1 ? `, ${printed.passes} passes for the contents' page numbers` : "";
        this.log?.(`${clock()}  pdf  ${page.pdf}: ${printed.pages} pages printed in ${Math.round(performance.now() - started)} ms${passes}`);
        return printed.pdf;
      } catch (error) {
        // The next request prints again, on a fresh browser: after a failure this one may be hung or gone.
        if (this.#last.get(page.pdf) === entry) this.#last.delete(page.pdf);
        this.#printer = undefined;
        await printer.close().catch(() => {});
        throw error;
      }
    })();
    this.#last.set(page.pdf, entry);
    return entry.pdf;
  }

  /** Closes the browser (killed when it does not close in time). */
  async close(): Promise<void> {
    const printer = this.#printer;
    this.#printer = undefined;
    await (await printer?.catch(() => undefined))?.close();
  }

  #open(): Promise<Printer> {
    if (!this.#printer) {
      const opening = (async () => {
        // Started before puppeteer is loaded, so the browser comes up while the rest loads (as in a build).
        const found = locateSystemBrowser();
        const started = found && startBrowser(found);
        const print = await import("../pdf/print.js");
        // The printer's own lines are a build's; the preview says one line per PDF (above).
        return print.openPrinter(undefined, started);
      })();
      // A browser that did not start is tried again by the next request.
      opening.catch(() => {
        if (this.#printer === opening) this.#printer = undefined;
      });
      this.#printer = opening;
    }
    return this.#printer;
  }
}

// The time of day, as the preview's lines begin.
function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}
