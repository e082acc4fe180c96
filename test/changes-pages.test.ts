// What changed, for customers (issue 14): every archived version after the first has a changes page and its PDF,
// linked from the index and from its entry of the change history; with site_url, an Atom feed announces the versions.
// Three versions in a real git repository, recorded with toms record as the Pages workflow does; the last build prints.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../src/commands/build.js";
import { proseDiff } from "../src/render/prose-diff.js";
import { toHtml } from "hast-util-to-html";
import { makeRepo, smallContent, type TestRepo } from "./diff-helpers.js";
import { collapse, pageTexts } from "./pdf-tools.js";
import { listFiles, tempDir } from "./helpers/tmp.js";
import { checkPdfUa, QpdfDocument } from "./pdfua-rules.js";

const bin = path.resolve("bin/toms.js");
const identity = { GIT_AUTHOR_NAME: "Pages", GIT_AUTHOR_EMAIL: "pages@example.org", GIT_COMMITTER_NAME: "Pages", GIT_COMMITTER_EMAIL: "pages@example.org" };
const toms = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...identity } });
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");
const ok = (result: BuildResult) => {
  expect(result.failure).toBeUndefined();
  expect(result.diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
};
const atom = "http://www.w3.org/2005/Atom";

// A new version: raised, in force a month later, with its own history entry.
function bump(repo: TestRepo, to: string, summary: string): void {
  const site = read(repo.dir, "measures/site.yaml");
  const from = /^version: "([^"]+)"$/m.exec(site)?.[1] as string;
  const date = `2099-0${Number(to.split(".")[1]) + 1}-01`;
  repo.edit("measures/site.yaml", `version: "${from}"`, `version: "${to}"`);
  repo.edit("measures/site.yaml", "changes:\n", `changes:\n  - version: "${to}"\n    date: ${date}\n    summary: "${summary}"\n`);
  repo.edit("measures/site.yaml", /^valid_from: .*$/m.exec(site)?.[0] as string, `valid_from: ${date}`);
}

// Version 1.1: words added (one in bold), a sentence added, a measure moved from Berlin to AWS, a measure with a list added.
function edits11(repo: TestRepo): void {
  repo.edit(
    "measures/zutritt.yaml",
    "Alle Türen sind verschlossen.",
    "Alle Türen und Tore sind **nachts** verschlossen. Besucher werden vom Empfang begleitet.",
  );
  repo.edit("measures/zutritt.yaml", "    locations: [berlin]\n", "    locations: [aws]\n");
  repo.edit(
    "measures/zugang.yaml",
    "measures:\n",
    "measures:\n  - id: sperre\n    title: Kontosperre\n    text: |\n      Konten werden nach **fünf** Fehlversuchen gesperrt:\n\n      - für 15 Minuten\n      - danach dauerhaft\n",
  );
  bump(repo, "1.1", "Tore, Kontosperre; Chip und PIN jetzt bei AWS.");
}

// Version 1.2: a phrase replaced, a list item replaced by two, a word of a reused text replaced.
function edits12(repo: TestRepo): void {
  repo.edit("measures/zutritt.yaml", "vom Empfang", "von der Sicherheit");
  repo.edit("measures/zugang.yaml", "      - danach dauerhaft\n", "      - danach für 24 Stunden\n      - nach zehn Fehlversuchen dauerhaft\n");
  repo.edit("measures/backup.yaml", "täglich", "stündlich");
  bump(repo, "1.2", "Sicherung stündlich; Sperre gestuft.");
}

describe("three published versions: changes pages, their PDF, the links and the feed", () => {
  let repo: TestRepo;
  let outs: ReturnType<typeof tempDir>;
  const out = (name: string) => path.join(outs.dir, name);
  // A PDF's size as the index shows it.
  const kB = (file: string) => `${Math.round(fs.statSync(path.join(out("d3"), file)).size / 1000)}\u00a0kB`;
  const built = (name: string, pdf = false) => build({ content: path.join(repo.dir, "measures"), out: out(name), pdf });

  beforeAll(async () => {
    repo = makeRepo();
    outs = tempDir("toms-changes-");
    repo.write(smallContent);
    repo.edit("measures/site.yaml", "lang: de\n", "lang: de\nsite_url: https://example.org/anlage\n");
    repo.commit("1.0", "2026-01-01T00:00:00Z");
    ok(await built("d1"));
    expect(toms(repo.dir, "record", "--out", out("d1")).status).toBe(0);
    edits11(repo);
    repo.commit("1.1", "2026-01-02T00:00:00Z");
    ok(await built("d2"));
    expect(toms(repo.dir, "record", "--out", out("d2")).status).toBe(0);
    edits12(repo);
    repo.commit("1.2", "2026-01-03T00:00:00Z");
    ok(await built("d3", true));
  }, 120_000);
  afterAll(() => {
    repo.remove();
    outs.cleanup();
  });

  it("writes a changes page for every version after the first; a recorded one is served as recorded", () => {
    const files = listFiles(out("d3")).filter((f) => !f.includes("fonts/") && !f.endsWith("style.css"));
    expect(files).toEqual([
      "1.0/all.html",
      "1.0/aws.html",
      "1.0/berlin.html",
      "1.1/all.html",
      "1.1/aws.html",
      "1.1/berlin.html",
      "1.1/changes.html",
      "1.2/all.html",
      "1.2/all.pdf",
      "1.2/aws.html",
      "1.2/aws.pdf",
      "1.2/berlin.html",
      "1.2/berlin.pdf",
      "1.2/changes.html",
      "1.2/changes.pdf",
      "all.html",
      "all.pdf",
      "aws.html",
      "aws.pdf",
      "berlin.html",
      "berlin.pdf",
      "changes.html",
      "changes.pdf",
      "feed.xml",
      "index.html",
      "toms-manifest.json",
    ]);
    // Version 1.1 was published with its changes page (HTML only, as it was built): the same bytes, never re-rendered.
    expect(read(out("d3"), "1.1/changes.html")).toBe(read(out("d2"), "1.1/changes.html"));
    expect(read(out("d3"), "changes.html")).toBe(read(out("d3"), "1.2/changes.html"));
    expect(JSON.parse(repo.git("show", "toms-published:1.1/toms-record.json"))).toMatchObject({ changes: { html: "changes.html", since: "1.0" } });
  });

  it("shows the rendered text with removed words struck and added words marked, per annex", () => {
    const page = read(out("d3"), "1.2/changes.html");
    expect(page).toContain("<h1>Änderungen in Version 1.2</h1>");
    expect(page).toContain('<p class="against">Was sich gegenüber Version 1.1 (gültig ab 1. Februar 2099) geändert hat, in jeder Anlage.</p>');
    expect(page).toContain('<section class="change-summary" id="summary"><h2>Zusammenfassung</h2><p>Sicherung stündlich; Sperre gestuft.</p></section>');
    // A replaced phrase is struck and marked whole; the author's bold is rendered, never shown as Markdown.
    expect(page).toContain(
      "<p>Alle Türen und Tore sind <strong>nachts</strong> verschlossen. Besucher werden <del>vom Empfang</del> <ins>von der Sicherheit</ins> begleitet.</p>",
    );
    expect(page).toContain('<p class="diff-item depth-1"><span class="item-mark">•</span> danach <ins>für 24 Stunden</ins></p>');
    // "dauerhaft" stays: the old item's last word is now the new item's.
    expect(page).toContain('<p class="diff-item depth-1"><span class="item-mark">•</span> <ins>nach zehn Fehlversuchen</ins> dauerhaft</p>');
    expect(page).not.toContain("**");
    // Per annex, each with its changes: the backup measure (and its reuse) is Berlin's only.
    const sections = [...page.matchAll(/<section class="changed-annex" id="annex-([a-z]+)"><h2>([^<]+)<\/h2>(.*?)<\/section>/g)].map((m) => [
      m[1],
      m[2],
      (m[3]?.match(/<div class="change /g) ?? []).length,
    ]);
    expect(sections).toEqual([
      ["all", "Gesamtfassung (alle Standorte)", 4],
      ["berlin", "Rechenzentrum Berlin", 4],
      ["aws", "AWS Frankfurt", 2],
    ]);
    expect(page).toContain('<li><a href="#annex-aws">AWS Frankfurt</a> (2 Änderungen)</li>');
  });

  it("shows a measure that enters or leaves a location's annex, and one added with its text", () => {
    const page = read(out("d3"), "1.1/changes.html");
    const annex = (id: string) =>
      /<section class="changed-annex" id="annex-[a-z]+">.*?<\/section>/gs.exec(page.slice(page.indexOf(`id="annex-${id}"`) - 40))?.[0] ?? "";
    expect(annex("all")).toContain(
      '<div class="change change-locations"><h3><span class="change-kind">Standorte geändert: </span>(1) a) Zutrittskontrolle</h3><div class="change-text"><p><strong>Standorte: </strong><del>Rechenzentrum Berlin</del> <ins>AWS Frankfurt</ins></p></div></div>',
    );
    expect(annex("berlin")).toContain('<span class="change-kind">Gilt hier nicht mehr: </span>');
    expect(annex("berlin")).toContain('<p class="block-removed"><del>Der Zutritt erfolgt mit Chip und PIN.</del></p>');
    expect(annex("aws")).toContain('<span class="change-kind">Gilt jetzt hier: </span>');
    expect(annex("aws")).toContain('<p class="block-added"><ins>Der Zutritt erfolgt mit Chip und PIN.</ins></p>');
    expect(annex("aws")).toContain(
      '<h3><span class="change-kind">Neu: </span>Kontosperre</h3><p class="change-place">(1) b) Zugangskontrolle</p><div class="change-text"><p class="block-added"><ins>Konten werden nach <strong>fünf</strong> Fehlversuchen gesperrt:</ins></p>',
    );
    expect(annex("all")).toContain(
      "Alle Türen <ins>und Tore</ins> sind <ins><strong>nachts</strong></ins> verschlossen. <ins>Besucher werden vom Empfang begleitet.</ins>",
    );
  });

  it("is linked from the index and from the version's entry of the change history (in the PDF at its public address)", () => {
    const index = read(out("d3"), "index.html");
    expect(index).toContain(
      `<p class="changes-link"><a href="changes.html">Änderungen gegenüber Version 1.1</a> · <a href="changes.pdf" download="changes-1.2.pdf" type="application/pdf" aria-label="Änderungen gegenüber Version 1.1 als PDF (${kB("changes.pdf")})">PDF (${kB("changes.pdf")})</a></p>`,
    );
    // Every PDF link of the index has a name of its own, and says how big the PDF is.
    const names = [...index.matchAll(/type="application\/pdf" aria-label="([^"]+)">PDF \(\d+\u00a0kB\)</g)].map((m) => m[1]);
    expect(names.length).toBe(index.match(/type="application\/pdf"/g)!.length);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(`Rechenzentrum Berlin, Version 1.2 als PDF (${kB("1.2/berlin.pdf")})`);
    expect(index).toContain('<p class="changes-link"><a href="1.2/changes.html">Änderungen gegenüber Version 1.1</a>');
    expect(index).toContain('<p class="changes-link"><a href="1.1/changes.html">Änderungen gegenüber Version 1.0</a></p>');
    expect(index.match(/changes-link/g)).toHaveLength(3);
    const annex = read(out("d3"), "1.2/berlin.html");
    const history = annex.slice(annex.indexOf('<section class="changes"'));
    expect(history).toContain(
      '<td><a class="site-link" href="changes.html" aria-label="Änderungen in Version 1.2" data-pdf-href="https://example.org/anlage/1.2/changes.html">1.2</a></td>',
    );
    // Only the version's own entry: the earlier ones are reached from the index.
    expect(history).toContain("<td>1.1</td>");
    const links = execFileSync("pdftohtml", ["-xml", "-i", "-q", "-stdout", path.join(out("d3"), "1.2/berlin.pdf")], { encoding: "utf8" });
    expect(links).toContain('<a href="https://example.org/anlage/1.2/changes.html"');
    expect(links).not.toContain("toms.invalid");
  });

  it("prints the changes page: the words and their marks in the PDF's text, the marks in colour", () => {
    const pdf = path.join(out("d3"), "1.2/changes.pdf");
    // PDF/UA-1 as far as a machine checks (test/pdfua-rules.ts), like the annexes.
    expect(checkPdfUa(new QpdfDocument(pdf))).toEqual([]);
    const text = pageTexts(pdf).map(collapse).join(" ");
    expect(text).toContain("Änderungen gegenüber Version 1.1");
    expect(text).toContain("Besucher werden [− vom Empfang ] [+ von der Sicherheit ] begleitet.");
    expect(text).toContain("Die Daten werden [− täglich ] [+ stündlich ] gesichert.");
    // print-color-adjust: the backgrounds of removed (red) and added (green) words are printed.
    execFileSync("pdftoppm", ["-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, path.join(outs.dir, "page")]);
    const ppm = fs.readFileSync(path.join(outs.dir, "page.ppm"));
    const pixels = ppm.subarray(ppm.length - (ppm.length - headerLength(ppm)));
    let red = 0;
    let green = 0;
    for (let i = 0; i + 2 < pixels.length; i += 3) {
      const [r, g, b] = [pixels[i] as number, pixels[i + 1] as number, pixels[i + 2] as number];
      if (r > 240 && g < 240 && g > 200 && b > 220 && r - g > 12) red++;
      if (g > 235 && r < 235 && r > 210 && g - r > 12 && b < g) green++;
    }
    expect(red).toBeGreaterThan(20);
    expect(green).toBeGreaterThan(20);
  });

  it("announces every published version in an Atom feed (RFC 4287), newest first, with ids that stay", () => {
    const parse = (file: string) => {
      const errors: string[] = [];
      const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(read(out(file), "feed.xml"), "text/xml");
      expect(errors).toEqual([]);
      return doc.documentElement as unknown as XmlElement;
    };
    const feed = parse("d3");
    expect([feed.namespaceURI, feed.localName]).toEqual([atom, "feed"]);
    const children = (e: XmlElement, name: string) =>
      Array.from(e.childNodes).filter(
        (n): n is XmlElement => n.nodeType === 1 && (n as XmlElement).localName === name && (n as XmlElement).namespaceURI === atom,
      );
    const one = (e: XmlElement, name: string) => {
      expect(children(e, name), name).toHaveLength(1);
      return children(e, name)[0] as XmlElement;
    };
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    // atom:feed: exactly one id, title, updated; an author (here the feed's, so entries need none); a self link.
    expect(one(feed, "id").textContent).toBe("https://example.org/anlage/");
    expect(one(feed, "title").textContent).toBe("Anlage 1");
    expect(one(feed, "updated").textContent).toBe("2099-03-01T00:00:00Z");
    expect(one(one(feed, "author"), "name").textContent).toBe("Beispiel GmbH");
    expect(children(feed, "link").map((l) => [l.getAttribute("rel"), l.getAttribute("href")])).toEqual([
      ["self", "https://example.org/anlage/feed.xml"],
      ["alternate", "https://example.org/anlage/"],
    ]);
    const entries = children(feed, "entry").map((e) => {
      for (const name of ["id", "title", "updated"]) one(e, name);
      expect(one(e, "updated").textContent).toMatch(rfc3339);
      const alternate = children(e, "link").filter((l) => (l.getAttribute("rel") ?? "alternate") === "alternate");
      expect(alternate).toHaveLength(1);
      return {
        id: one(e, "id").textContent,
        title: one(e, "title").textContent,
        updated: one(e, "updated").textContent,
        link: alternate[0]?.getAttribute("href"),
        summary: one(e, "summary").textContent,
      };
    });
    expect(entries).toEqual([
      {
        id: "https://example.org/anlage/1.2/",
        title: "Version 1.2 – gültig ab 1. März 2099",
        updated: "2099-03-01T00:00:00Z",
        link: "https://example.org/anlage/1.2/changes.html",
        summary: "Sicherung stündlich; Sperre gestuft.",
      },
      {
        id: "https://example.org/anlage/1.1/",
        title: "Version 1.1 – gültig ab 1. Februar 2099",
        updated: "2099-02-01T00:00:00Z",
        link: "https://example.org/anlage/1.1/changes.html",
        summary: "Tore, Kontosperre; Chip und PIN jetzt bei AWS.",
      },
      {
        id: "https://example.org/anlage/1.0/",
        title: "Version 1.0 – gültig ab 1. Januar 2099",
        updated: "2099-01-01T00:00:00Z",
        link: "https://example.org/anlage/#version-1.0",
        summary: "Erste Fassung.",
      },
    ]);
    // The entries of earlier builds are the same entries: a reader sees each version once.
    const earlier = children(parse("d2"), "entry").map((e) => one(e, "id").textContent);
    expect(earlier).toEqual(["https://example.org/anlage/1.1/", "https://example.org/anlage/1.0/"]);
  });

  it("is recorded with its version by toms record, and served from the record afterwards", async () => {
    const run = toms(repo.dir, "record", "--out", out("d3"));
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^recorded version 1\.2 /);
    expect(JSON.parse(repo.git("show", "toms-published:1.2/toms-record.json"))).toMatchObject({
      changes: { html: "changes.html", pdf: "changes.pdf", since: "1.1" },
      files: { "changes.html": expect.any(String), "changes.pdf": expect.any(String) },
    });
    const again = ok(await built("d4"));
    expect(again.recorded).toBe(repo.git("rev-parse", "HEAD").trim());
    for (const file of ["changes.html", "changes.pdf", "1.2/changes.pdf", "1.1/changes.html"])
      expect(fs.readFileSync(path.join(out("d4"), file)).equals(fs.readFileSync(path.join(out("d3"), file))), file).toBe(true);
  });
});

describe("a version recorded before toms made changes pages", () => {
  let repo: TestRepo;
  let outs: ReturnType<typeof tempDir>;
  const out = (name: string) => path.join(outs.dir, name);
  const built = (name: string) => build({ content: path.join(repo.dir, "measures"), out: out(name), pdf: false });

  beforeAll(async () => {
    repo = makeRepo();
    outs = tempDir("toms-changes-legacy-");
    repo.write(smallContent);
    repo.commit("1.0", "2026-01-01T00:00:00Z");
    edits11(repo);
    repo.commit("1.1", "2026-01-02T00:00:00Z");
    ok(await built("old"));
    // The site as a toms without changes pages deployed it: no changes page in the version's folder or manifest.
    fs.rmSync(path.join(out("old"), "1.1/changes.html"));
    const manifest = JSON.parse(read(out("old"), "toms-manifest.json"));
    for (const v of manifest.versions) delete v.changes;
    fs.writeFileSync(path.join(out("old"), "toms-manifest.json"), JSON.stringify(manifest));
    expect(toms(repo.dir, "record", "--out", out("old"), "--adopt").status).toBe(0);
  }, 60_000);
  afterAll(() => {
    repo.remove();
    outs.cleanup();
  });

  it("keeps it without one: nothing is added to a recorded folder, and the index links none", async () => {
    ok(await built("now"));
    expect(listFiles(out("now")).filter((f) => f.startsWith("1.1/") && !f.includes("fonts/"))).toEqual([
      "1.1/all.html",
      "1.1/aws.html",
      "1.1/berlin.html",
      "1.1/style.css",
    ]);
    expect(fs.existsSync(path.join(out("now"), "changes.html"))).toBe(false);
    expect(read(out("now"), "index.html")).not.toContain("changes-link");
    // Without site_url there is no feed.
    expect(fs.existsSync(path.join(out("now"), "feed.xml"))).toBe(false);
  });

  it("the next version compares with it", async () => {
    edits12(repo);
    repo.commit("1.2", "2026-01-03T00:00:00Z");
    ok(await built("next"));
    expect(read(out("next"), "1.2/changes.html")).toContain("Was sich gegenüber Version 1.1 (gültig ab 1. Februar 2099) geändert hat");
    expect(fs.existsSync(path.join(out("next"), "1.1/changes.html"))).toBe(false);
    // Without site_url the PDF of the annex shows the version's history entry unlinked (no data-pdf-href).
    expect(read(out("next"), "1.2/all.html")).toContain('<a class="site-link" href="changes.html" aria-label="Änderungen in Version 1.2">1.2</a>');
  });
});

describe("the word diff of rendered text", () => {
  const html = (before: string | undefined, after: string | undefined) =>
    proseDiff(before, after)
      .map((n) => toHtml(n))
      .join("\n");

  it("compares what the page shows: Markdown that renders the same is no change", () => {
    expect(html("Ein *Wort* und\nmehr.", "Ein _Wort_ und mehr.")).toBe("<p>Ein <em>Wort</em> und mehr.</p>");
  });

  it("shows a link's new address as a change of its words", () => {
    expect(html("Siehe [Richtlinie](https://example.org/alt).", "Siehe [Richtlinie](https://example.org/neu).")).toBe(
      '<p>Siehe <a href="https://example.org/neu">Richtlinie</a><span class="link-address-shown"> </span><del><span class="link-address-shown">(https://example.org/alt)</span></del> <ins><span class="link-address-shown">(https://example.org/neu)</span></ins>.</p>',
    );
  });

  it("keeps the author's strikethrough apart from a removed word", () => {
    expect(html("Alt ~~gestrichen~~ bleibt.", "Alt ~~gestrichen~~ bleibt jetzt.")).toBe(
      "<p>Alt <s>gestrichen</s> <del>bleibt.</del> <ins>bleibt jetzt.</ins></p>",
    );
  });

  it("a removed paragraph is one removed block; a table row keeps its cells", () => {
    expect(html("Eins.\n\nZwei.", "Eins.")).toBe('<p>Eins.</p>\n<p class="block-removed"><del>Zwei.</del></p>');
    expect(html("| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |\n|---|---|\n| 1 | 3 |")).toBe(
      '<p class="diff-row">a<span class="cell-gap"> | </span>b</p>\n<p class="diff-row">1<span class="cell-gap"> | </span><del>2</del> <ins>3</ins></p>',
    );
  });
});

// The header of a binary PPM (P6): magic, width, height, maximum, each followed by white space.
function headerLength(ppm: Buffer): number {
  let fields = 0;
  let i = 0;
  while (fields < 4) {
    while (/\s/.test(String.fromCharCode(ppm[i] as number))) i++;
    while (!/\s/.test(String.fromCharCode(ppm[i] as number))) i++;
    fields++;
  }
  return i + 1;
}
