import path from "node:path";
import type { Element, ElementContent } from "hast";
import { describe, expect, test } from "vitest";
import { check as checkContent } from "../src/commands/check.js";
import type { Site } from "../src/model.js";
import { type Annex, allAnnexes } from "../src/resolve/annex.js";
import { annexCoverage } from "../src/resolve/coverage.js";
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

describe("a measure that reuses another's text (ref)", () => {
  // Found by the last review: a customer's duty reused elsewhere read as the processor's.
  test("carries who carries out the text it reuses, unless it names a party itself", () => {
    const { site, diagnostics } = checked([
      ["zutritt.yaml", '    title: "Rechenzentrum Berlin"\n', '    title: "Rechenzentrum Berlin"\n    responsible: customer\n'],
    ]);
    expect(diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
    expect(measureText(site as Site, "berlin", "zutritt-rz-weitergabe")).toContain("Verantwortlich: Auftraggeber");
    const own = checked([
      ["zutritt.yaml", '    title: "Rechenzentrum Berlin"\n', '    title: "Rechenzentrum Berlin"\n    responsible: customer\n'],
      ["weitergabe.yaml", "    ref: zutritt-rz\n", "    ref: zutritt-rz\n    responsible: processor\n"],
    ]);
    expect(measureText(own.site as Site, "berlin", "zutritt-rz-weitergabe")).not.toContain("Verantwortlich: Auftraggeber");
  });

  test("carries the status of the text it reuses: shown as planned and not counted as coverage", () => {
    const { site, diagnostics } = checked([
      ["site.yaml", "", "catalogues: [art32]\ncoverage_appendix: true\n"],
      ["zutritt.yaml", '    title: "Rechenzentrum Berlin"\n', '    title: "Rechenzentrum Berlin"\n    status: planned\n    covers: [art32:confidentiality]\n'],
      ["weitergabe.yaml", "    ref: zutritt-rz\n", "    ref: zutritt-rz\n    covers: [art32:confidentiality]\n"],
    ]);
    expect(diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
    const reuse = site?.groups[1]?.sections[0]?.measures.find((m) => m.id === "zutritt-rz-weitergabe");
    expect(reuse?.status).toBe("planned");
    expect(measureText(site as Site, "berlin", "zutritt-rz-weitergabe")).toContain("geplant");
    const coverage = annexCoverage(site as Site, allAnnexes(site as Site)[1] as Annex);
    const confidentiality = coverage[0]?.controls.find((c) => c.control.id === "confidentiality");
    expect(confidentiality?.state).toBe("gap");
    expect(confidentiality?.notInPlace.map((m) => m.id)).toEqual(["zutritt-rz", "zutritt-rz-weitergabe"]);
  });

  test("a status of its own wins, implemented included", () => {
    const { site } = checked([
      ["zutritt.yaml", '    title: "Rechenzentrum Berlin"\n', '    title: "Rechenzentrum Berlin"\n    status: planned\n'],
      ["weitergabe.yaml", "    ref: zutritt-rz\n", "    ref: zutritt-rz\n    status: implemented\n"],
    ]);
    const reuse = site?.groups[1]?.sections[0]?.measures.find((m) => m.id === "zutritt-rz-weitergabe");
    expect(reuse?.status).toBeUndefined();
    expect(measureText(site as Site, "berlin", "zutritt-rz-weitergabe")).not.toContain("geplant");
  });

  test("does not apply where the text it reuses is declared not applicable: the annex says so in both places", () => {
    const { site, diagnostics } = checked([
      [
        "zutritt.yaml",
        "  - id: zutritt-aws\n    locations: [aws]\n",
        '  - id: zutritt-aws\n    not_applicable:\n      aws: "Bei AWS gibt es kein eigenes Sicherheitspersonal."\n',
      ],
      ["weitergabe.yaml", "", "  - id: wache\n    ref: zutritt-aws\n"],
    ]);
    expect(diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
    const aws = measureText(site as Site, "aws", "wache");
    expect(aws).toContain("Nicht anwendbar: Bei AWS gibt es kein eigenes Sicherheitspersonal.");
    expect(measureText(site as Site, "berlin", "wache")).not.toContain("Nicht anwendbar");
    const awsAnnex = allAnnexes(site as Site).find((a) => a.id === "aws") as Annex;
    expect(awsAnnex.groups.flatMap((g) => g.sections.flatMap((s) => s.measures.map((m) => m.id)))).not.toContain("wache");
  });

  test("takes the reasons along a chain, and a reason of its own wins", () => {
    const { site } = checked([
      ["zutritt.yaml", "  - id: zutritt-aws\n    locations: [aws]\n", '  - id: zutritt-aws\n    not_applicable:\n      aws: "Kein Personal."\n'],
      [
        "weitergabe.yaml",
        "",
        '  - id: wache\n    ref: zutritt-aws\n  - id: wache-2\n    ref: wache\n  - id: wache-3\n    ref: wache\n    not_applicable:\n      aws: "Eigener Grund."\n',
      ],
    ]);
    const measures = new Map(site?.groups[1]?.sections[0]?.measures.map((m) => [m.id, m]));
    expect(measures.get("wache-2")?.notApplicable?.at.get("aws")).toBe("Kein Personal.");
    expect(measures.get("wache-3")?.notApplicable?.at.get("aws")).toBe("Eigener Grund.");
  });
});
