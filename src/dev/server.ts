import fs from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { PdfError } from "../pdf/errors.js";
import type { EventChannel } from "./events.js";
import { messagePage, type PreviewPages } from "./pages.js";
import type { PreviewPrinter } from "./pdfs.js";
import { clientPath, eventsPath, fallbackPolicy } from "./preview-head.js";

/** What the server serves: the pages, the printer (none with --no-pdf), the event stream, and whether the content has errors now. */
export interface Served {
  pages: PreviewPages;
  printer: PreviewPrinter | undefined;
  events: EventChannel;
  hasErrors(): boolean;
  /** Any hostname may be asked for (listening beyond the loopback with --host); else only the loopback's names. */
  anyHost: boolean;
  log(line: string): void;
}

// The script of preview pages, compiled from src/dev/client.ts by `npm run compile` (lib/ is two folders below the
// package, like src/ and the bundle, so this path holds from each).
const clientFile = new URL("../../lib/dev/client.js", import.meta.url);

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".pdf": "application/pdf",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

/**
 * The preview's HTTP server: the index at `/`, each annex at `/<annex>.html` and `/<annex>.pdf`, the style sheet and
 * fonts, the script at /__toms/client.js and the events at /__toms/events. Nothing is read from the content folder
 * here (pages come from the last check), so no request can reach a file. A failure answers that request with 500 and
 * its message, and is logged; the server goes on.
 */
export function previewServer(served: Served): http.Server {
  return http.createServer((request, response) => {
    handle(request, response, served).catch((error: unknown) => {
      const message = error instanceof PdfError ? error.message : `${(error as Error).message ?? error}`.split("\n")[0];
      served.log(`toms: ${request.url ?? ""} failed: ${message}`);
      if (!response.headersSent) send(response, 500, "text/plain; charset=utf-8", `${message}\n`);
      else response.destroy();
    });
  });
}

async function handle(request: IncomingMessage, response: ServerResponse, served: Served): Promise<void> {
  // A web page elsewhere may make the browser ask a name of its own that it pointed at this machine (DNS rebinding):
  // only the names of the loopback are answered, so no other site can read the annexes being edited.
  if (!served.anyHost && !loopbackHost(request.headers.host)) return send(response, 403, "text/plain; charset=utf-8", "toms dev answers only to localhost.\n");
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    return send(response, 405, "text/plain; charset=utf-8", "Only GET and HEAD.\n");
  }
  let name: string;
  try {
    name = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname).replace(/^\/+/, "");
  } catch {
    return send(response, 400, "text/plain; charset=utf-8", "Bad address.\n");
  }
  const { pages } = served;
  if (`/${name}` === eventsPath) return served.events.connect(request, response);
  if (`/${name}` === clientPath) return send(response, 200, types[".js"] as string, fs.readFileSync(clientFile));
  if (name === "" || name === "index.html") {
    const index = pages.index();
    return index === undefined ? notYet(response) : page(response, 200, index);
  }
  const ext = path.posix.extname(name).toLowerCase();
  if (ext === ".html") {
    const html = pages.html(name);
    return html === undefined ? notFound(response, name) : page(response, 200, html);
  }
  if (ext === ".pdf" && served.printer) {
    const printable = pages.printable(name.replace(/\.pdf$/i, ".html"));
    if (!printable || !pages.site) return notFound(response, name);
    // A PDF of the last text without errors would be taken for the current one: there is none until they are fixed.
    if (served.hasErrors()) {
      return page(response, 503, messagePage("The content has errors", `${name} is printed again once they are fixed; this page then reloads.`));
    }
    const pdf = await served.printer.pdf(pages.site, printable, pages.assets());
    return send(response, 200, types[".pdf"] as string, pdf);
  }
  const asset = pages.assets().get(name);
  if (asset !== undefined) return send(response, 200, types[ext] ?? "application/octet-stream", asset);
  return notFound(response, name);
}

function page(response: ServerResponse, status: number, html: string): void {
  // The same policy the page carries, also as a header: it then holds for pages of the server's own too.
  response.setHeader("Content-Security-Policy", fallbackPolicy);
  send(response, status, types[".html"] as string, html);
}

function notYet(response: ServerResponse): void {
  page(response, 503, messagePage("The content has errors", "No annex can be shown until they are fixed; this page then reloads."));
}

function notFound(response: ServerResponse, name: string): void {
  page(response, 404, messagePage("Not found", `The preview has no ${name}. This page reloads after each save.`));
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  // A preview changes with every save: nothing may be taken from a cache.
  response.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  response.end(body);
}

// The Host header of a request to this machine's loopback: "localhost" (or a name below .localhost), 127.x.x.x or [::1], with or without a port.
function loopbackHost(host: string | undefined): boolean {
  return host !== undefined && isLoopback(host.replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1"));
}

/** Whether a host name or address is this machine's loopback, which nobody else can reach. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  return name === "localhost" || name.endsWith(".localhost") || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

/** How many ports after the one asked for are tried when it is taken. */
export const portsTried = 20;

/**
 * Listens on `port` of `host`, or on the next free port when it is taken (up to portsTried further); port 0 lets
 * the system pick one. Resolves to the port listened on.
 */
export async function listen(server: http.Server, host: string, port: number): Promise<number> {
  for (let p = port; ; p++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(p, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!taken || port === 0 || p >= Math.min(65535, port + portsTried)) throw error;
    }
  }
}
