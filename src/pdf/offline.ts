import fs from "node:fs";
import path from "node:path";
import type { HTTPRequest, Page } from "puppeteer";
import { isInside, relativePosix } from "../util/paths.js";

/**
 * The made-up origin the build's own files are served from while printing. `.invalid` never resolves, and a
 * fixed origin (not file://<staging folder>) keeps the printed PDF free of the random staging path.
 */
export const origin = "https://toms.invalid/";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

/** What the page may load: files below `dir`, some replaced by content made for printing (by file name). */
export interface OwnFiles {
  dir: string;
  replaced: Map<string, string>;
}

/** Requests refused so far, and how to stop serving (before the tab is used for another annex). */
export interface Serving {
  refused: string[];
  stop(): void;
}

/**
 * Answers every request of the page from the build's own files and refuses everything else, so printing
 * never touches the network whatever the content links to or embeds.
 */
export async function serveOffline(page: Page, files: OwnFiles): Promise<Serving> {
  const refused: string[] = [];
  await page.setRequestInterception(true);
  const handler = (request: HTTPRequest) => {
    // A data: URL carries its content (the running header's inlined fonts): nothing is fetched, and the browser does
    // not let it be intercepted anyway.
    if (request.isInterceptResolutionHandled() || request.url().startsWith("data:")) return;
    answer(request, files, refused).catch(() => {
      // The page was closed while answering (timeout or failure elsewhere); nothing is left to answer.
    });
  };
  page.on("request", handler);
  return { refused, stop: () => page.off("request", handler) };
}

async function answer(request: HTTPRequest, files: OwnFiles, refused: string[]): Promise<void> {
  const file = ownFile(request.url(), files.dir);
  if (file === undefined) {
    refused.push(request.url());
    return request.abort("blockedbyclient");
  }
  const name = relativePosix(files.dir, file);
  const replaced = files.replaced.get(name);
  const contentType = types[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  if (replaced !== undefined) return request.respond({ status: 200, contentType, body: replaced });
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return request.respond({ status: 404, contentType: "text/plain", body: "" });
  return request.respond({ status: 200, contentType, body: await fs.promises.readFile(file) });
}

// The file a URL of our origin names, inside `dir` only; undefined for anything else.
function ownFile(url: string, dir: string): string | undefined {
  if (!url.startsWith(origin)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  const file = path.resolve(dir, `.${pathname}`);
  return isInside(path.resolve(dir), file) ? file : undefined;
}
