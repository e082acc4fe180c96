import path from "node:path";
import fc from "fast-check";
import type { ElementContent } from "hast";
import { describe, expect, it } from "vitest";
import { renderProse } from "../src/render/render-prose.js";
import { strings } from "../src/render/i18n.js";
import { check as checkContent } from "../src/commands/check.js";
import { memoryFs, readIntoMemory } from "./helpers/memory-fs.js";

// The invariant of toms's text fidelity: every character an author wrote reaches the reader, or `toms check` says
// why not. An author's text is generated as pieces whose meaning is known: plain text full of Markdown's and YAML's
// punctuation used the way people write it literally (2*3*4, 40~60 %, Nr. #4711, \\fs01\backup, a_b, x <= y …), and
// markup used the way people mean it (**bold**, `code`, a link …), each with the text a reader should see. Written
// into a YAML section file in every scalar style, checked and rendered: whenever the check says nothing at all, the
// text of the rendered measure is exactly the expected text (spacing aside, which HTML collapses).
const root = path.resolve("/toms-property/content");
const base = readIntoMemory(path.join(import.meta.dirname, "fixtures/check/_base/content"), root);
const runs = Math.max(500, Math.floor(Number(process.env.FUZZ_RUNS ?? 3000) / 2));

interface Piece {
  source: string;
  visible: string;
}

const words = ["Daten", "Zutritt", "Übertragung", "Schlüssel", "werden", "täglich", "Nr", "ISO", "27001", "2026", "x", "a", "b", "3", "geprüft", "Größe", "ß"];
// Punctuation an author types as text: between two letters or digits, or on its own between spaces.
const marks = [..."*_~#\\<>[]()!|:-+.=&%$@^\"'/{}?,"];
const literal = [
  "Nr. #4711",
  "40~60 %",
  "~22 °C",
  "2*3*4",
  "\\\\fs01\\backup",
  "C:\\(x86)",
  "\\d+\\.\\d+",
  "a_b_c",
  "x <= y",
  "a -> b",
  "50 % & mehr",
  "(siehe [1])",
  "[Ausnahme]: Wochenenden",
  "<!-- Notiz -->",
  "<!-- offen",
  "5 * 3",
  "E = m * c^2",
  "§ 9",
  "Art. 32 (1) b)",
  "ISO/IEC 27001:2022",
  "1) eins",
  "+49 30 1234",
  "user@example.org",
  "www.example.org",
  "a~~b~~c",
  "Zutritts*kontrolle*",
  "Kosten: 5 $ bis 7 $",
  "<b>fett</b>",
  "[Text](datei.html)",
];

const plainWord = fc.constantFrom(...words).map((w): Piece => ({ source: w, visible: w }));
const glued = fc
  .tuple(fc.constantFrom(...words), fc.constantFrom(...marks), fc.constantFrom(...words))
  .map(([a, m, b]): Piece => ({ source: `${a}${m}${b}`, visible: `${a}${m}${b}` }));
const alone = fc.constantFrom(...marks).map((m): Piece => ({ source: m, visible: m }));
const curated = fc.constantFrom(...literal).map((l): Piece => ({ source: l, visible: l }));
const meant = fc
  .constantFrom(...words)
  .chain((w) =>
    fc.constantFrom<Piece>(
      { source: `**${w}**`, visible: w },
      { source: `*${w}*`, visible: w },
      { source: `_${w}_`, visible: w },
      { source: `~~${w}~~`, visible: w },
      { source: `\`${w}\``, visible: w },
      { source: `[${w}](https://example.org/${encodeURIComponent(w)})`, visible: w },
      { source: "<https://example.org/x>", visible: "https://example.org/x" },
      { source: `\\*${w}\\*`, visible: `*${w}*` },
    ),
  );
const piece = fc.oneof(
  { arbitrary: plainWord, weight: 6 },
  { arbitrary: glued, weight: 3 },
  { arbitrary: alone, weight: 2 },
  { arbitrary: curated, weight: 2 },
  { arbitrary: meant, weight: 2 },
);
const separator = fc.constantFrom(" ", " ", " ", " ", "\n", "\n\n");

/** A text of pieces, lines never starting a block (list, heading, quote, code, rule, table): those are markup too. */
const authorText = fc.array(fc.tuple(piece, separator), { minLength: 1, maxLength: 14 }).map((parts) => {
  const lines: { pieces: Piece[]; end: string }[] = [{ pieces: [], end: "" }];
  for (const [p, sep] of parts) {
    const line = lines[lines.length - 1] as { pieces: Piece[]; end: string };
    line.pieces.push(p);
    if (sep.includes("\n")) {
      line.end = sep;
      lines.push({ pieces: [], end: "" });
    }
  }
  let source = "";
  const visible: string[] = [];
  for (const line of lines) {
    if (line.pieces.length === 0) continue;
    const text = line.pieces.map((p) => p.source).join(" ");
    const pieces = startsBlock(text) ? [{ source: "Text", visible: "Text" }, ...line.pieces] : line.pieces;
    source += pieces.map((p) => p.source).join(" ") + line.end;
    visible.push(...pieces.map((p) => p.visible));
  }
  return { source: source.trimEnd(), visible: normal(visible.join(" ")) };
});

function startsBlock(line: string): boolean {
  return /^\s*([-+*]|\d{1,9}[.)])(\s|$)|^\s*#{1,6}(\s|$)|^\s*>|^\s|^\s*(```|~~~)|^\s*([-*_=])\s*(\4\s*)*$|^[\s|:-]*$|^\s*\|/.test(line);
}

function normal(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

// The text of rendered nodes as a reader sees it: block elements are apart from each other.
const blocks = new Set([
  "p",
  "li",
  "ol",
  "ul",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "table",
  "tr",
  "td",
  "th",
  "section",
  "div",
  "hr",
  "br",
]);
function textOf(nodes: ElementContent[]): string {
  return nodes
    .map((n) => {
      if (n.type === "text") return n.value;
      if (n.type !== "element") return "";
      // What toms adds for print (a link's address after it) is not the author's text.
      if (Array.isArray(n.properties.className) && n.properties.className.includes("link-address")) return "";
      const inner = textOf(n.children);
      return blocks.has(n.tagName) ? ` ${inner} ` : inner;
    })
    .join("");
}

/** A YAML value for the text in one of the styles an author writes. */
function yamlValue(text: string, style: number): string {
  if (style === 0 && !text.includes("\n")) return ` ${text}`;
  if (style === 1) return ` ${JSON.stringify(text)}`;
  if (style === 2 && !text.includes("\n")) return ` '${text.replace(/'/g, "''")}'`;
  return ` |-\n${text
    .split("\n")
    .map((l) => (l === "" ? "" : `      ${l}`))
    .join("\n")}`;
}

describe("text fidelity (property)", () => {
  it("shows exactly the author's text whenever the check is silent", () => {
    let silent = 0;
    fc.assert(
      fc.property(authorText, fc.integer({ min: 0, max: 3 }), fc.array(plainWord, { minLength: 1, maxLength: 3 }), ({ source, visible }, style, titleWords) => {
        const title = titleWords.map((w) => w.source).join(" ");
        const section = `id: fall\ngroup: integritaet\ntitle: Fall\nmeasures:\n  - id: fall-1\n    title: ${title}\n    text:${yamlValue(source, style)}\n`;
        const files = new Map(base);
        files.set(path.join(root, "fall.yaml"), Buffer.from(section));
        const { site, diagnostics } = checkContent(root, memoryFs(files));
        if (diagnostics.list.length > 0) return;
        silent++;
        const measure = site?.groups.flatMap((g) => g.sections).find((s) => s.id === "fall")?.measures[0];
        expect(measure?.title).toBe(title);
        const shown = normal(textOf(renderProse(measure!.prose, 4, { id: "m", t: strings("de") })));
        expect(shown, `source:\n${source}\n\nYAML:\n${section}`).toBe(visible);
      }),
      { numRuns: runs },
    );
    // The property says something only if many texts pass the check.
    expect(silent).toBeGreaterThan(runs / 5);
  });
});
