import path from "node:path";
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import { expect, test } from "vitest";
import { check } from "../src/commands/check.js";
import { allAnnexes } from "../src/resolve/annex.js";
import { serializePage, shareNodes } from "../src/render/serialize.js";
import { annexPageTree, renderAnnexPage } from "../src/render/site.js";

// The page HTML with each measure text's HTML made once (serialize.ts) must be what serializing the whole tree
// gives, byte for byte, and must leave the tree as it was (the printer and the live preview use it afterwards).
const shipped = path.join(import.meta.dirname, "../measures");
const manyLocations = path.join(import.meta.dirname, "fixtures/check/_base/content");

test.each([
  ["the shipped annex", shipped],
  ["the check fixtures' base", manyLocations],
])("every page of %s is serialized as hast-util-to-html serializes its tree", (_, content) => {
  const { site } = check(content, undefined, { today: "2026-12-01" });
  if (!site) throw new Error("the content does not check");
  const annexes = allAnnexes(site);
  expect(annexes.length).toBeGreaterThan(1);
  for (const annex of annexes) {
    for (const pdf of [false, true]) {
      const { tree } = annexPageTree(site, annex, { pdf });
      const before = structuredClone(tree);
      expect(serializePage(tree)).toBe(toHtml(tree));
      expect(tree).toEqual(before);
      expect(renderAnnexPage(site, annex, { pdf }).source).toBe(toHtml(tree));
    }
  }
});

test("a node shared by two pages is shown the same in both, wherever it stands", () => {
  const text = h("p", ["a & b ", h("strong", "<c>"), " \u00a0"]);
  shareNodes([text]);
  const first: Root = { type: "root", children: [h("main", [h("h2", "x"), text])] };
  const second: Root = { type: "root", children: [h("div", h("section", [text]))] };
  expect(serializePage(first)).toBe(toHtml(first));
  expect(serializePage(second)).toBe(toHtml(second));
  expect(serializePage(second)).toContain("<p>a &#x26; b <strong>&#x3C;c></strong> \u00a0</p>");
});

test("a raw HTML node toms did not make stays text, as it was without the shared HTML", () => {
  const tree: Root = { type: "root", children: [h("p", [{ type: "raw", value: "<script>alert(1)</script>" }])] };
  expect(serializePage(tree)).toBe(toHtml(tree));
  expect(serializePage(tree)).toBe("<p>&#x3C;script>alert(1)&#x3C;/script></p>");
  // Also in a <template>'s content, which is not among its children (found by a review).
  const template: Root = {
    type: "root",
    children: [
      {
        type: "element",
        tagName: "template",
        properties: {},
        children: [],
        content: { type: "root", children: [{ type: "raw", value: "<script>x</script>" }] },
      },
    ],
  };
  expect(serializePage(template)).toBe(toHtml(template));
  expect(serializePage(template)).toBe("<template>&#x3C;script>x&#x3C;/script></template>");
});

test("a shared node cannot be changed: its HTML, made once, would no longer be its own", () => {
  const text = h("p", [h("a", { href: "https://example.com/", className: ["x"] }, "link")]);
  shareNodes([text]);
  const link = text.children[0] as Element;
  expect(() => link.children.push({ type: "text", value: "more" })).toThrow(TypeError);
  expect(() => {
    link.properties.href = "https://evil.example/";
  }).toThrow(TypeError);
  expect(() => (link.properties.className as string[]).push("y")).toThrow(TypeError);
  expect(toHtml(text)).toBe('<p><a href="https://example.com/" class="x">link</a></p>');
});
