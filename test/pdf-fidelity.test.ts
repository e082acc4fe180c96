// Nothing an author wrote is lost in the PDF: long URLs, keys in code, compound words in headings and tables of
// twelve columns wrap inside the page; every glyph comes from the fonts toms bundles; and the build's own check
// (the page's layout read back, the PDF's text compared with the page's) fails the build when text is cut off,
// printed in a foreign font, or missing. Real Chromium; the PDFs read back with poppler.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../src/commands/build.js";
import type { Site } from "../src/model.js";
import { PdfError } from "../src/pdf/errors.js";
import { locateBrowser, startBrowser, type StartedBrowser } from "../src/pdf/launch.js";
import { readPdf } from "../src/pdf/pdf-file.js";
import { pdfGlyphs } from "../src/pdf/pdf-glyphs.js";
import { printAnnex } from "../src/pdf/print-annex.js";
import { missingWords, pdfLines, pdfWordCounts, splitWords } from "../src/pdf/text-check.js";
import { fontFaceCss, fontManifest, siteFontFiles } from "../src/render/fonts.js";
import type { AnnexPage } from "../src/render/pages.js";
import { tempDir } from "./helpers/tmp.js";
import { fonts, pageTexts, siteFiles } from "./pdf-tools.js";

const fixture = path.join(import.meta.dirname, "fixtures/pdf/breite-inhalte");
const tmp = tempDir("toms-pdf-fidelity-");
const out = path.join(tmp.dir, "out");
const log: string[] = [];
let result: BuildResult;

beforeAll(async () => {
  result = await build({ content: fixture, out, pdf: true, archive: false, log: (line) => log.push(line) });
}, 120_000);
afterAll(tmp.cleanup);

const pdf = (annex: string) => path.join(out, `${annex}.pdf`);
const section = (name: string) => fs.readFileSync(path.join(fixture, "abschnitte", name), "utf8");

// The PDF's text with all white space removed: in reading order (table cells whole, but pdftotext drops a hyphen
// that ends a line) and in physical layout (hyphens kept), each also with hyphens at line ends taken out.
function squeezed(file: string): string[] {
  return [pageTexts(file).join("\n"), pageTexts(file, true).join("\n")].flatMap((text) => [
    text.replace(/\s+/g, ""),
    text.replace(/[-\u2010]\n/g, "").replace(/\s+/g, ""),
  ]);
}
// poppler's words with their boxes (points from the top left of their page; pages stacked by y).
function wordBoxes(file: string): { xMin: number; xMax: number; y: number; text: string }[] {
  const xml = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
  return xml.split("<page ").flatMap((page, i) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      xMax: Number(m[3]),
      y: i * 10_000 + Number(m[2]),
      text: m[4]!
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">"),
    })),
  );
}
const inPdf = (file: string, expected: string) => squeezed(file).some((t) => t.includes(expected.replace(/\s+/g, "")));

describe("a PDF of content wider than the page", () => {
  it("is built, each annex checked against its page", () => {
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(log.some((l) => /annexes printed in \d+ ms \(checked against their pages in \d+ ms\)/.test(l))).toBe(true);
  });

  it("holds the whole long URL, the 200-character key in code, the compound word of the heading and every table cell", () => {
    const lang = section("lang.yaml");
    const url = /(https:\/\/nachweise\S+aufhoert)/.exec(lang)![1]!;
    const key = /(zugangsschluessel_\S+_ende)/.exec(lang)![1]!;
    const inline = /`(schluessel_inline_\S+)`/.exec(lang)![1]!;
    const title = /title: "(Datenschutz\S+)"/.exec(lang)![1]!;
    expect(key.length).toBeGreaterThan(200);
    const cells = section("tabelle.yaml")
      .split("\n")
      .filter((l) => l.trim().startsWith("|") && !l.includes("---"))
      .flatMap((l) =>
        l
          .split("|")
          .map((c) => c.trim())
          .filter(Boolean),
      );
    expect(cells).toHaveLength(36);
    for (const annex of ["all", "danzig"]) {
      for (const expected of [url, key, inline, title, 'eingerueckt: "Leerzeichen bleiben"'])
        expect(inPdf(pdf(annex), expected), `${expected} in ${annex}.pdf`).toBe(true);
      // A cell's lines start at its left edge: the words poppler finds at one left edge, top to bottom, are its column.
      const columns = new Map<number, { y: number; text: string }[]>();
      for (const b of wordBoxes(pdf(annex))) columns.set(Math.round(b.xMin), [...(columns.get(Math.round(b.xMin)) ?? []), b]);
      const texts = [...columns.values()].map((words) =>
        words
          .sort((a, b) => a.y - b.y)
          .map((w) => w.text)
          .join(""),
      );
      for (const cell of cells)
        expect(
          texts.some((t) => t.includes(cell)),
          `${cell} in ${annex}.pdf`,
        ).toBe(true);
    }
  });

  it("holds the Greek, Cyrillic and Polish text and the symbols ✓ ✗ → € § „“", () => {
    const words = splitWords(section("sprachen.yaml").replace(/^.*?:\s*"?|"$/gm, ""));
    const text = pageTexts(pdf("all")).join(" ");
    for (const sample of [
      "Ελληνικά: Μέτρα ασφαλείας",
      "Съешь же ещё этих мягких французских булок",
      "Zażółć gęślą jaźń",
      "środki bezpieczeństwa",
      "✓",
      "✗",
      "→",
      "12 €",
      "§ 32",
      "„Anführung“",
      "‚einfach‘",
    ]) {
      expect(inPdf(pdf("all"), sample), sample).toBe(true);
    }
    expect(words.length).toBeGreaterThan(40);
    expect(text).toContain("Żółć & Ελληνικά Рехенцентрум GmbH · Łąkowa 7 · Αθήνα · Москва");
  });

  it("keeps every word inside the text area of the page (nothing reaches the right edge)", () => {
    // poppler's word boxes: A4 is 595.28 pt wide, the text area 20 mm (56.7 pt) to 18 mm (51.0 pt) from the edges;
    // a word's box is its glyphs' advance, which may pass the edge by a fraction of a point (the contents' page
    // numbers, set flush right, by 0.7 pt) where the ink does not.
    for (const annex of ["all", "danzig"]) {
      const boxes = wordBoxes(pdf(annex));
      expect(boxes.length).toBeGreaterThan(300);
      const outside = boxes.filter((b) => b.xMin < 56.6 || b.xMax > 595.28 - 51.0 + 1.2).map((b) => b.text);
      expect(outside, annex).toEqual([]);
    }
  });

  it("uses only the bundled fonts, all embedded, none a Type 3 font, in the page and in the running header and footer", () => {
    const bundled = new Set(fontManifest().faces.map((f) => f.postscriptName));
    for (const annex of ["all", "danzig"]) {
      const used = fonts(pdf(annex));
      expect(used.length).toBeGreaterThan(3);
      for (const font of used) {
        expect(font.embedded, font.name).toBe(true);
        expect(bundled.has(font.name.replace(/^[A-Z]{6}\+/, "")), font.name).toBe(true);
      }
      // The header and footer (Polish, Greek and Cyrillic here) are drawn in the bundled sans, not a system font.
      const running = pdfGlyphs(readPdf(fs.readFileSync(pdf(annex))))
        .flat()
        .filter((g) => g.running && g.text.trim() !== "");
      expect(running.length).toBeGreaterThan(100);
      expect([...new Set(running.map((g) => g.font.name))].filter((n) => !/^SourceSans3|^DejaVuSans/.test(n ?? ""))).toEqual([]);
      expect(running.map((g) => g.text).join("")).toContain("Рехенцентрум");
    }
  });

  it("is the same, byte for byte, where the machine has other fonts installed", async () => {
    // fontconfig with the machine's rules but a single unrelated font: were any system font used, the PDF would change.
    const other = execFileSync("fc-list", ["--format", "%{file}\n"], { encoding: "utf8" })
      .split("\n")
      .find((f) => /\.(ttf|otf)$/.test(f) && !/dejavu|source/i.test(f));
    expect(other).toBeDefined();
    const dir = path.join(tmp.dir, "fontconfig");
    fs.mkdirSync(path.join(dir, "fonts"), { recursive: true });
    fs.copyFileSync(other!, path.join(dir, "fonts", path.basename(other!)));
    fs.writeFileSync(
      path.join(dir, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${dir}/fonts</dir><cachedir>${dir}/cache</cachedir><include ignore_missing="yes">/etc/fonts/conf.d</include></fontconfig>\n`,
    );
    const elsewhere = path.join(tmp.dir, "elsewhere");
    const before = process.env.FONTCONFIG_FILE;
    process.env.FONTCONFIG_FILE = path.join(dir, "fonts.conf");
    try {
      const again = await build({ content: fixture, out: elsewhere, pdf: true, archive: false });
      expect(again.failure).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.FONTCONFIG_FILE;
      else process.env.FONTCONFIG_FILE = before;
    }
    const hash = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    for (const annex of ["all", "danzig"]) expect(hash(path.join(elsewhere, `${annex}.pdf`)), annex).toBe(hash(pdf(annex)));
  }, 120_000);

  it("has its words found by the build's comparison, which misses a word the PDF lacks", () => {
    const glyphs = pdfGlyphs(readPdf(fs.readFileSync(pdf("all"))));
    const counts = pdfWordCounts(pdfLines(glyphs));
    const printed = splitWords(pageTexts(pdf("all")).join("\n"));
    expect(missingWords(printed, counts)).toEqual([]);
    expect(missingWords([...printed, "Phantomwort"], counts)).toEqual(["Phantomwort"]);
    // A word the page has once more than the PDF.
    expect(missingWords([...printed, "TABELLE-01:"], counts)).toEqual(["TABELLE-01:"]);
  });
});

describe("the check of a print against its page", () => {
  let chromium: StartedBrowser;
  let browser: Browser;
  beforeAll(async () => {
    chromium = startBrowser(await locateBrowser());
    browser = await chromium.connect();
  }, 60_000);
  afterAll(async () => chromium?.close());

  // Prints a page of its own (set in the bundled fonts) the way a build prints an annex.
  async function printPage(name: string, body: string, css: string) {
    const dir = path.join(tmp.dir, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, bytes] of siteFontFiles()) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), bytes);
    }
    fs.writeFileSync(
      path.join(dir, "style.css"),
      `${fontFaceCss()}\nhtml { font-family: var(--toms-serif); }\n@page { size: A4; margin: 24mm 18mm 22mm 20mm; }\n${css}`,
    );
    const source = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>T</title><link rel="stylesheet" href="style.css"></head><body><main>${body}</main></body></html>`;
    fs.writeFileSync(path.join(dir, "seite.html"), source);
    const site = {
      title: "Prüfseite",
      lang: "de",
      version: "1",
      validFrom: "2026-01-01",
      organisation: { name: "Prüf GmbH", address: [] },
      locations: [],
    } as unknown as Site;
    const page = {
      annex: { id: "seite", location: undefined, groups: [] },
      html: "seite.html",
      pdf: "seite.pdf",
      download: "s.pdf",
      source,
      title: "T",
    } as unknown as AnnexPage;
    const tab = await browser.newPage();
    try {
      return await printAnnex(tab, { site, page, files: siteFiles(dir), date: new Date(0), timeoutMs: 30_000 });
    } finally {
      await tab.close();
    }
  }

  it("passes a page whose text fits", async () => {
    const printed = await printPage("fits", "<h1>Überschrift</h1><p>Ein Absatz, der passt.</p>", "");
    expect(printed.pages).toBe(1);
    // The fonts, too, came from the build's own files.
    expect(printed.refused).toEqual([]);
    expect(printed.checks.layoutMs).toBeGreaterThan(0);
  });

  it("fails, naming the annex and the text, when a box cuts its text off", async () => {
    const error = await printPage(
      "clipped",
      '<p class="box">Dieser Text ist länger als sein Kasten und wird abgeschnitten</p>',
      ".box { width: 40mm; overflow: hidden; white-space: nowrap; }",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    expect((error as Error).message).toMatch(
      /^seite\.pdf: "Dieser Text ist länger als sein Kasten und wird abgeschni…" runs past the edge of the page or of its box/,
    );
  });

  it("fails, naming the number, when a list's number is wider than its indent and cut off at the page's edge", async () => {
    // The review's repro: "2026." printed as "26." with the indent of a one-digit list. The numbers are drawn by the
    // browser, not written in the page: the check takes them from the list (its start and its items).
    const list = '<ol start="2026" class="digits-4"><li>Das Jahr der Umstellung.</li></ol>';
    const error = await printPage("cut-number", list, "ol { padding-left: 0.5em; }").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    expect((error as Error).message).toBe('seite.pdf: a word of the page is missing from the PDF\'s text: "2026.".');
    // Indented as toms's required.css indents a list of four-digit numbers, every number is whole.
    const fits = await printPage("whole-number", list, "ol.digits-4 { padding-left: 3.3em; }");
    expect(fits.pages).toBe(1);
  });

  it("passes a long word wrapped in a table cell beside another cell that wraps one too (its pieces are not extra words)", async () => {
    // The fourth review's repro: the pieces of each cell's word lie on lines shared with the other cell's pieces.
    const word = `Prüfsumme${"a1b2c3d4e5f6".repeat(20)}`;
    const table = `<table><thead><tr><th>A</th><th>${word}</th></tr></thead><tbody><tr><td><code>${word}</code></td><td>x</td></tr></tbody></table>`;
    const printed = await printPage(
      "wrapped-cells",
      table,
      "table { width: 100%; table-layout: fixed; } td, th { overflow-wrap: anywhere; } code { font-family: var(--toms-mono); }",
    );
    expect(printed.pages).toBeGreaterThan(0);
  });

  it("passes a table over several pages whose head repeats with a word broken in a narrow column", async () => {
    // The fifth review's repro: Chromium prints the head again on each page, and there "Nummer" breaks into pieces.
    const rows = Array.from({ length: 90 }, (_, i) => `<tr><td>${i + 1}</td><td>Datensicherung und Wiederherstellung</td></tr>`).join("");
    const table = `<table><thead><tr><th>Nummer</th><th>Maßnahme</th></tr></thead><tbody>${rows}</tbody></table>`;
    const printed = await printPage(
      "repeated-head",
      table,
      "table { width: 100%; table-layout: fixed; } th:first-child { width: 2.2em; } th, td { overflow-wrap: anywhere; }",
    );
    expect(printed.pages).toBeGreaterThan(1);
  });

  it("fails, naming the text, when a style sheet shows a paragraph's words in another order", async () => {
    const error = await printPage(
      "reordered",
      '<p class="r"><span>Backups werden sieben Tage aufbewahrt,</span> <span>Protokolle neunzig Tage.</span></p>',
      ".r { display: flex; flex-direction: row-reverse; justify-content: flex-end; gap: 0.3em; }",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    expect((error as Error).message).toBe(
      'seite.pdf: the PDF shows the words of "Backups werden sieben Tage aufbewahrt, Protokolle neunzig…" in another order than the page. Check toms\'s style sheet.',
    );
  });

  it("fails when a line runs past the edge of the page", async () => {
    const line = "schluessel_".repeat(30);
    const error = await printPage("wide", `<pre class="wide">${line}</pre>`, ".wide { white-space: pre; }").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    expect((error as Error).message).toContain(`"${line.slice(0, 57)}…" runs past the edge`);
  });

  it("fails when a text is laid out but set so that nobody can read it: no size, white on white, transparent", async () => {
    for (const [css, word] of [
      [".x { font-size: 0; }", "Nullgröße"],
      [".x { color: #fff; }", "Weißaufweiß"],
      [".x { opacity: 0.05; }", "Durchsichtig"],
    ] as const) {
      const error = await printPage("unseen", `<p>Sichtbarer Text und <span class="x">${word}</span> daneben.</p>`, css).catch((e: unknown) => e);
      expect(error, css).toBeInstanceOf(PdfError);
      expect((error as Error).message, css).toMatch(new RegExp(`^seite\\.pdf: "${word}" is set so that a reader cannot see it`));
    }
  });

  it("fails, naming the word, when a style sheet hides a text of the rendered page (display: none)", async () => {
    const error = await printPage("hidden", '<p>Sichtbarer Text und <span class="x">Verstecktes</span> daneben.</p>', ".x { display: none; }").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PdfError);
    expect((error as Error).message).toBe('seite.pdf: a word of the page is missing from the PDF\'s text: "Verstecktes".');
  });

  it("fails when a text is printed in a font toms does not bundle", async () => {
    // The bundled fonts have no Chinese: the browser takes a system font (or prints a box, and the word is missing).
    const error = await printPage("foreign", "<p>Daten 中文 hier</p>", "").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    expect((error as Error).message).toMatch(
      /^seite\.pdf: (the PDF uses fonts toms does not bundle \(.*"中".*"文"|a word of the page is missing from the PDF's text: "中文")/,
    );
  });
});

describe("the running footer at its longest", () => {
  // The footer holds the organisation and its address on every page: at the schema's limits (a name of 120
  // characters, 4 lines of 80) it must stay in the bottom margin, below the last line of the text.
  const content = path.join(tmp.dir, "longest-footer");
  const long = (word: string, length: number) =>
    `${word} `
      .repeat(Math.ceil(length / (word.length + 1)))
      .slice(0, length)
      .trim()
      .padEnd(length, "x");
  beforeAll(async () => {
    fs.cpSync(path.join(import.meta.dirname, "fixtures/check/_base/content"), content, { recursive: true });
    const site = path.join(content, "site.yaml");
    const lines = [1, 2, 3, 4].map((n) => `    - "${long(`Adresszeile${n}`, 80)}"`).join("\n");
    fs.writeFileSync(
      site,
      fs
        .readFileSync(site, "utf8")
        .replace("  name: Beispiel GmbH", `  name: "${long("Organisationsname", 120)}"`)
        .replace(/  address:\n(    - .*\n)+/, `  address:\n${lines}\n`),
    );
    const built = await build({ content, out: path.join(tmp.dir, "longest-footer-out"), pdf: true, archive: false });
    expect(built.failure).toBeUndefined();
    expect(built.ok).toBe(true);
  }, 120_000);

  it("keeps every word of the footer inside the bottom margin (22 mm), below the text", () => {
    const file = path.join(tmp.dir, "longest-footer-out", "berlin.pdf");
    const boxes = wordBoxes(file);
    // The letterhead at the top of page 1 holds the same words: the footer's are in the lower half of a page.
    const footer = boxes.filter((b) => /Adresszeile|Organisationsname/.test(b.text) && b.y % 10_000 > 420);
    expect(footer.length).toBeGreaterThan(20);
    const bottomOfText = 841.89 - (22 / 25.4) * 72;
    for (const b of footer) expect(b.y % 10_000, b.text).toBeGreaterThan(bottomOfText);
    const body = boxes.filter((b) => !footer.includes(b) && b.y % 10_000 > 100 && b.y % 10_000 < bottomOfText - 1);
    expect(body.length).toBeGreaterThan(10);
  });
});
