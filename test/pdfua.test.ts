// Every PDF toms ships is PDF/UA-1 as far as a machine can check (test/pdfua-rules.ts, the machine-checkable
// conditions of the Matterhorn Protocol): the shipped annex (measures/), the PDF fixtures, and every build fixture
// printed. And Chromium's own print fails them, so the checks do see what the post-processing (src/pdf/pdfua.ts)
// fixes.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { locateBrowser, startBrowser } from "../src/pdf/launch.js";
import { listFiles, tempDir } from "./helpers/tmp.js";
import { checked, checkPdfUa, type Failure, QpdfDocument, text } from "./pdfua-rules.js";

const repo = path.join(import.meta.dirname, "..");
const contents: Record<string, string> = {
  measures: path.join(repo, "measures"),
  ...Object.fromEntries(fs.readdirSync(path.join(repo, "test/fixtures/pdf")).map((name) => [`pdf/${name}`, path.join(repo, "test/fixtures/pdf", name)])),
  ...Object.fromEntries(
    fs.readdirSync(path.join(repo, "test/fixtures/build")).map((name) => [`build/${name}`, path.join(repo, "test/fixtures/build", name, "content")]),
  ),
};
const tmp = tempDir("toms-pdfua-");
const pdfs: string[] = [];

beforeAll(async () => {
  for (const [name, content] of Object.entries(contents)) {
    const out = path.join(tmp.dir, name);
    const result = await build({ content, out, pdf: true, archive: false });
    expect(result.failure, name).toBeUndefined();
    pdfs.push(...listFiles(out).filter((f) => f.endsWith(".pdf")).map((f) => path.join(out, f)));
  }
}, 300_000);
afterAll(tmp.cleanup);

const name = (file: string) => path.relative(tmp.dir, file);

describe("the PDFs toms ships", () => {
  it("are all there: every annex of every content", () => {
    expect(pdfs.length).toBeGreaterThanOrEqual(25);
    expect(pdfs.map(name)).toContain("measures/berlin.pdf");
  });

  it("fail no machine-checkable condition of PDF/UA-1 (Matterhorn Protocol)", () => {
    const failures: Failure[] = pdfs.flatMap((file) => checkPdfUa(new QpdfDocument(file)).map((f) => ({ ...f, where: `${name(file)} ${f.where}` })));
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it("say in their XMP metadata what the Info dictionary says, in the annex's language", () => {
    for (const file of pdfs) {
      const doc = new QpdfDocument(file);
      const info = doc.dict(doc.trailer["/Info"])!;
      const xmp = Buffer.from(doc.data(doc.catalog["/Metadata"]), "latin1").toString("utf8");
      const lang = text(doc.catalog["/Lang"])!;
      const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
      const alt = (field: string) => [...(new RegExp(`<${field}><rdf:Alt>(.*?)</rdf:Alt>`).exec(xmp)?.[1] ?? "").matchAll(/<rdf:li xml:lang="([^"]+)">([^<]*)<\/rdf:li>/g)].map((m) => [m[1], unescape(m[2]!)]);
      expect(alt("dc:title"), name(file)).toEqual([
        ["x-default", text(info["/Title"])],
        [lang, text(info["/Title"])],
      ]);
      if (info["/Subject"]) expect(alt("dc:description")[1]).toEqual([lang, text(info["/Subject"])]);
      expect(unescape(/<dc:creator><rdf:Seq><rdf:li>([^<]*)</.exec(xmp)![1]!)).toBe(text(info["/Author"]));
      expect(/<dc:language><rdf:Bag><rdf:li>([^<]*)</.exec(xmp)![1]).toBe(lang);
      expect(/<pdf:Producer>([^<]*)</.exec(xmp)![1]).toBe(text(info["/Producer"]));
      expect(/<xmp:CreatorTool>([^<]*)</.exec(xmp)![1]).toBe(text(info["/Creator"]));
      const date = text(info["/CreationDate"])!.replace(/^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d).*$/, "$1-$2-$3T$4:$5:$6+00:00");
      expect(/<xmp:CreateDate>([^<]*)</.exec(xmp)![1]).toBe(date);
      expect(/<xmp:ModifyDate>([^<]*)</.exec(xmp)![1]).toBe(date);
    }
  });

  it("describe each link by its words on the page, and mark the running header and footer as pagination artifacts", () => {
    const doc = new QpdfDocument(pdfs.find((f) => name(f) === "measures/berlin.pdf")!);
    const contents = doc.pages().flatMap((page) => (doc.dict(page)!["/Annots"] as string[] | undefined)?.map((a) => text(doc.dict(a)!["/Contents"])) ?? []);
    expect(contents).toContain("meetyoo conferencing GmbH");
    expect(contents).toContain("(1) Vertraulichkeit (Art. 32 Abs. 1 lit. b DS-GVO)");
    const first = doc.data(doc.dict(doc.pages()[0])!["/Contents"]);
    expect(first).toMatch(/\/Artifact <<\/Type \/Pagination \/Subtype \/Header>> BDC[^]*?\(|<[0-9A-F]+> Tj[^]*?EMC/);
    expect(first.match(/\/Subtype \/Header/g)).toHaveLength(1);
    expect(first.match(/\/Subtype \/Footer/g)).toHaveLength(1);
  });
});

describe("Chromium's own tagged print", () => {
  it("fails the conditions toms's post-processing fixes", async () => {
    const chromium = startBrowser(await locateBrowser());
    const browser = await chromium.connect();
    try {
      const tab = await browser.newPage();
      await tab.setContent(
        '<html lang="de"><title>T</title><h1>Titel</h1><p><strong>fett</strong> und <em>kursiv</em> mit <a href="https://example.org/">Verweis</a></p><ul><li>eins</li><li>zwei</li></ul><div style="border:1px solid;padding:4px">Kasten</div>',
      );
      const file = path.join(tmp.dir, "chromium.pdf");
      fs.writeFileSync(
        file,
        await tab.pdf({ tagged: true, outline: true, displayHeaderFooter: true, headerTemplate: "<div style='font-size:8px'>Kopf</div>", footerTemplate: "<div style='font-size:8px'>Fuß</div>" }),
      );
      const failed = new Set(checkPdfUa(new QpdfDocument(file)).map((f) => f.checkpoint));
      // 01-005 the running header and footer, 02-001 Strong and Em, 06-001 no XMP, 09-005 list items without LBody,
      // 28-012 a link without Contents.
      expect([...failed].sort()).toEqual(["01-005", "02-001", "06-001", "09-005", "28-012"]);
    } finally {
      await chromium.close();
    }
  });

  it("is checked for every condition docs/pdf-accessibility.md lists as checked", () => {
    const doc = fs.readFileSync(path.join(repo, "docs/pdf-accessibility.md"), "utf8");
    const listed = [...doc.split("## Not checked")[0]!.matchAll(/\b(\d\d-\d\d\d)\b/g)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...checked].sort());
  });
});
