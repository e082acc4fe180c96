import type { Browser, Page } from "puppeteer-core";
import type { Site } from "../model.js";
import type { AnnexPage } from "../render/pages.js";
import { buildDate } from "./build-date.js";
import { PdfError } from "./errors.js";
import { locateBrowser, parallelism, startBrowser, type StartedBrowser } from "./launch.js";
import { eachLimited } from "./pool.js";
import { printAnnex, type PrintJob, type PrintedAnnex } from "./print-annex.js";

/** What printing one annex gave, as reported on the terminal. */
export interface PrintSummary {
  file: string;
  pages: number;
  ms: number;
  passes: number;
  /** Of `ms`, the time spent checking the print against its page (layout read back, PDF text compared). */
  checkMs: number;
}

/** How long one annex may take to print before the build gives up (TOMS_PDF_TIMEOUT_MS overrides). */
export const defaultTimeoutMs = 60_000;

/** An annex to print, with the contents' page numbers of its last print as the first guess, when known. */
export interface PrintRequest {
  page: AnnexPage;
  guess?: ReadonlyMap<string, number>;
}

/** One browser for a whole build, printing as many annex sets (the current version, archived ones) as needed. */
export interface Printer {
  /**
   * Prints annex pages of one rendered version (`files`: the site's files the pages load), as many at once as there
   * are cores; returns each PDF by its file name. `date` is stamped into the PDFs (default: the build date of the
   * site). Any failure throws a PdfError.
   */
  print(site: Site, requests: PrintRequest[], files: ReadonlyMap<string, string | Buffer>, date?: Date): Promise<Map<string, PrintedAnnex>>;
  /** Closes the browser (killing it when it does not close in time, or at once when a print failed). */
  close(): Promise<void>;
}

/**
 * Returns a printer for the whole build, on the browser `started` (started early by the build) or on one it
 * starts now. Tabs are kept for the next annex: the browser's own first tab, then one more per parallel print.
 */
export async function openPrinter(log?: (line: string) => void, started?: StartedBrowser): Promise<Printer> {
  const timeoutMs = timeoutFromEnv();
  const chromium = started ?? startBrowser(await locateBrowser());
  let browser: Browser;
  let idle: Page[];
  try {
    browser = await chromium.connect();
    idle = await browser.pages();
    log?.(`pdf  ${chromium.found.executable} (${await browser.version()}) started in ${Math.round(performance.now() - chromium.startedAt)} ms`);
  } catch (error) {
    // No printer is returned, so nobody else could end this browser.
    chromium.kill();
    throw error instanceof PdfError
      ? error
      : new PdfError(`The browser at ${chromium.found.executable} did not answer: ${(error as Error).message.split("\n")[0]}`);
  }
  // After a failed print the browser may be hung or gone: it is then killed instead of asked to close.
  let failed = false;
  return {
    async print(site, requests, files, date = buildDate(site)) {
      const t = performance.now();
      const width = Math.max(...requests.map((r) => r.page.pdf.length));
      const summaries: PrintSummary[] = [];
      const results = new Map<string, PrintedAnnex>();
      await eachLimited(requests, parallelism(requests.length), async ({ page, guess }) => {
        const t0 = performance.now();
        const printed = await withTimeout(browser, idle, { site, page, files, date, timeoutMs, ...(guess && { guess }) }).catch((error: unknown) => {
          failed = true;
          throw error;
        });
        results.set(page.pdf, printed);
        const summary = {
          file: page.pdf,
          pages: printed.pages,
          ms: Math.round(performance.now() - t0),
          passes: printed.passes,
          checkMs: Math.round(printed.checks.layoutMs + printed.checks.textMs),
        };
        summaries.push(summary);
        log?.(
          `pdf  ${summary.file.padEnd(width)}  ${String(summary.pages).padStart(3)} pages  ${summary.passes === 1 ? "1 print " : `${summary.passes} prints`}  ${String(summary.ms).padStart(5)} ms`,
        );
      });
      const checked = summaries.reduce((sum, s) => sum + s.checkMs, 0);
      log?.(`pdf  ${requests.length} annexes printed in ${Math.round(performance.now() - t)} ms (checked against their pages in ${checked} ms)`);
      return results;
    },
    close: async () => (failed ? chromium.kill() : chromium.close()),
  };
}

// A tab per annex, an idle one if there is one, given back after a print and closed after a failure; a print that
// outlives the timeout fails with a message instead of hanging the build. A browser that quit (crashed, killed)
// is named as the cause rather than puppeteer's symptom.
async function withTimeout(browser: Browser, idle: Page[], job: PrintJob): Promise<PrintedAnnex> {
  let tab: Page | undefined;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new PdfError(
          `Printing ${job.page.pdf} took longer than ${job.timeoutMs / 1000} s and was stopped: the browser hangs or the annex is very large. TOMS_PDF_TIMEOUT_MS sets the limit (in milliseconds).`,
        ),
      );
    }, job.timeoutMs);
  });
  // Some of puppeteer's waits (newPage's) do not end when the browser dies: its disconnection ends the print.
  const quit = () => new PdfError(`The browser quit unexpectedly while printing ${job.page.pdf}.`);
  let onDisconnect = () => {};
  const gone = new Promise<never>((_, reject) => {
    onDisconnect = () => reject(quit());
    if (browser.connected) browser.once("disconnected", onDisconnect);
    else onDisconnect();
  });
  try {
    const work = (async () => {
      tab = idle.pop() ?? (await browser.newPage());
      return printAnnex(tab, job);
    })();
    const printed = await Promise.race([work, expired, gone]);
    if (tab) idle.push(tab);
    return printed;
  } catch (error) {
    // A hung browser never answers: its tab is closed without waiting (after a failure the browser is killed,
    // which also ends a tab opened after the timeout).
    void tab?.close().catch(() => {});
    if (error instanceof PdfError) throw error;
    if (!browser.connected) throw quit();
    throw new PdfError(`Printing ${job.page.pdf} failed: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    clearTimeout(timer);
    browser.off("disconnected", onDisconnect);
  }
}

function timeoutFromEnv(): number {
  const value = process.env.TOMS_PDF_TIMEOUT_MS;
  if (value === undefined || value === "") return defaultTimeoutMs;
  if (!/^\d+$/.test(value) || Number(value) === 0) throw new PdfError(`TOMS_PDF_TIMEOUT_MS must be a positive whole number of milliseconds, not "${value}".`);
  return Number(value);
}
