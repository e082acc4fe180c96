// The company's look in a real browser: the logo and accent in a printed PDF (read back as pixels with poppler), a
// PDF printed again when only the look changed, and axe-core on themed pages (a pale accent, a content folder's own
// template and style sheet) as on the shipped ones: no violation, colour contrast included.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../src/commands/build.js";
import { locateBrowser, type StartedBrowser, startBrowser } from "../src/pdf/launch.js";
import { materializeCase } from "./helpers/fixture.js";
import { serveSite, type SiteServer } from "./helpers/site-server.js";
import { tempDir } from "./helpers/tmp.js";
import { pageText } from "./pdf-tools.js";

const repo = path.join(import.meta.dirname, "..");
const tmp = tempDir("toms-theme-browser-");
const themed = path.join(tmp.dir, "leuchtturm");
fs.cpSync(path.join(repo, "test/fixtures/build/leuchtturm/content"), themed, { recursive: true });
const out = path.join(tmp.dir, "out");
const log: string[] = [];
let first: BuildResult;

beforeAll(async () => {
  first = await build({ content: themed, out, pdf: true, archive: false, log: (line) => log.push(line) });
}, 120_000);
afterAll(tmp.cleanup);

/** A page of a PDF as pixels (poppler's PPM: a header, then RGB bytes), at `dpi`. */
function pixels(pdf: string, page: number, dpi: number): { width: number; height: number; at: (x: number, y: number) => [number, number, number] } {
  const ppm = execFileSync("pdftoppm", ["-r", String(dpi), "-f", String(page), "-l", String(page), pdf], { maxBuffer: 64 * 1024 * 1024 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString("latin1", 0, 40));
  if (!header) throw new Error("not a PPM");
  const [width, height, start] = [Number(header[1]), Number(header[2]), header[0].length];
  return { width, height, at: (x, y) => [...ppm.subarray(start + (y * width + x) * 3, start + (y * width + x) * 3 + 3)] as [number, number, number] };
}

// How many pixels of a band of rows (in mm from the top) are near a colour.
function count(image: ReturnType<typeof pixels>, dpi: number, fromMm: number, toMm: number, colour: string): number {
  const target = colour.match(/[0-9a-f]{2}/gi)!.map((c) => Number.parseInt(c, 16));
  let found = 0;
  for (let y = Math.round((fromMm * dpi) / 25.4); y < Math.min(image.height, Math.round((toMm * dpi) / 25.4)); y++) {
    for (let x = 0; x < image.width; x++) {
      const p = image.at(x, y);
      if (p.every((c, i) => Math.abs(c - (target[i] as number)) <= 24)) found++;
    }
  }
  return found;
}

describe("a themed PDF", () => {
  it("builds with the logo and accent, and warns about nothing", () => {
    expect(first.ok).toBe(true);
    expect(first.diagnostics.sorted()).toEqual([]);
  });

  it("shows the logo in the running header of every page and in the letterhead of the first", () => {
    const pdf = path.join(out, "rostock.pdf");
    const dpi = 60;
    // The logo's windows are the only yellow of the page: in the header (top margin, 24 mm) and below it.
    for (const page of [1, 2]) {
      const image = pixels(pdf, page, dpi);
      expect(count(image, dpi, 0, 22, "#f2c14e"), `page ${page} header`).toBeGreaterThan(4);
    }
    expect(count(pixels(pdf, 1, dpi), dpi, 24, 45, "#f2c14e")).toBeGreaterThan(8);
    expect(count(pixels(pdf, 2, dpi), dpi, 24, 297, "#f2c14e")).toBe(0);
    // toms's own blue is gone: the header's rule, the letterhead's and the location's border are in the accent.
    expect(count(pixels(pdf, 1, dpi), dpi, 0, 297, "#1d4e89")).toBe(0);
    expect(count(pixels(pdf, 1, dpi), dpi, 0, 22, "#0b6e4f")).toBeGreaterThan(100);
    // The logo is a picture, not words in the PDF's text.
    expect(pageText(pdf, 1)).toContain("Leuchtturm Logistik GmbH");
    expect(pageText(pdf, 1)).not.toMatch(/LIF/);
  });

  it("is printed again when only the accent or the logo changed, and taken over when nothing did", async () => {
    const again = async () => {
      const lines: string[] = [];
      const result = await build({ content: themed, out, pdf: true, archive: false, log: (line) => lines.push(line) });
      expect(result.ok).toBe(true);
      return lines.filter((l) => l.includes("rostock.pdf")).join("\n");
    };
    expect(await again()).toContain("unchanged, reused");
    const site = path.join(themed, "site.yaml");
    fs.writeFileSync(site, fs.readFileSync(site, "utf8").replace('"#0b6e4f"', '"#7a1f5c"'));
    expect(await again()).not.toContain("reused");
    const logo = path.join(themed, "marke/logo.svg");
    fs.writeFileSync(logo, fs.readFileSync(logo, "utf8").replace("#f2c14e", "#e8a33d"));
    expect(await again()).not.toContain("reused");
    expect(await again()).toContain("unchanged, reused");
  }, 120_000);
});

describe("a content folder's own template and style sheet", () => {
  it("print: toms's machinery (the contents' page numbers, the words checked against the page) works with them", async () => {
    const hostile = materializeCase(path.join(repo, "test/fixtures/check"), "theme-hostile-template", path.join(tmp.dir, "hostile-pdf"));
    const target = path.join(tmp.dir, "hostile-pdf-out");
    const result = await build({ content: hostile, out: target, pdf: true, archive: false });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    const text = pageText(path.join(target, "berlin.pdf"), 1);
    expect(text).toContain("Rechenzentrum Berlin");
    // The contents with their page numbers (beside the entries, or in a column of their own in pdftotext's reading
    // order), and without list markers of the browser's before toms's own "(1)" (a company's sheet cannot style lists).
    expect(text).toMatch(/Maßnahmen zur Sicherstellung der Vertraulichkeit(\s+1\n|[\s\S]*\n1\n)/);
    expect(text).not.toMatch(/\d\.\s*\(1\) Maßnahmen/);
    expect(text).not.toContain("Geprüft");
  }, 120_000);
});

describe("a style sheet that would cover or overprint a measure", () => {
  // The review's repros: a white box over a measure, and its lines pulled onto each other. pdftotext would still find
  // the words, so the after-print check alone cannot see it; the style sheet may not say it at all.
  it("is refused at its lines, and the PDF's page is exactly that of toms's own style sheet", async () => {
    const tomsSheet = fs.readFileSync(path.join(repo, "templates/style.css"), "utf8");
    const lines = tomsSheet.split("\n").length;
    const variant = async (name: string, extra: string) => {
      const content = path.join(tmp.dir, name);
      fs.cpSync(path.join(repo, "test/fixtures/build/leuchtturm/content"), content, { recursive: true });
      fs.mkdirSync(path.join(content, "templates"));
      fs.writeFileSync(path.join(content, "templates/style.css"), `${tomsSheet}${extra}`);
      // A word in a box of its own within the line, which a style sheet could pad to reach over the lines nearby.
      const section = path.join(content, "abschnitte/zugang.yaml");
      fs.writeFileSync(section, fs.readFileSync(section, "utf8").replace("fünf Fehlversuchen", "**fünf Fehlversuchen**"));
      const target = path.join(tmp.dir, `${name}-out`);
      const result = await build({ content, out: target, pdf: true, archive: false });
      expect(result.ok).toBe(true);
      return { result, target };
    };
    const plain = await variant("copied-sheet", "");
    // toms's own style sheet, copied as docs/theme.md suggests, is kept whole.
    expect(plain.result.diagnostics.sorted()).toEqual([]);
    const covered = await variant(
      "covering-sheet",
      '#measure-zugang-sperre { position: relative; } #measure-zugang-sperre::after { content: ""; position: absolute; inset: 0; background: #fff; }\n#measure-zugang-sperre p { margin-top: -1.6em; }\n#measure-zugang-sperre strong { padding: 3em 0; border-top: 2em solid #fff; background: #fff; }\n',
    );
    const refused = covered.result.diagnostics.sorted().map((d) => `${d.rule} ${d.line}:${d.column}`);
    expect(refused).toEqual([
      `theme-refused ${lines}:26`,
      // The whole ::after rule: a pseudo-element of a company's sheet is refused as such.
      `theme-refused ${lines}:48`,
      `theme-refused ${lines + 1}:28`,
    ]);
    const published = fs.readFileSync(path.join(covered.target, "style.css"), "utf8");
    expect(published).not.toContain("#measure-zugang-sperre::after");
    expect(published).not.toMatch(/#measure-zugang-sperre[^}]*(position|inset|content|-1\.6em)/);
    expect(fs.readFileSync(path.join(covered.target, "rostock.html"), "utf8")).toContain('id="measure-zugang-sperre"');
    // Every page of the PDF, as pixels, is the one printed with toms's own style sheet.
    const pdf = (target: string) => path.join(target, "rostock.pdf");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf(plain.target)], { encoding: "utf8" }))?.[1]);
    expect(pages).toBeGreaterThan(0);
    for (let page = 1; page <= pages; page++) {
      const render = (target: string) => execFileSync("pdftoppm", ["-r", "50", "-gray", "-f", String(page), "-l", String(page), pdf(target)]);
      expect(render(covered.target).equals(render(plain.target)), `page ${page}`).toBe(true);
    }
  }, 180_000);
});

describe("a style sheet that names no font", () => {
  it("is set in the bundled fonts all the same: the PDF builds", async () => {
    const content = path.join(tmp.dir, "fontless");
    fs.cpSync(path.join(repo, "test/fixtures/build/leuchtturm/content"), content, { recursive: true });
    fs.mkdirSync(path.join(content, "templates"));
    fs.writeFileSync(path.join(content, "templates/style.css"), ".x {}\n");
    const result = await build({ content, out: path.join(tmp.dir, "fontless-out"), pdf: true, archive: false });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.diagnostics.sorted()).toEqual([]);
  }, 120_000);
});

describe("a style sheet that pushes text off the page or makes it unreadable", () => {
  it("fails the build naming templates/style.css, not toms's style sheet", async () => {
    const failure = async (name: string, css: string) => {
      const content = path.join(tmp.dir, name);
      fs.cpSync(path.join(repo, "test/fixtures/build/leuchtturm/content"), content, { recursive: true });
      fs.mkdirSync(path.join(content, "templates"));
      fs.writeFileSync(path.join(content, "templates/style.css"), css);
      const result = await build({ content, out: path.join(tmp.dir, `${name}-out`), pdf: true, archive: false });
      expect(result.ok).toBe(false);
      return String(result.failure);
    };
    const pushed = await failure("pushed-off", ".measure p { width: 300mm; }\n");
    expect(pushed).toMatch(/runs? past the edge of the page/);
    expect(pushed).toContain("the company's style sheet (templates/style.css)");
    expect(pushed).not.toContain("fault of toms's style sheet");
    const pale = await failure("pale", ".measure p { color: #fefefe; }\n");
    expect(pale).toContain("a reader cannot see");
    expect(pale).toContain("the company's style sheet (templates/style.css)");
  }, 180_000);
});

describe("themed pages in a browser (axe-core)", () => {
  let chromium: StartedBrowser;
  let browser: Browser;
  let server: SiteServer;
  let root = "";
  const axe = fs.readFileSync(path.join(repo, "node_modules/axe-core/axe.min.js"), "utf8");

  beforeAll(async () => {
    // The site as a web server gives it: each page with its Content-Security-Policy in force.
    server = await serveSite(() => root);
    chromium = startBrowser(await locateBrowser());
    browser = await chromium.connect();
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function violations(site: string, page: string): Promise<string[]> {
    root = site;
    const tab = await browser.newPage();
    const blocked: string[] = [];
    tab.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    try {
      const response = await tab.goto(server.url(page), { waitUntil: "load" });
      expect(response?.status(), page).toBe(200);
      // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
      await tab.evaluate(axe);
      const result = (await tab.evaluate(
        `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })`,
      )) as {
        violations: { id: string; nodes: { target: string[] }[] }[];
      };
      // The logo loads (it is the site's own file), and nothing on the page broke the policy.
      expect(await tab.evaluate(`[...document.images].every((i) => i.complete && i.naturalWidth > 0)`)).toBe(true);
      expect(blocked, page).toEqual([]);
      return result.violations.map((v) => `${page} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    } finally {
      await tab.close();
    }
  }

  async function built(content: string, name: string, pdf = false): Promise<string> {
    const dir = path.join(tmp.dir, name);
    const result = await build({ content, out: dir, pdf, archive: false });
    expect(result.ok).toBe(true);
    return dir;
  }

  it("has no violation in the shipped annex, a themed one, one with a pale accent and one with its own template", async () => {
    const pale = path.join(tmp.dir, "pale");
    fs.cpSync(path.join(repo, "test/fixtures/build/leuchtturm/content"), pale, { recursive: true });
    fs.writeFileSync(path.join(pale, "site.yaml"), fs.readFileSync(path.join(pale, "site.yaml"), "utf8").replace('"#0b6e4f"', '"#8ab4f8"'));
    const hostile = materializeCase(path.join(repo, "test/fixtures/check"), "theme-hostile-template", path.join(tmp.dir, "hostile"));
    const sites = {
      // With its PDFs: the links to them say their size, and each on the index has a name of its own.
      measures: await built(path.join(repo, "measures"), "measures-pdf", true),
      leuchtturm: await built(path.join(repo, "test/fixtures/build/leuchtturm/content"), "leuchtturm-html"),
      pale: await built(pale, "pale-html"),
      hostile: await built(hostile, "hostile-html"),
    };
    const found: string[] = [];
    for (const [name, dir] of Object.entries(sites)) {
      const pages = fs.readdirSync(dir).filter((f) => f.endsWith(".html"));
      expect(pages.length, name).toBeGreaterThanOrEqual(3);
      for (const page of pages) found.push(...(await violations(dir, page)).map((v) => `${name}/${v}`));
    }
    expect(found).toEqual([]);
  }, 180_000);
});
