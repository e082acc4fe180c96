import { fileURLToPath } from "node:url";
import { EventChannel, type PreviewEvent } from "../dev/events.js";
import { PreviewPages } from "../dev/pages.js";
import { PreviewPrinter } from "../dev/pdfs.js";
import { type PageProblem, pageProblems } from "../dev/problems.js";
import { isLoopback, listen, previewServer } from "../dev/server.js";
import { type Checked, PreviewSession } from "../dev/session.js";
import { type Watch, watchFolders } from "../dev/watch.js";
import { killBrowsers } from "../pdf/launch.js";
import { templateDir } from "../render/template.js";
import { isInside } from "../util/paths.js";

/** Options of `toms dev`. */
export interface DevOptions {
  content: string;
  /** The port asked for (the next free one is taken when it is in use; 0: any free port). */
  port: number;
  /** Where to listen (default "localhost": this machine only). */
  host?: string;
  pdf: boolean;
  /** The date stamped into PDFs (default: now). */
  date?: () => Date;
  /** Told after each check that followed a save (the first check is in the handle). */
  onCheck?: (checked: Checked) => void;
  /** Receives what went wrong without ending the server (a watcher error, a page that failed). */
  log?: (line: string) => void;
}

/** A running preview server. */
export interface DevServer {
  /** Its address, e.g. http://localhost:4321/. */
  url: string;
  port: number;
  /** The check made at the start. */
  first: Checked;
  /** Stops watching, ends every connection, closes the browser. */
  close(): Promise<void>;
}

/**
 * `toms dev`: the annexes of the working tree, served live.
 *
 * 1. check the content folder (remembering the work on each file, see dev/session.ts);
 * 2. serve: pages are rendered when a browser asks for one, PDFs printed when asked for, by a browser kept warm;
 * 3. watch the content folder and toms's templates; after each burst of saves check again, and tell open pages
 *    which pages changed (`reload`, by fingerprint, nothing rendered) or what the problems are (`problems`).
 *
 * Nothing is written anywhere: pages and PDFs live in memory, the browser's profile in the temporary folder.
 */
export async function dev(options: DevOptions): Promise<DevServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const session = new PreviewSession(options.content);
  const pages = new PreviewPages({ pdf: options.pdf });
  let problems: PageProblem[] | undefined;
  // The check's outcome for the pages: a document without errors replaces the pages' one; problems are kept to tell
  // every page that connects while they last.
  const apply = (checked: Checked): PreviewEvent => {
    if (checked.site) {
      pages.update(checked.site, checked.fingerprints);
      problems = undefined;
      return { event: "reload", data: { pages: checked.changed } };
    }
    problems = pageProblems(checked.problems, process.cwd(), checked.sources);
    return { event: "problems", data: problems };
  };
  const first = session.check() as Checked;
  apply(first);

  const printer = options.pdf ? new PreviewPrinter(options.date ?? (() => new Date()), log) : undefined;
  printer?.warmUp();
  const events = new EventChannel(() => [
    { event: "hello", data: { pages: Object.fromEntries(session.fingerprints) } },
    ...(problems ? [{ event: "problems", data: problems }] : []),
  ]);
  const host = options.host ?? "localhost";
  const server = previewServer({ pages, printer, events, hasErrors: () => problems !== undefined, anyHost: !isLoopback(host), log });
  let watch: Watch | undefined;
  try {
    const port = await listen(server, host, options.port);
    const templates = fileURLToPath(templateDir);
    watch = await watchFolders(
      [options.content, templates],
      (paths) => {
        try {
          if (paths?.some((p) => isInside(templates, p))) {
            session.templatesChanged();
            pages.templatesChanged();
          }
          const checked = session.check(paths);
          if (!checked) return;
          events.send(apply(checked));
          options.onCheck?.(checked);
        } catch (error) {
          // A bug in a stage, not the content: said, and the next save tries again.
          log(`toms: checking after the save failed: ${(error as Error).stack ?? error}`);
        }
      },
      (error) => log(`toms: watching ${options.content} failed: ${error.message}`),
    );
    const url = `http://${urlHost(host)}:${port}/`;
    return {
      url,
      port,
      first,
      async close() {
        events.close();
        server.closeAllConnections();
        await Promise.all([new Promise((resolve) => server.close(resolve)), watch?.close(), printer?.close()]);
      },
    };
  } catch (error) {
    await watch?.close();
    server.close();
    killBrowsers();
    throw error;
  }
}

// The host as a URL writes it: an IPv6 address in brackets; "0.0.0.0" and "::" are every address, shown as this machine's name.
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
