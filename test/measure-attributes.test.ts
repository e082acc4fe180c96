import path from "node:path";
import type { Element, ElementContent } from "hast";
import { describe, expect, test } from "vitest";
import { check as checkContent } from "../src/commands/check.js";
import type { Site } from "../src/model.js";
import { allAnnexes } from "../src/resolve/annex.js";
import { textOf } from "../src/render/annex-page.js";
import { annexPageTree } from "../src/render/site.js";
import { memoryFs, readIntoMemory } from "./helpers/memory-fs.js";

// What a measure's attributes (who carries it out, its status, where it does not apply) make the annex say: the base
// check fixture with a few lines changed, checked and rendered the way toms build renders it.
const root = path.resolve("/toms-attributes/content");
const base = readIntoMemory(path.join(import.meta.dirname, "fixtures/check/_base/content"), root);

type Edit = [file: string, before: string, after: string];

function checked(edits: Edit[]) {
  const files = new Map(base);
  for (const [file, before, after] of edits) {
    const full = path.join(root, file);
    const text = (files.get(full) ?? Buffer.from("")).toString("utf8");
    if (before !== "" && !text.includes(before)) throw new Error(`${file} has no ${JSON.stringify(before)}`);
    files.set(full, Buffer.from(before === "" ? text + after : text.replace(before, after)));
  }
  return checkContent(root, memoryFs(files), { today: "2026-12-01" });
}

function elements(node: ElementContent): Element[] {
  if (node.type !== "element") return [];
  return [node, ...node.children.flatMap(elements)];
}

/** The text of one measure as the annex of `annex` (a location id, or "all") shows it, spacing collapsed. */
function measureText(site: Site, annex: string, measure: string): string | undefined {
  const selected = allAnnexes(site).find((a) => a.id === annex);
  if (!selected) throw new Error(`no annex ${annex}`);
  const tree = annexPageTree(site, selected, { pdf: false }).tree;
  const all = tree.children.flatMap((n) => elements(n as ElementContent));
  const article = all.find((e) => e.properties.id === `measure-${measure}`);
  const holder = article && all.find((e) => e.children.includes(article) && e.tagName !== "section");
  const found = holder ?? article;
  return found ? textOf(found).replace(/\s+/g, " ").trim() : undefined;
}

describe("responsible", () => {
  test("a measure that says processor under a section naming the customer says so in the annex", () => {
    const { site, diagnostics } = checked([
      ["zutritt.yaml", 'title: "Zutrittskontrolle"\n', 'title: "Zutrittskontrolle"\nresponsible: customer\n'],
      ["zutritt.yaml", "  - id: zutritt-aws\n", "  - id: zutritt-aws\n    responsible: processor\n"],
    ]);
    expect(diagnostics.sorted()).toEqual([]);
    expect(site?.groups[0]?.sections[0]?.measures.map((m) => [m.id, m.responsible])).toEqual([
      ["zutritt-rz", "customer"],
      ["zutritt-aws", "processor"],
    ]);
    expect(measureText(site as Site, "aws", "zutritt-aws")).toContain("Verantwortlich: Auftragsverarbeiter");
    expect(measureText(site as Site, "berlin", "zutritt-rz")).not.toContain("Verantwortlich");
  });

  test("a measure that repeats the processor without a section party adds no line", () => {
    const { site } = checked([["zutritt.yaml", "  - id: zutritt-aws\n", "  - id: zutritt-aws\n    responsible: processor\n"]]);
    expect(site?.groups[0]?.sections[0]?.measures[1]?.responsible).toBeUndefined();
    expect(measureText(site as Site, "aws", "zutritt-aws")).not.toContain("Verantwortlich");
  });
});
