// The PDF annexes of a real build (real Chromium), read back with poppler. One fixture content folder,
// copied to a temp folder with one more section whose measure embeds an image from a local server; built
// twice (the second time with SOURCE_DATE_EPOCH) and shared by every test of this file.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../src/commands/build.js";
import { brokenXref, collapse, fonts, outline, pageStructure, pageText, pageTexts, pdfInfo } from "./pdf-tools.js";
import { listFiles, tempDir } from "./helpers/tmp.js";

const fixture = path.join(import.meta.dirname, "fixtures/pdf/zwei-standorte");
const tmp = tempDir("toms-pdf-");
const content = path.join(tmp.dir, "content");
const outA = path.join(tmp.dir, "a");
const outB = path.join(tmp.dir, "b");
const annexes = ["all", "koeln", "muenchen"];
const fetched: string[] = [];
const log: string[] = [];
let result: BuildResult;
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    fetched.push(req.url ?? "");
    res.end("no");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  fs.cpSync(fixture, content, { recursive: true });
  fs.writeFileSync(
    path.join(content, "abschnitte/extern.yaml"),
    [
      "id: extern",
      "group: integritaet",
      'title: "Externe Inhalte"',
      "order: 3",
      "measures:",
      "  - id: extern-bild",
      "    text: |",
      `      Kennung MASSNAHME-ALLE-99: ![Logo](http://127.0.0.1:${port}/logo.png) und [Verweis](http://127.0.0.1:${port}/seite).`,
      "",
    ].join("\n"),
  );
  result = await build({ content, out: outA, pdf: true, archive: false, log: (line) => log.push(line) });
  // The fixture folder is not in git, so the default date is valid_from; SOURCE_DATE_EPOCH names the same instant.
  process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2026, 4, 1) / 1000);
  try {
    await build({ content, out: outB, pdf: true, archive: false });
  } finally {
    delete process.env.SOURCE_DATE_EPOCH;
  }
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  tmp.cleanup();
});

const pdf = (annex: string) => path.join(outA, `${annex}.pdf`);
const html = (annex: string) => path.join(outA, `${annex}.html`);

describe("the PDF annexes of a build", () => {
  it("are written next to their pages, one terminal line each with file, pages, prints and milliseconds", () => {
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(listFiles(outA).filter((f) => f.endsWith(".pdf"))).toEqual(annexes.map((a) => `${a}.pdf`));
    const lines = log.filter((l) => /\.pdf\s+\d+ pages\s+[12] prints?\s+\d+ ms$/.test(l));
    expect(lines.map((l) => /(\S+\.pdf)/.exec(l)![1]).sort()).toEqual(annexes.map((a) => `${a}.pdf`));
    for (const line of lines) {
      const [, file, pages] = /(\S+\.pdf)\s+(\d+) pages/.exec(line)!;
      expect(Number(pages)).toBe(Number(pdfInfo(path.join(outA, file!)).Pages));
    }
  });

  it("are linked from their pages as a download, in the document's language, saying how big they are", () => {
    for (const annex of annexes) {
      const size = Math.round(fs.statSync(pdf(annex)).size / 1000);
      expect(fs.readFileSync(html(annex), "utf8")).toMatch(
        new RegExp(`<a href="${annex}\\.pdf" download="[^"]+\\.pdf" type="application/pdf">als PDF speichern \\(${size}\u00a0kB\\)</a>`),
      );
    }
  });

  it.each(annexes)("%s.pdf numbers its A4 pages 'Seite X von Y' with Y the page count", (annex) => {
    const info = pdfInfo(pdf(annex));
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(info["Page size"]).toMatch(/^594\.96 x 841\.92 pts \(A4\)/);
    pageTexts(pdf(annex)).forEach((text, i) => expect(text).toContain(`Seite ${i + 1} von ${pages}`));
  });

  it.each(annexes)("%s.pdf holds every measure of its location and none of another", (annex) => {
    const markers = listFiles(content)
      .filter((f) => f.endsWith(".yaml"))
      .flatMap((f) =>
        [...fs.readFileSync(path.join(content, f), "utf8").matchAll(/Kennung (MASSNAHME-([A-Z]+)-\d+)/g)].map((m) => ({ id: m[1]!, where: m[2]! })),
      );
    expect(markers.length).toBeGreaterThan(20);
    const text = collapse(pageTexts(pdf(annex)).join(" "));
    for (const { id, where } of markers) {
      const belongs = annex === "all" || where === "ALLE" || where === annex.toUpperCase();
      expect(text.includes(id), `${id} in ${annex}.pdf`).toBe(belongs);
    }
  });

  it.each(annexes)("%s.pdf has a bookmark for every heading, in order, spelt as in the page", (annex) => {
    const { headings } = pageStructure(html(annex));
    expect(outline(pdf(annex)).map((item) => item.title)).toEqual(headings);
  });

  it.each(annexes)("%s.pdf shows in its contents the page each entry's heading is on", (annex) => {
    const { contents } = pageStructure(html(annex));
    const bookmarks = outline(pdf(annex));
    const tocPage = bookmarks.find((b) => b.title === "Inhalt")!.page;
    // The printed numbers: the lines of the contents page after "Inhalt" that end in a number (leaders are drawn, not text).
    const lines = pageText(pdf(annex), tocPage, true).split("\n");
    const from = lines.findIndex((l) => l.trim() === "Inhalt");
    const printed = lines
      .slice(from + 1)
      .filter((l) => !/Seite \d+ von \d+/.test(l))
      .flatMap((l) => (/\s(\d+)\s*$/.exec(l) ? [Number(/\s(\d+)\s*$/.exec(l)![1])] : []));
    expect(printed).toHaveLength(contents.length);
    // Where each heading really is: the first page after the contents, from the previous entry's on, whose text holds it.
    const pages = pageTexts(pdf(annex)).map(collapse);
    let page = tocPage + 1;
    contents.forEach((entry, i) => {
      while (page <= pages.length && !pages[page - 1]!.includes(entry.label)) page++;
      expect(page, `"${entry.label}" found`).toBeLessThanOrEqual(pages.length);
      expect(printed[i], `contents number of "${entry.label}"`).toBe(page);
    });
    expect(new Set(printed).size).toBeGreaterThan(3);
  });

  it.each(annexes)("%s.pdf links each contents entry to its heading", (annex) => {
    const raw = fs.readFileSync(pdf(annex), "latin1");
    for (const { target } of pageStructure(html(annex)).contents) expect(raw).toContain(`/Dest /${target}\n`);
  });

  it("links to the web stay clickable", () => {
    expect(fs.readFileSync(pdf("muenchen"), "latin1")).toMatch(/\/S \/URI\n\/URI \(https:\/\/example\.org\/foehn\)/);
  });

  it.each(annexes)("%s.pdf carries title, author, subject, language, tags and the build date", (annex) => {
    const info = pdfInfo(pdf(annex));
    const name = annex === "all" ? "Gesamtfassung (alle Standorte)" : annex === "koeln" ? "Rechenzentrum Köln" : "Wolke München";
    expect(info).toMatchObject({
      Title: `Anlage 2 – Technische und organisatorische Maßnahmen – ${name}`,
      Author: "Grünwald & Söhne Rechenzentren GmbH",
      Subject: "Prüfstück für den PDF-Druck (Art. 32 DS-GVO)",
      Creator: "toms",
      CreationDate: "2026-05-01T00:00:00Z",
      ModDate: "2026-05-01T00:00:00Z",
      Tagged: "yes",
    });
    const raw = fs.readFileSync(pdf(annex), "latin1");
    expect(raw).toMatch(/\/Type \/Catalog[^]*?\/Lang \(de\)/);
    expect(raw).toMatch(/\/Type \/StructTreeRoot/);
    expect(raw).not.toContain("HeadlessChrome");
  });

  it.each(annexes)("%s.pdf embeds its fonts, spells umlauts right and has a sound cross-reference table", (annex) => {
    const used = fonts(pdf(annex));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((f) => !f.embedded)).toEqual([]);
    expect(pageText(pdf(annex), 1)).toContain("Grünwald & Söhne Rechenzentren GmbH · Königsallee 7 · 40212 Düsseldorf");
    expect(brokenXref(pdf(annex))).toEqual([]);
  });

  it.each(annexes)("%s.pdf leaves no heading alone at the foot of a page", (annex) => {
    const { headings } = pageStructure(html(annex));
    pageTexts(pdf(annex), true)
      .slice(0, -1)
      .forEach((text, i) => {
        const body = text.split("\n").filter((l) => l.trim() !== "" && !/Seite \d+ von \d+/.test(l));
        const last = collapse(body.at(-1)!);
        expect(
          headings.filter((h) => h.includes(last)),
          `last line of page ${i + 1}: "${last}"`,
        ).toEqual([]);
      });
  });

  it("splits no table row across pages", () => {
    const pages = pageTexts(pdf("koeln"), true);
    for (let row = 1; row <= 12; row++) {
      const starts = pages.findIndex((p) => p.includes(`Übertragungsweg ${row} mit`));
      const ends = pages.findIndex((p) => new RegExp(`Zeile ${row}\\b`).test(p));
      expect(starts, `row ${row}`).toBeGreaterThanOrEqual(0);
      expect(ends, `row ${row}`).toBe(starts);
    }
    // The table does cross a page, with its header row repeated.
    expect(pages.filter((p) => p.includes("Übertragungsweg")).length).toBeGreaterThan(1);
    expect(pages.filter((p) => /Weg\s+Verschlüsselung\s+Prüfung/.test(p)).length).toBeGreaterThan(1);
  });

  it("fetches nothing from the network, not even an image in a measure", () => {
    // The renderer drops images (the checker warns); the offline print is tested on raw pages in pdf-browser.test.ts.
    expect(fs.readFileSync(html("all"), "utf8")).not.toContain(`/logo.png`);
    expect(collapse(pageTexts(pdf("all")).join(" "))).toContain("MASSNAHME-ALLE-99");
    expect(fetched).toEqual([]);
  });

  it("gives byte-identical PDFs and pages when built twice (default date and SOURCE_DATE_EPOCH)", () => {
    const hash = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    const files = listFiles(outA);
    expect(listFiles(outB)).toEqual(files);
    for (const file of files) expect(hash(path.join(outB, file)), file).toBe(hash(path.join(outA, file)));
  });
});
