import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

/** A built site as a web server gives it, so each page's Content-Security-Policy is in force (axe runs in it). */
export interface SiteServer {
  /** The address of a file of the site ("en/all.html"). */
  url(file: string): string;
  close(): Promise<void>;
}

/** Serves the folder `root()` names at the time of each request (a test may build into another folder later). */
export async function serveSite(root: () => string): Promise<SiteServer> {
  const server = http.createServer((req, res) => {
    const base = root();
    const file = path.join(base, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("content-type", types[path.extname(file)] ?? "application/octet-stream");
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (file) => `http://127.0.0.1:${port}/${file}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
