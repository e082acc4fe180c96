import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../src/commands/check.js";
import { importAnnex } from "../src/commands/import.js";
import { importReport } from "../src/import/report.js";
import { listFiles, tempDir } from "./helpers/tmp.js";

// toms import drafts a content folder from an annex a company already has. Each case compares every drafted file and
// the report with expected.txt (regenerate with -u, then read the drafts), and checks the draft with toms check: no
// errors (the placeholder location is not named by any measure, a warning).
const repo = path.join(import.meta.dirname, "..");
const fixtures = path.join(import.meta.dirname, "fixtures/import");
const tmp = tempDir("toms-import-");
afterAll(tmp.cleanup);
const validFrom = "2026-12-01";

// The reference text is the annex as it was published on the web, copied as text: the title was the page's heading.
const reference = fs.readFileSync(path.join(import.meta.dirname, "fixtures/reference/toms-anlage-1-meetyoo.txt"), "utf8");
const referenceMarkdown = reference.replace("\nAnlage 1 - Technische", "\n# Anlage 1 - Technische");

let runs = 0;
async function draft(source: string, lang?: string): Promise<{ out: string; tree: string; summary: Awaited<ReturnType<typeof importAnnex>> }> {
  const out = path.join(tmp.dir, `out-${++runs}`);
  const summary = await importAnnex({ source, out, validFrom, ...(lang !== undefined && { lang }) });
  const files = listFiles(out).map((file) => `=== ${file}\n${fs.readFileSync(path.join(out, file), "utf8")}`);
  // The report names the folder it wrote; in expected.txt it is "measures".
  const report = importReport({ ...summary, out: "measures", source: path.basename(source) });
  return { out, tree: `${files.join("\n")}\n=== report\n${report}`, summary };
}

function errorsOf(out: string): string[] {
  return check(out)
    .diagnostics.sorted()
    .filter((d) => d.severity === "error")
    .map((d) => `${d.file}:${d.line} ${d.message}`);
}

function toms(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(repo, "bin/toms.js"), ...args], { cwd: tmp.dir, encoding: "utf8", timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("toms import", () => {
  it("drafts the shipped reference annex from Markdown: 9 groups, 6 lettered sections, the preamble, and reports the page's leftovers", async () => {
    const source = path.join(tmp.dir, "anlage-1.md");
    fs.writeFileSync(source, referenceMarkdown);
    const { out, tree, summary } = await draft(source);
    await expect(tree).toMatchFileSnapshot(path.join(fixtures, "reference/expected.txt"));
    expect(summary).toMatchObject({ groups: 9, sections: 13, measures: 32, preamble: true, lang: "de" });
    expect(summary.leftOut.map((l) => [l.where, l.reason])).toEqual([
      ["line 3", "before-title"],
      ["line 11", "link-nowhere"],
    ]);
    expect(errorsOf(out)).toEqual([]);
  });

  it("drafts the same annex from a web page, leaving out the page's navigation", async () => {
    const body = String(await unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).process(referenceMarkdown));
    const source = path.join(tmp.dir, "toms.html");
    fs.writeFileSync(
      source,
      `<!doctype html><html><body><nav><a href="/">Start</a></nav><main>\n${body}\n<aside>Cookies?</aside></main><footer>©</footer></body></html>`,
    );
    const fromHtml = await draft(source);
    fs.writeFileSync(path.join(tmp.dir, "again.md"), referenceMarkdown);
    const fromMarkdown = await draft(path.join(tmp.dir, "again.md"));
    expect(fromHtml.summary).toMatchObject({ groups: 9, sections: 13, measures: 32 });
    // Only the address lines differ: HTML joins the lines of a paragraph.
    const files = (tree: string) => tree.slice(0, tree.indexOf("=== report")).replace(/meetyoo conferencing GmbH\s+Friedrichstraße 153a\s+10117/, "ADDRESS");
    expect(files(fromHtml.tree)).toBe(files(fromMarkdown.tree));
    expect(fromHtml.summary.leftOut.map((l) => [l.reason, l.text])).toEqual([
      ["before-title", "TOMS"],
      ["link-nowhere", "als PDF speichern"],
      ["page-furniture", "Cookies?"],
    ]);
    expect(errorsOf(fromHtml.out)).toEqual([]);
  });

  it("finds groups and sections by heading level and reports what it could not place", async () => {
    const { out, tree } = await draft(path.join(fixtures, "headings/input.md"));
    await expect(tree).toMatchFileSnapshot(path.join(fixtures, "headings/expected.txt"));
    expect(errorsOf(out)).toEqual([]);
  });

  it("puts a text without groups or headings into one group, and says so", async () => {
    const source = path.join(tmp.dir, "plain.md");
    fs.writeFileSync(source, "Unsere Maßnahmen\n\nAlle Daten werden nachts gesichert.\n\nDie Mitarbeiter werden jährlich geschult.\n");
    const { out, summary } = await draft(source);
    expect(summary).toMatchObject({ groups: 1, sections: 1, measures: 2, lang: "de" });
    expect(summary.leftOut.map((l) => [l.where, l.reason])).toEqual([["line 3", "no-groups"]]);
    expect(fs.readFileSync(path.join(out, "site.yaml"), "utf8")).toContain("title: Unsere Maßnahmen\n");
    expect(errorsOf(out)).toEqual([]);
  });

  it("drafts from a Word file, which then checks and builds", async () => {
    const source = path.join(tmp.dir, "annex.docx");
    fs.writeFileSync(source, await wordAnnex());
    const { out, tree, summary } = await draft(source);
    await expect(tree).toMatchFileSnapshot(path.join(fixtures, "word/expected.txt"));
    expect(summary).toMatchObject({ groups: 2, sections: 3, measures: 5, preamble: true, lang: "en" });
    expect(summary.leftOut.map((l) => [l.where, l.reason])).toEqual([
      ["paragraph 11", "image"],
      ["paragraph 19", "table"],
    ]);
    expect(errorsOf(out)).toEqual([]);
    // As a user would: the command line drafts measures/, checks it and builds the HTML annexes.
    const project = path.join(tmp.dir, "project");
    fs.mkdirSync(project);
    const imported = spawnSync(process.execPath, [path.join(repo, "bin/toms.js"), "import", source], { cwd: project, encoding: "utf8" });
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain("Drafted measures from");
    const built = spawnSync(process.execPath, [path.join(repo, "bin/toms.js"), "build", "--no-pdf"], { cwd: project, encoding: "utf8", timeout: 60_000 });
    expect(built.stderr).toContain("0 errors");
    expect(built.status).toBe(0);
    expect(fs.readFileSync(path.join(project, "dist/all.html"), "utf8")).toContain("<strong>personal key cards</strong>");
  });
});

describe("toms import refuses", () => {
  const existing = path.join(tmp.dir, "existing");
  fs.mkdirSync(existing, { recursive: true });
  fs.writeFileSync(path.join(existing, "site.yaml"), "title: mine\n");
  const md = path.join(tmp.dir, "short.md");
  fs.writeFileSync(md, "# Title\n\n(1) Group\n\nText.\n");
  const broken = path.join(tmp.dir, "broken.docx");
  fs.writeFileSync(broken, "not a zip file");
  const pdf = path.join(tmp.dir, "annex.pdf");
  fs.writeFileSync(pdf, "%PDF-1.7");

  it.each([
    [["import", md, "--out", existing], '"existing" already holds files'],
    [["import", "annex.pdf"], 'toms import reads .docx, .html and .md files, and "annex.pdf" is a .pdf file'],
    [["import", "broken.docx", "--out", "x"], "cannot read broken.docx as a Word (.docx) file: it is not a Word document"],
    [["import", "missing.docx"], '"missing.docx" does not exist'],
    [["import", md, "--lang", "Deutsch"], '--lang "Deutsch" is not a language code'],
    [["import"], "import takes one file: the annex to import"],
  ])("toms %j: exit 2, what is wrong, nothing written", (args, message) => {
    const before = listFiles(tmp.dir);
    const run = toms(...args.map((a) => (a === existing ? "existing" : a)));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Run "toms help import"');
    expect(listFiles(tmp.dir)).toEqual(before);
    expect(fs.readFileSync(path.join(existing, "site.yaml"), "utf8")).toBe("title: mine\n");
  });
});

// A Word annex as a company writes one: Title and Subtitle styles, "(1)" and "a)" as headings, a bold line as the
// title of a measure, bold and italics, a bulleted list, a simple table, a table with merged cells, an image, a link.
async function wordAnnex(): Promise<Buffer> {
  const text = (t: string) => new Paragraph({ text: t });
  const cell = (t: string, columnSpan = 1) => new TableCell({ children: [text(t)], columnSpan });
  // A 1×1 PNG.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  const document = new Document({
    styles: {
      paragraphStyles: [{ id: "Subtitle", name: "Subtitle", basedOn: "Normal", run: { italics: true }, paragraph: { alignment: AlignmentType.CENTER } }],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: "Annex 1 - Technical and organisational measures", style: "Title" }),
          new Paragraph({ text: "Security of processing under Article 32 GDPR", style: "Subtitle" }),
          new Paragraph({ text: "Preamble", heading: HeadingLevel.HEADING_1 }),
          text("This annex describes the measures of the processor. It applies to all processing for the controller."),
          new Paragraph({ text: "(1) Measures to ensure confidentiality", heading: HeadingLevel.HEADING_1 }),
          text("The systems are hosted in a certified data centre."),
          new Paragraph({ text: "a) Physical access control", heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ children: [new TextRun({ text: "Office building", bold: true })] }),
          new Paragraph({
            children: [
              new TextRun("Access to the offices is controlled by "),
              new TextRun({ text: "personal key cards", bold: true }),
              new TextRun(" and "),
              new TextRun({ text: "logged", italics: true }),
              new TextRun("."),
            ],
          }),
          text("Visitors sign in at the reception and are accompanied at all times."),
          new Paragraph({ children: [new ImageRun({ type: "png", data: png, transformation: { width: 10, height: 10 } })] }),
          new Paragraph({ text: "b) Access control", heading: HeadingLevel.HEADING_2 }),
          text("Passwords follow these rules:"),
          new Paragraph({ text: "at least 12 characters", bullet: { level: 0 } }),
          new Paragraph({ text: "changed after a suspected compromise", bullet: { level: 0 } }),
          text("Screens lock after a few minutes without input:"),
          new Table({
            rows: [new TableRow({ children: [cell("Device"), cell("Lock after")] }), new TableRow({ children: [cell("Laptop"), cell("5 minutes")] })],
          }),
          new Paragraph({ text: "(2) Measures to ensure availability", heading: HeadingLevel.HEADING_1 }),
          text("All business data is backed up every night."),
          new Table({ rows: [new TableRow({ children: [cell("Backups", 2)] }), new TableRow({ children: [cell("daily"), cell("monthly")] })] }),
          new Paragraph({
            children: [
              new TextRun("Restores are tested every quarter; see "),
              new ExternalHyperlink({ link: "https://example.com/security", children: [new TextRun("our security page")] }),
              new TextRun("."),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe("a section without text", () => {
  it("gets a stand-in measure that toms check warns about as a placeholder and the annex marks", async () => {
    const source = path.join(tmp.dir, "leer.md");
    fs.writeFileSync(source, "# Anlage 1\n\n## (1) Vertraulichkeit\n\n### a) Zutrittskontrolle\n\nChipkarten für alle Türen.\n\n### b) Zugangskontrolle\n");
    const { out } = await draft(source);
    const files = listFiles(out).filter((f) => f.includes("zugangskontrolle"));
    expect(files).toHaveLength(1);
    const yaml = fs.readFileSync(path.join(out, files[0] as string), "utf8");
    expect(yaml).toContain("(Text fehlt – bitte ergänzen.)");
    expect(yaml).toContain("placeholder: true");
    const problems = check(out).diagnostics.sorted();
    expect(problems.filter((d) => d.rule === "placeholder").map((d) => path.basename(d.file))).toEqual([path.basename(files[0] as string)]);
  });
});
