// Every PDF toms ships is PDF/UA-1 as far as a machine can check (test/pdfua-rules.ts, the machine-checkable
// conditions of the Matterhorn Protocol): the shipped annex (measures/), the PDF fixtures, and every build fixture
// printed. And Chromium's own print fails them, so the checks do see what the post-processing (src/pdf/pdfua.ts)
// fixes.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { markArtifacts } from "../src/pdf/artifacts.js";
import { locateBrowser, startBrowser } from "../src/pdf/launch.js";
import { listFiles, tempDir } from "./helpers/tmp.js";
import { checked, checkPdfUa, type Failure, QpdfDocument, text } from "./pdfua-rules.js";

const repo = path.join(import.meta.dirname, "..");
// The shipped annex, a themed one (the logo in the running header) and the PDF fixtures; the build fixtures are
// printed by their own tests (a changes PDF is checked in changes-pages.test.ts).
const contents: Record<string, string> = {
  measures: path.join(repo, "measures"),
  "build/leuchtturm": path.join(repo, "test/fixtures/build/leuchtturm/content"),
  ...Object.fromEntries(fs.readdirSync(path.join(repo, "test/fixtures/pdf")).map((name) => [`pdf/${name}`, path.join(repo, "test/fixtures/pdf", name)])),
};
const tmp = tempDir("toms-pdfua-");
const pdfs: string[] = [];

beforeAll(async () => {
  for (const [name, content] of Object.entries(contents)) {
    const out = path.join(tmp.dir, name);
    const result = await build({ content, out, pdf: true, archive: false });
    expect(result.failure, name).toBeUndefined();
    pdfs.push(
      ...listFiles(out)
        .filter((f) => f.endsWith(".pdf"))
        .map((f) => path.join(out, f)),
    );
  }
}, 300_000);
afterAll(tmp.cleanup);

const name = (file: string) => path.relative(tmp.dir, file);

describe("the PDFs toms ships", () => {
  it("are all there: every annex of every content", () => {
    expect(pdfs.map(name)).toEqual(expect.arrayContaining(["measures/all.pdf", "measures/berlin.pdf", "measures/aws.pdf", "build/leuchtturm/rostock.pdf"]));
    expect(pdfs.length).toBe(11);
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
      const unescape = (s: string) =>
        s
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&");
      const alt = (field: string) =>
        [...(new RegExp(`<${field}><rdf:Alt>(.*?)</rdf:Alt>`).exec(xmp)?.[1] ?? "").matchAll(/<rdf:li xml:lang="([^"]+)">([^<]*)<\/rdf:li>/g)].map((m) => [
          m[1],
          unescape(m[2]!),
        ]);
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
    expect(contents).toContain("(1) Maßnahmen zur Sicherstellung der Vertraulichkeit auf Dauer");
    const first = doc.data(doc.dict(doc.pages()[0])!["/Contents"]);
    expect(first).toMatch(/\/Artifact <<\/Type \/Pagination \/Subtype \/Header>> BDC[^]*?\(|<[0-9A-F]+> Tj[^]*?EMC/);
    expect(first.match(/\/Subtype \/Header/g)).toHaveLength(1);
    expect(first.match(/\/Subtype \/Footer/g)).toHaveLength(1);
  });
});

describe("a shipped PDF broken on purpose", () => {
  // berlin.pdf as qpdf's editable QDF, one thing changed, written back with its offsets and lengths fixed: the check
  // that guards it fails, so a pass above is not a check that cannot fail.
  const broken = (label: string, from: string | RegExp, to: string) => {
    const qdf = path.join(tmp.dir, `${label}.qdf.pdf`);
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", "--decode-level=generalized", pdfs.find((f) => name(f) === "measures/berlin.pdf")!, qdf]);
    const before = fs.readFileSync(qdf, "latin1");
    const after = before.replace(from, to);
    expect(after, label).not.toBe(before);
    fs.writeFileSync(qdf, after, "latin1");
    const file = path.join(tmp.dir, `${label}.pdf`);
    fs.writeFileSync(file, execFileSync("fix-qdf", [qdf], { maxBuffer: 64 * 1024 * 1024 }));
    return new Set(checkPdfUa(new QpdfDocument(file)).map((f) => f.checkpoint));
  };

  it("passes them all when the change changes nothing (the round trip through QDF breaks nothing itself)", () => {
    expect([...broken("unchanged", "/DisplayDocTitle true", "/DisplayDocTitle  true")]).toEqual([]);
  });

  it.each([
    ["a running header neither tagged nor an artifact", "01-005", "/Artifact <</Type /Pagination /Subtype /Header>> BDC", "/Span <<>> BDC"],
    ["an artifact inside tagged content", "01-003", /<<\/MCID 0 >>BDC/, "<</MCID 0 >>BDC /Artifact BMC EMC"],
    ["a type neither standard nor role-mapped", "02-001", "/S /LBody", "/S /Body"],
    ["a standard type role-mapped", "02-004", "/RoleMap <<", "/RoleMap <<\n/P /Span"],
    ["XMP without the PDF/UA part", "06-002", "<pdfuaid:part>1</pdfuaid:part>", "<pdfuaid:part>2</pdfuaid:part>"],
    ["XMP without a title", "06-003", /<dc:title>.*?<\/dc:title>/, ""],
    ["the title not shown", "07-002", "/DisplayDocTitle true", "/DisplayDocTitle false"],
    ["no document language", "11-001", "/Lang (de)", "/Lang ()"],
    ["a skipped heading level", "14-003", "/S /H2", "/S /H4"],
    ["a page with links and no tab order", "28-009", "/Tabs /S", "/Tabs /R"],
    ["a link without Contents", "28-012", /\/Contents (\([^)]*\)|<[0-9A-Fa-f]*>)/, "/Contents ()"],
    ["a list item's content straight in LI", "09-005", "/S /LBody", "/S /P"],
  ])("%s fails %s", (label, checkpoint, from, to) => {
    expect(broken(label.replace(/\W+/g, "-"), from, to)).toContain(checkpoint);
  });
});

describe("Chromium's own tagged print", () => {
  it("fails the conditions toms's post-processing fixes", async () => {
    const chromium = startBrowser(await locateBrowser());
    const browser = await chromium.connect();
    try {
      const tab = await browser.newPage();
      await tab.setContent(
        '<html lang="de"><title>T</title><h1>Titel</h1><p><strong>fett</strong> und <em>kursiv</em> mit <a href="https://example.org/">Verweis</a></p><ul><li><a href="#zwei">eins</a></li><li><p id="zwei">zwei</p></li></ul><div style="border:1px solid;padding:4px">Kasten</div>',
      );
      const file = path.join(tmp.dir, "chromium.pdf");
      fs.writeFileSync(
        file,
        await tab.pdf({
          tagged: true,
          outline: true,
          displayHeaderFooter: true,
          headerTemplate: "<div style='font-size:8px'>Kopf</div>",
          footerTemplate: "<div style='font-size:8px'>Fuß</div>",
        }),
      );
      const failed = new Set(checkPdfUa(new QpdfDocument(file)).map((f) => f.checkpoint));
      // 01-005 the running header and footer, 02-001 Strong and Em, 06-001 no XMP, 09-005 a link or paragraph straight in LI,
      // 28-012 a link without Contents.
      expect([...failed].sort()).toEqual(["01-005", "02-001", "06-001", "09-005", "28-012"]);
    } finally {
      await chromium.close();
    }
  });

  it("is checked for every condition the README lists as checked, and no other", () => {
    const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Accessible PDFs (PDF/UA-1)"), readme.indexOf("## Not checked by machine"));
    // "31-001 to 31-009": a range lists every number in it.
    const listed = [...section.matchAll(/\b(\d\d)-(\d\d\d)(?: to \d\d-(\d\d\d))?/g)].flatMap((m) =>
      Array.from({ length: Number(m[3] ?? m[2]) - Number(m[2]) + 1 }, (_, i) => `${m[1]}-${String(Number(m[2]) + i).padStart(3, "0")}`),
    );
    expect([...new Set(listed)].sort()).toEqual([...checked].sort());
  });
});

describe("marking artifacts in a content stream", () => {
  it("wraps untagged drawing after the last content as header (above the middle) and footer, paths in tags as decorations", () => {
    const content = [
      "q 1 0 0 1 0 0 cm",
      "/P <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 50 700 Tm <0001> Tj ET EMC",
      "/Div <</MCID 1>> BDC 0 0 10 10 re f EMC",
      "BT /F1 8 Tf 1 0 0 1 50 800 Tm <0002> Tj ET",
      "BT /F1 8 Tf 1 0 0 1 50 20 Tm <0003> Tj ET",
      "Q",
    ].join("\n");
    const marked = markArtifacts(content, 421);
    expect(marked.wrapped).toEqual({ header: 1, footer: 1, layout: 0 });
    expect([...marked.decorations]).toEqual([1]);
    expect(marked.content).toContain("/Artifact <</Type /Layout>> BDC 0 0 10 10 re f EMC");
    expect(marked.content).toMatch(/\/Artifact <<\/Type \/Pagination \/Subtype \/Header>> BDC\s*BT [^]*<0002> Tj ET\s*EMC/);
  });

  it("ends on a text object with marked content and more after it (such a stream once never returned)", () => {
    const content = "BT /F1 10 Tf /Span <</MCID 0>> BDC <0001> Tj EMC 1 0 0 1 5 5 Tm <0002> Tj ET";
    const marked = markArtifacts(content, 421);
    expect(marked.content).toContain("/Span <</MCID 0>> BDC <0001> Tj EMC");
    expect(marked.wrapped.header + marked.wrapped.footer + marked.wrapped.layout).toBe(1);
    expect(marked.content).toMatch(/\/Artifact <<[^>]*>> BDC <0002> Tj\s*EMC\s*ET$/);
  });
});
