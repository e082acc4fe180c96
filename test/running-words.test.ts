import path from "node:path";
import type { Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { expect, test } from "vitest";
import { check } from "../src/commands/check.js";
import { runningTemplates, runningWords } from "../src/pdf/running.js";
import { splitWords } from "../src/pdf/text-check.js";
import { renderSite } from "../src/render/site.js";

// The words the running header and footer may show are taken from their trees, before the fonts' style sheet goes in;
// they must be the words of the HTML Chromium is given (parsed back here), for every annex and language.
function wordsOfHtml(html: string): Set<string> {
  const words = new Set<string>();
  const walk = (node: Root | RootContent) => {
    if (node.type === "text") for (const word of splitWords(node.value)) words.add(word);
    if ((node.type === "element" && node.tagName !== "style") || node.type === "root") for (const child of node.children) walk(child);
  };
  walk(fromHtml(html, { fragment: true }));
  return words;
}

test.each([
  ["the shipped annex", "../measures"],
  ["a themed site in two languages", "fixtures/build/leuchtturm/content"],
  ["a hoster's matrix", "fixtures/build/hoster/content"],
])("the running words of %s are those of the HTML printed", (_, folder) => {
  const { site, translations } = check(path.join(import.meta.dirname, folder), undefined, { today: "2026-12-01" });
  if (!site) throw new Error("the content does not check");
  let annexes = 0;
  for (const doc of [site, ...translations]) {
    for (const page of renderSite(doc, { pdf: true }).pages) {
      const templates = runningTemplates(doc, page);
      const expected = new Set([...wordsOfHtml(templates.header), ...wordsOfHtml(templates.footer)]);
      expect([...runningWords(templates)].sort()).toEqual([...expected].sort());
      expect(expected.size).toBeGreaterThan(5);
      annexes++;
    }
  }
  expect(annexes).toBeGreaterThan(1);
});
