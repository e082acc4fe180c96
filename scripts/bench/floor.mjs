// The Chromium floor of the benchmark, with no toms code: launch the browser with puppeteer and print the given
// HTML pages to PDF, as many at once as there are cores, each `passes` times (toms prints twice per annex to
// fill the page numbers of its contents).
// node scripts/bench/floor.mjs EXECUTABLE PASSES OUTDIR PAGE.html...
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const [executable, passes, outDir, ...pages] = process.argv.slice(2);

// toms's own flags on top of puppeteer's defaults, as toms starts the browser (src/pdf/launch.ts; a test keeps its
// command line equal to puppeteer.launch's): the same browser, started the same way. Only this list comes from toms.
const { tomsFlags: flags } = await import(new URL("../../lib/pdf/launch.js", import.meta.url).href);
const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

// A running header and footer of the same shape as toms's (its static templates, slots left empty), so
// Chromium lays out the same margin boxes; "X / Y" uses Chromium's own page number spans.
const templates = new URL("../../templates/", import.meta.url);
const header = fs.readFileSync(new URL("pdf-header.html", templates), "utf8");
const footer = fs
  .readFileSync(new URL("pdf-footer.html", templates), "utf8")
  .replace('data-slot="page"></span>', 'data-slot="page"><span class="pageNumber"></span> / <span class="totalPages"></span></span>');

const browser = await puppeteer.launch({ executablePath: executable, headless: true, pipe: true, args: [...flags, ...(asRoot ? ["--no-sandbox"] : [])] });
try {
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const file = pages[next++];
      const tab = await browser.newPage();
      try {
        await tab.setJavaScriptEnabled(false);
        let pdf;
        for (let pass = 0; pass < Number(passes); pass++) {
          await tab.goto(pathToFileURL(file).href, { waitUntil: "load" });
          pdf = await tab.pdf({
            format: "A4",
            preferCSSPageSize: true,
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: header,
            footerTemplate: footer,
            outline: true,
            tagged: true,
          });
        }
        fs.writeFileSync(path.join(outDir, path.basename(file, ".html") + ".pdf"), pdf);
      } finally {
        await tab.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(os.availableParallelism(), pages.length) }, worker));
} finally {
  await browser.close();
}
