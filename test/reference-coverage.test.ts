import fs from "node:fs";
import path from "node:path";
import type { Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { tempDir } from "./helpers/tmp.js";

// The shipped example, measures/, is the first user's annex: every sentence of the reference must reach the combined
// annex. A test of the example, not of toms: a company's content is checked by its own workflows.
const repo = path.join(import.meta.dirname, "..");
const reference = fs.readFileSync(path.join(repo, "test/fixtures/reference/toms-anlage-1-meetyoo.txt"), "utf8");
const tmp = tempDir();
let combined = "";
const annex: Record<string, string> = {};

const text = (tree: Root): string => {
  const parts: string[] = [];
  const walk = (n: unknown) => {
    const node = n as { type: string; value?: string; children?: unknown[]; tagName?: string };
    if (node.type === "text") parts.push(node.value ?? "");
    if (node.type === "element" && ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "div"].includes(node.tagName ?? "")) parts.push(" ");
    node.children?.forEach(walk);
  };
  walk(tree);
  return normalise(parts.join(""));
};
const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

// The page furniture of the web page the reference was copied from, and the slips the issue names.
const furniture = new Set(["TOMS", "[als PDF speichern](#)"]);
function sentences(): string[] {
  const paragraphs = reference
    .replace(/werden\n\nschnellstmöglich/, "werden schnellstmöglich")
    .replace("b) Input control", "b) Eingabekontrolle")
    .split(/\n/)
    .map((p) => p.trim())
    .filter((p) => p && !furniture.has(p))
    // The AWS certifications are a list of names in the location record, shown one by one.
    .flatMap((p) => (p.startsWith("[ISO 27001]") ? p.split(", ") : [p]));
  return paragraphs.flatMap((p) =>
    normalise(
      p
        .replace(/^\((\d)\) /, "")
        .replace(/^[a-d]\) /, "")
        .replace(/^- /gm, "")
        .replace(/\*\*/g, "")
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/<(https?:[^>]+)>/g, "$1")
        .replace(/^\((.*)\)$/, "$1"),
    )
      .split(/(?<=[.:])\s+(?=[A-ZÄÖÜ])/)
      .map((s) => s.replace(/:$/, "").trim())
      .filter(Boolean),
  );
}

beforeAll(async () => {
  const out = path.join(tmp.dir, "site");
  const result = await build({ content: path.join(repo, "measures"), out, pdf: false, archive: false });
  expect(result.ok).toBe(true);
  for (const id of ["all", "berlin", "aws"]) annex[id] = text(fromHtml(fs.readFileSync(path.join(out, `${id}.html`), "utf8")));
  combined = annex.all ?? "";
});
afterAll(tmp.cleanup);

describe("the shipped example (meetyoo): the annex of the first user", () => {
  const list = sentences();
  it("has the whole reference to compare against", () => {
    expect(list.length).toBeGreaterThan(150);
  });
  it.each(list)("combined annex contains: %s", (sentence) => {
    expect(combined.includes(sentence), sentence).toBe(true);
  });
  it("keeps the data-center measures out of the other location's annex", () => {
    expect(annex.berlin).toContain("Der Zutritt zu den gemieteten RZ-Flächen erfolgt über einen Zutrittschip");
    expect(annex.aws).not.toContain("Der Zutritt zu den gemieteten RZ-Flächen erfolgt über einen Zutrittschip");
    expect(annex.aws).toContain("Der physische Zugang zum AWS-Rechenzentrum");
    expect(annex.berlin).not.toContain("Der physische Zugang zum AWS-Rechenzentrum");
    // Organisational measures apply at both.
    for (const id of ["berlin", "aws"]) expect(annex[id]).toContain("Alle Mitarbeiter werden auf das Datengeheimnis verpflichtet");
  });
});
