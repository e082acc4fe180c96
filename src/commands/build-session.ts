import { killBrowsers, locateSystemBrowser, startBrowser, type StartedBrowser } from "../pdf/launch.js";
import type { Printer } from "../pdf/print.js";
import { type Staging, stage } from "../publish/write-site.js";

/** What a build holds while it runs: its staging folder and its browser, both undone on failure or a signal. */
export interface BuildSession {
  /** Starts the staging folder next to `out` (once the content is known to be good). */
  stage(): Staging;
  /** The build's one browser as a printer, started on first use; a build that prints nothing never loads puppeteer. */
  printer(): Promise<Printer>;
}

/**
 * Runs a build with what it starts cleaned up in every case: on return, failure or SIGINT/SIGTERM the staging
 * folder is removed (unless committed) and no browser is left running. With `startEarly`, Chromium is started at
 * once, so it comes up on another core while the content is checked and rendered.
 */
export async function withBuildSession<T>(
  options: { out: string; startEarly: boolean; log?: (line: string) => void },
  run: (session: BuildSession) => Promise<T>,
): Promise<T> {
  let staging: Staging | undefined;
  let printer: Promise<Printer> | undefined;
  const early = options.startEarly ? startEarly() : undefined;
  // Everything here is synchronous and the process exits right after: the build in flight never gets to commit (or
  // write) after the discard, and a browser still starting is killed too.
  const stopOnSignal = onSignal((signal) => {
    // The browser first, so it stops writing.
    killBrowsers();
    staging?.discard();
    const outcome = staging?.committed() ? `${options.out} holds the new site` : `nothing was written; ${options.out} is unchanged`;
    process.stderr.write(`toms: stopped by ${signal}; ${outcome}.\n`);
  });
  try {
    return await run({
      stage: () => {
        staging ??= stage(options.out);
        return staging;
      },
      // Loaded lazily: a build without PDFs to print never loads puppeteer.
      printer: () => {
        printer ??= import("../pdf/print.js").then((print) => print.openPrinter(options.log, early));
        return printer;
      },
    });
  } finally {
    staging?.discard();
    // The handlers stay until the browser is gone, so a signal during the close still kills it.
    if (printer) await (await printer.catch(() => undefined))?.close();
    // Started early, never printed with (a content error, or every PDF taken over): ended at once.
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
