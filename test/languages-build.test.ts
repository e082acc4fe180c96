// The bilingual example (examples/zweisprachig: German, translated into English) built as a published site from a
// real git repository, with PDFs printed by real Chromium: each language's annexes in their place and words, the
// pages linking each other, the index listing both languages, axe-core finding no violation; then a second version,
// whose changes pages come in both languages and whose first version stays in the archive in both.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { HtmlValidate } from "html-validate";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../src/commands/build.js";
import { locateBrowser, type StartedBrowser, startBrowser } from "../src/pdf/launch.js";
import { recordSite } from "../src/publish/record-write.js";
import { contentRepository } from "../src/publish/versions.js";
import { copyInto, makeRepo, type TestRepo } from "./diff-helpers.js";
import { serveSite, type SiteServer } from "./helpers/site-server.js";
import { listFiles, tempDir } from "./helpers/tmp.js";
import { pageTexts, pdfInfo } from "./pdf-tools.js";

const root = path.join(import.meta.dirname, "..");
const tmp = tempDir("toms-languages-");
const out = path.join(tmp.dir, "site");
let repo: TestRepo;
let first: BuildResult;

beforeAll(async () => {
  repo = makeRepo();
  copyInto(repo, path.join(root, "examples/zweisprachig"), "measures");
  repo.commit("Anlage 2027.1");
  first = await build({ content: path.join(repo.dir, "measures"), out, pdf: true });
}, 180_000);
afterAll(() => {
  repo?.remove();
  tmp.cleanup();
});

const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");
const text = (pdf: string) => pageTexts(path.join(out, pdf)).join("\n");

function elements(html: string, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (node: { children?: unknown[] }) => {
    for (const child of (node.children ?? []) as Element[]) {
      if (child.type !== "element") continue;
      if (test(child)) found.push(child);
      visit(child);
    }
  };
  visit(fromHtml(html));
  return found;
}

describe("the bilingual example, built", () => {
  it("has the German annexes where a site of one language has them and the English ones under en/, HTML and PDF", () => {
    expect(first.ok, first.failure ?? first.diagnostics.list.map((d) => d.message).join("\n")).toBe(true);
    expect(first.diagnostics.list).toEqual([]);
    const files = listFiles(out).filter((f) => !f.startsWith("fonts/") && !f.startsWith("2027.1/fonts/"));
    for (const annex of ["all", "leipzig", "frankfurt"]) {
      for (const file of [`${annex}.html`, `${annex}.pdf`, `en/${annex}.html`, `en/${annex}.pdf`]) {
        expect(files).toContain(file);
        // The published version's own copy, in both languages.
        expect(files).toContain(`2027.1/${file}`);
      }
    }
    // One index, for every language.
    expect(files.filter((f) => f.endsWith("index.html"))).toEqual(["index.html"]);
  });

  it("prints the English PDF in English and the German one in German: words, dates, running header and footer, language", () => {
    const english = text("en/frankfurt.pdf");
    const german = text("frankfurt.pdf");
    for (const words of ["Physical access control", "Frankfurt am Main colocation", "valid from March 1, 2027", "Page 1 of", "Change history", "Backup"])
      expect(english).toContain(words);
    for (const words of ["Zutrittskontrolle", "Colocation Frankfurt am Main", "gültig ab 1. März 2027", "Seite 1 von", "Änderungshistorie", "Datensicherung"])
      expect(german).toContain(words);
    // Not a German sentence left in the English annex, nor an English one in the German.
    for (const words of ["Zutrittskontrolle", "Seite 1", "März", "Maßnahmen", "Besucher"]) expect(english).not.toContain(words);
    for (const words of ["Physical", "Page 1", "March", "Measures", "Visitors"]) expect(german).not.toContain(words);
    expect(pdfInfo(path.join(out, "en/all.pdf")).Title).toBe("Annex 1 – Technical and Organisational Measures – Combined version (all locations)");
    expect(pdfInfo(path.join(out, "all.pdf")).Title).toBe("Anlage 1 – Technische und organisatorische Maßnahmen – Gesamtfassung (alle Standorte)");
    const catalog = (pdf: string) =>
      execFileSync("qpdf", ["--qdf", "--object-streams=disable", path.join(out, pdf), "-"], { encoding: "latin1", maxBuffer: 64 * 1024 * 1024 });
    expect(catalog("en/all.pdf")).toMatch(/\/Type \/Catalog[^]*?\/Lang \(en\)/);
    expect(catalog("all.pdf")).toMatch(/\/Type \/Catalog[^]*?\/Lang \(de\)/);
  });

  it("links each page to itself in the other language: in its head (hreflang) and with a visible switch", () => {
    const english = read("en/leipzig.html");
    expect(elements(english, (e) => e.tagName === "html")[0]?.properties.lang).toBe("en");
    const alternates = elements(english, (e) => e.tagName === "link" && String(e.properties.rel) === "alternate");
    expect(alternates.map((l) => `${l.properties.hrefLang} ${l.properties.href}`)).toEqual(["de ../leipzig.html", "en leipzig.html"]);
    const german = read("leipzig.html");
    const switchLinks = elements(german, (e) => e.tagName === "a" && e.properties.hrefLang !== undefined);
    expect(switchLinks.map((a) => `${a.properties.lang} ${a.properties.hrefLang} ${a.properties.href}`)).toEqual(["en en en/leipzig.html"]);
    const nav = elements(german, (e) => e.tagName === "nav" && (e.properties.className as string[] | undefined)?.includes("languages") === true)[0];
    expect(nav?.properties.ariaLabel).toBe("Sprache");
    // The translation's page loads the version's one style sheet.
    expect(elements(english, (e) => e.tagName === "link" && String(e.properties.rel) === "stylesheet")[0]?.properties.href).toBe("../style.css");
  });

  it("has no link on any page that leads nowhere", () => {
    const pages = listFiles(out).filter((f) => f.endsWith(".html"));
    const broken: string[] = [];
    for (const page of pages) {
      for (const e of elements(read(page), (el) => (el.tagName === "a" || el.tagName === "link") && typeof el.properties.href === "string")) {
        const href = String(e.properties.href);
        if (/^(https?:|mailto:|#)/.test(href)) continue;
        const target = path.join(path.dirname(path.join(out, page)), decodeURIComponent(href.split("#")[0] ?? ""));
        if (!fs.existsSync(target)) broken.push(`${page} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("lists every annex of both languages on the index, under each language's name in its own words", () => {
    const index = read("index.html");
    const groups = elements(index, (e) => e.tagName === "section" && (e.properties.className as string[]).includes("annexes"))[0];
    const names = elements(index, (e) => e.tagName === "h3" && !String((e.children[0] as { value?: string })?.value ?? "").startsWith("Version"));
    expect(names.map((n) => (n.children[0] as { value: string }).value)).toEqual(["Deutsch", "English"]);
    expect(groups).toBeDefined();
    const english = elements(index, (e) => e.tagName === "div" && e.properties.lang === "en")[0] as Element;
    const hrefs: string[] = [];
    const visit = (node: Element) => {
      for (const child of node.children) {
        if (child.type !== "element") continue;
        if (child.tagName === "a") hrefs.push(String(child.properties.href));
        visit(child);
      }
    };
    visit(english);
    expect(hrefs).toEqual(["en/all.html", "en/all.pdf", "en/leipzig.html", "en/leipzig.pdf", "en/frankfurt.html", "en/frankfurt.pdf"]);
  });

  it("is valid HTML5 (html-validate) on a translated page and the index", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "no-inline-style": "error", "long-title": "off", "doctype-style": "off", "valid-id": ["error", { relaxed: true }] },
    });
    for (const page of ["index.html", "en/all.html", "en/frankfurt.html", "leipzig.html"]) {
      const report = await validator.validateString(read(page), page);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${page}:${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    }
  });
});

describe("pages in two languages in a browser (axe-core)", () => {
  let chromium: StartedBrowser;
  let browser: Browser;
  let server: SiteServer;
  const axe = fs.readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");

  beforeAll(async () => {
    // The site as a web server gives it: each page with its Content-Security-Policy in force.
    server = await serveSite(() => out);
    chromium = startBrowser(await locateBrowser());
    browser = await chromium.connect();
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it("finds no violation on the index with both languages, a translated annex and its German original", async () => {
    const found: string[] = [];
    for (const page of ["index.html", "en/all.html", "en/frankfurt.html", "frankfurt.html"]) {
      const tab = await browser.newPage();
      const failed: string[] = [];
      // The browser's own request for a favicon is not the page's.
      const own = (url: string) => !url.endsWith("/favicon.ico");
      tab.on("requestfailed", (request) => own(request.url()) && failed.push(request.url()));
      tab.on("response", (response) => {
        if (response.status() >= 400 && own(response.url())) failed.push(response.url());
      });
      try {
        const response = await tab.goto(server.url(page), { waitUntil: "load" });
        expect(response?.status(), page).toBe(200);
        // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
        await tab.evaluate(axe);
        const result = (await tab.evaluate(
          `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })`,
        )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
        found.push(...result.violations.map((v) => `${page} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
        // The style sheet and fonts of a translation's page are found in the folder above.
        expect(failed, page).toEqual([]);
        expect(await tab.evaluate(`getComputedStyle(document.body).fontFamily`), page).toContain("Source Serif 4");
      } finally {
        await tab.close();
      }
    }
    expect(found).toEqual([]);
  }, 120_000);
});

describe("a second version of the bilingual example", () => {
  let second: BuildResult;
  beforeAll(async () => {
    const section = "measures/1-vertraulichkeit/zutrittskontrolle.yaml";
    repo.edit(section, "Besucher werden am Empfang registriert", "Besucher werden am Empfang mit Ausweis registriert");
    repo.edit(section, "Visitors are registered at reception", "Visitors are registered at reception with an ID");
    repo.edit("measures/site.yaml", 'version: "2027.1"', 'version: "2027.2"');
    repo.edit("measures/site.yaml", "valid_from: 2027-03-01", "valid_from: 2027-06-01");
    repo.edit(
      "measures/site.yaml",
      "changes:\n",
      'changes:\n  - version: "2027.2"\n    date: 2027-06-01\n    summary:\n      de: "Besucher zeigen einen Ausweis."\n      en: "Visitors show an ID."\n',
    );
    repo.commit("Anlage 2027.2", "2026-02-01T00:00:00Z");
    second = await build({ content: path.join(repo.dir, "measures"), out, pdf: false });
  }, 180_000);

  it("has a changes page in each language, linked from the index, and keeps the first version in both languages", () => {
    expect(second.ok, second.failure ?? second.diagnostics.list.map((d) => d.message).join("\n")).toBe(true);
    const files = listFiles(out);
    for (const file of ["changes.html", "en/changes.html", "2027.2/en/changes.html", "2027.1/en/all.html", "2027.1/all.html"]) expect(files).toContain(file);
    expect(read("en/changes.html")).toContain("with an ID");
    expect(read("en/changes.html")).not.toContain("Ausweis");
    expect(read("changes.html")).toContain("Ausweis");
    // The changes pages link each other; the English annex's history links the English changes page.
    expect(read("changes.html")).toContain('hreflang="en" href="en/changes.html"');
    expect(read("en/all.html")).toContain('href="changes.html"');
    const index = read("index.html");
    expect(index).toContain('href="en/changes.html"');
    expect(index).toContain('href="2027.1/en/all.html"');
  });
});

describe("a published version of the bilingual example", () => {
  it("is served as recorded with its English changes page, and a change of its English text alone is refused", async () => {
    const recorded = recordSite({ out, repo: contentRepository(path.join(repo.dir, "measures")) as NonNullable<ReturnType<typeof contentRepository>> });
    expect(recorded.recorded.map((r) => r.version)).toContain("2027.2");
    const again = await build({ content: path.join(repo.dir, "measures"), out, pdf: false });
    expect(again.ok, again.failure ?? again.diagnostics.list.map((d) => d.message).join("\n")).toBe(true);
    expect(again.recorded).toBeDefined();
    expect(read("index.html")).toContain('href="en/changes.html"');

    repo.edit("measures/1-vertraulichkeit/zutrittskontrolle.yaml", "Visitors are registered at reception with an ID", "Visitors show an ID at reception");
    repo.commit("English only, no new version", "2026-03-01T00:00:00Z");
    const refused = await build({ content: path.join(repo.dir, "measures"), out, pdf: false });
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics.list.map((d) => `${d.rule} ${d.severity}`)).toEqual(["version-unchanged error"]);
    expect(refused.diagnostics.list[0]?.message).toContain('its text has changed since (changed: measure "besucher")');
  }, 180_000);
});

describe("a themed site in two languages", () => {
  it("shows the logo on a translation's page, loaded from the version's folder", async () => {
    const content = path.join(tmp.dir, "themed");
    fs.cpSync(path.join(root, "examples/zweisprachig"), content, { recursive: true });
    fs.cpSync(path.join(root, "test/fixtures/build/leuchtturm/content/marke"), path.join(content, "marke"), { recursive: true });
    const site = path.join(content, "site.yaml");
    fs.writeFileSync(
      site,
      fs.readFileSync(site, "utf8").replace("translations: [en]\n", 'translations: [en]\ntheme:\n  logo: marke/logo.svg\n  accent: "#0b6e4f"\n'),
    );
    const themed = path.join(tmp.dir, "themed-out");
    const result = await build({ content, out: themed, pdf: false });
    expect(result.ok).toBe(true);
    const logo = elements(fs.readFileSync(path.join(themed, "en/all.html"), "utf8"), (e) => e.tagName === "img")[0];
    expect(logo?.properties.src).toBe("../logo.svg");
    expect(fs.existsSync(path.join(themed, "en", String(logo?.properties.src)))).toBe(true);
  });
});
