import path from "node:path";
import type { HTTPRequest, Page } from "puppeteer-core";

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

/** What the page may load: the rendered site's files (by path), some replaced by content made for printing. */
export interface OwnFiles {
  files: ReadonlyMap<string, string | Buffer>;
  replaced: Map<string, string>;
}

/** Requests refused so far, and how to stop serving (before the tab is used for another annex). */
export interface Serving {
  refused: string[];
  stop(): void;
}

/**
 * Answers every request of the page from the rendered site's files (held in memory: printing needs no folder on
 * disk) and refuses everything else, so printing never touches the network whatever the content links to or embeds.
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

async function answer(request: HTTPRequest, own: OwnFiles, refused: string[]): Promise<void> {
  const name = ownName(request.url());
  if (name === undefined) {
    refused.push(request.url());
    return request.abort("blockedbyclient");
  }
  const contentType = types[path.posix.extname(name).toLowerCase()] ?? "application/octet-stream";
  const body = own.replaced.get(name) ?? own.files.get(name);
  if (body === undefined) return request.respond({ status: 404, contentType: "text/plain", body: "" });
  return request.respond({ status: 200, contentType, body });
}

// The site path a URL of our origin names ("fonts/x.woff2"); undefined for anything else. Only names of the
// rendered site are ever answered, so no path can lead to a file of the machine.
function ownName(url: string): string | undefined {
  if (!url.startsWith(origin)) return undefined;
  try {
    return path.posix.normalize(decodeURIComponent(new URL(url).pathname)).replace(/^\/+/, "");
  } catch {
    return undefined;
  }
}
