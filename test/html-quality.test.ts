import fs from "node:fs";
import path from "node:path";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { tempDir } from "./helpers/tmp.js";
import { makeRepo, smallContent } from "./diff-helpers.js";

// Every page toms writes, for the shipped content and a foreign one, must be valid HTML5 with a sound outline.
const repo = path.join(import.meta.dirname, "..");
const tmp = tempDir();
// A copy outside git builds as a draft, whose pages carry a banner: valid HTML too.
const draft = path.join(tmp.dir, "draft-content");
fs.cpSync(path.join(repo, "test/fixtures/build/nordlicht/content"), draft, { recursive: true });
const contents = {
  measures: path.join(repo, "measures"),
  nordlicht: path.join(repo, "test/fixtures/build/nordlicht/content"),
  fjord: path.join(repo, "test/fixtures/build/fjord/content"),
  // A theme: the logo in the letterhead, the accent colour.
  leuchtturm: path.join(repo, "test/fixtures/build/leuchtturm/content"),
  draft,
};
const pages: { name: string; html: string }[] = [];

beforeAll(async () => {
  for (const [name, content] of Object.entries(contents)) {
    const out = path.join(tmp.dir, name);
    const result = await build({ content, out, pdf: false, archive: false });
    expect(result.ok).toBe(true);
    for (const file of fs.readdirSync(out).filter((f) => f.endsWith(".html"))) {
      pages.push({ name: `${name}/${file}`, html: fs.readFileSync(path.join(out, file), "utf8") });
    }
  }
  // Two versions: the second has a changes page (added, removed, changed and moved words, a list, a location left).
  const repo = makeRepo();
  try {
    repo.write(smallContent);
    repo.commit("1.0");
    repo.edit("measures/zutritt.yaml", "Alle Türen sind verschlossen.", "Alle Türen und Tore sind **nachts** verschlossen.\n\n      - Alarm\n      - Video");
    repo.edit("measures/zutritt.yaml", "    locations: [berlin]\n", "    locations: [aws]\n");
    repo.edit("measures/backup.yaml", "täglich", "stündlich");
    repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "1.1"');
    repo.edit("measures/site.yaml", "valid_from: 2099-01-01", "valid_from: 2099-02-01");
    repo.edit("measures/site.yaml", "changes:\n", 'changes:\n  - { version: "1.1", date: 2099-02-01, summary: "Tore." }\n');
    repo.commit("1.1");
    const out = path.join(tmp.dir, "versions");
    expect((await build({ content: path.join(repo.dir, "measures"), out, pdf: false })).ok).toBe(true);
    for (const file of ["changes.html", "index.html", "all.html"])
      pages.push({ name: `versions/${file}`, html: fs.readFileSync(path.join(out, file), "utf8") });
  } finally {
    repo.remove();
  }
});
afterAll(tmp.cleanup);

function elements(tree: Root | Element, test: (e: Element) => boolean, found: Element[] = []): Element[] {
  for (const child of tree.children) {
    if (child.type !== "element") continue;
    if (test(child)) found.push(child);
    elements(child, test, found);
  }
  return found;
}

describe("annex pages", () => {
  it("builds pages for every content", () => {
    expect(pages.map((p) => p.name).sort()).toEqual([
      "draft/all.html",
      "draft/helsinki.html",
      "draft/index.html",
      "draft/oslo.html",
      "draft/stockholm.html",
      "fjord/all.html",
      "fjord/index.html",
      "fjord/lyon.html",
      "fjord/paris.html",
      "fjord/roubaix.html",
      "leuchtturm/all.html",
      "leuchtturm/cloud.html",
      "leuchtturm/index.html",
      "leuchtturm/rostock.html",
      "measures/all.html",
      "measures/aws.html",
      "measures/berlin.html",
      "measures/index.html",
      "nordlicht/all.html",
      "nordlicht/helsinki.html",
      "nordlicht/index.html",
      "nordlicht/oslo.html",
      "nordlicht/stockholm.html",
      "versions/all.html",
      "versions/changes.html",
      "versions/index.html",
    ]);
  });

  it("are valid HTML5 (html-validate, recommended rules)", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      // Ids as HTML5 allows them (no white space): a version's anchor on the index page keeps its dots ("version-2026.1").
      rules: { "no-inline-style": "error", "long-title": "off", "doctype-style": "off", "valid-id": ["error", { relaxed: true }] },
    });
    for (const page of pages) {
      const report = await validator.validateString(page.html, page.name);
      const messages = report.results.flatMap((r) => r.messages.map((m) => `${page.name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
      expect(messages).toEqual([]);
    }
  });

  it("have lang, one h1 and no gaps in heading levels", () => {
    for (const page of pages) {
      const tree = fromHtml(page.html);
      const html = elements(tree, (e) => e.tagName === "html")[0];
      expect(html?.properties.lang, page.name).toMatch(/^(de|en|fr)$/);
      const ranks = elements(tree, (e) => /^h[1-6]$/.test(e.tagName)).map((e) => Number(e.tagName[1]));
      expect(
        ranks.filter((r) => r === 1),
        page.name,
      ).toHaveLength(1);
      expect(ranks[0], page.name).toBe(1);
      ranks.forEach((rank, i) => {
        if (i > 0) expect(rank - (ranks[i - 1] as number), `${page.name} heading ${i}`).toBeLessThanOrEqual(1);
      });
    }
  });

  it("load nothing from elsewhere and run no script (strict Content-Security-Policy)", () => {
    for (const page of pages) {
      const tree = fromHtml(page.html);
      expect(
        elements(tree, (e) => e.tagName === "script"),
        page.name,
      ).toEqual([]);
      const csp = elements(tree, (e) => e.tagName === "meta" && e.properties.httpEquiv?.toString() === "Content-Security-Policy")[0];
      expect(String(csp?.properties.content)).toContain("default-src 'none'");
      for (const link of elements(tree, (e) => e.tagName === "link" || e.tagName === "img")) {
        const target = String(link.properties.href ?? link.properties.src);
        expect(target, page.name).not.toMatch(/^[a-z]+:/i);
        // The one picture of a page is the theme's logo, a file of the site.
        if (link.tagName === "img") expect(target, page.name).toBe("logo.svg");
      }
    }
  });
});
