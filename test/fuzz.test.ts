import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Document, parse, Scalar } from "yaml";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { rules } from "../src/diagnostics/rules.js";
import { check as checkContent } from "../src/commands/check.js";
import { type MemoryFiles, memoryFs, readIntoMemory } from "./helpers/memory-fs.js";
import { applyMutations, mutation } from "./helpers/mutations.js";

// Property: whatever an author (or an attacker) does to the shipped content, `toms check` answers with
// diagnostics — it never throws, and every diagnostic names a file of the content, a line and column
// inside that file, a known rule, and a message free of programmer jargon. The content is held in
// memory (a ContentFs), so thousands of cases run in about a minute; FUZZ_RUNS changes how many.
const root = path.resolve("/fuzz/measures");
const shipped = readIntoMemory(path.join(import.meta.dirname, "../measures"), root);
const runs = Number(process.env.FUZZ_RUNS ?? 2500);
const known = new Set(Object.keys(rules));
// Words that mean a message leaks the implementation (checked outside the quoted content).
const jargon =
  /undefined|NaN|\[object|instancePath|must have required property|must NOT|must match|#\/|\bajv\b|YAMLParseError|Error:|tag:yaml|[Ss]calar|[Cc]ollection|[Tt]oken|[Ii]mplicit|map value|[Ff]low (sequence|map)/;

/** Lines of a file as an editor counts them (LF, CRLF or CR), without a byte-order mark. */
function linesOf(bytes: Buffer): string[] {
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  return text.split(/\r\n|\r|\n/);
}

function assertWellFormed(files: MemoryFiles): void {
  const { diagnostics, site } = checkContent(root, memoryFs(files));
  const list = diagnostics.sorted();
  for (const d of list) {
    const where = `${d.file}:${d.line}:${d.column} ${d.message} [${d.rule}]`;
    expect(d.file === root || d.file.startsWith(root + path.sep), where).toBe(true);
    expect(Number.isInteger(d.line) && d.line >= 1, where).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, where).toBe(true);
    expect(known.has(d.rule), where).toBe(true);
    expect(["error", "warning"]).toContain(d.severity);
    expect(d.message.length, where).toBeGreaterThan(10);
    // Quoted parts are the author's own words; with a stray quote among them they cannot be told apart.
    if ((d.message.match(/"/g)?.length ?? 0) % 2 === 0) expect(jargon.test(d.message.replace(/"[^"]*"/g, '""')), where).toBe(false);
    const bytes = files.get(d.file);
    if (bytes !== undefined) {
      const lines = linesOf(bytes);
      expect(d.line, where).toBeLessThanOrEqual(lines.length);
      expect(d.column, where).toBeLessThanOrEqual((lines[d.line - 1]?.length ?? 0) + 1);
    }
  }
  const keys = list.map((d) => `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`);
  expect(new Set(keys).size, "the same diagnostic twice").toBe(keys.length);
  expect(site === undefined).toBe(diagnostics.hasErrors);
  JSON.parse(formatDiagnostics(list, "json", root));
  formatDiagnostics(list, "github", root);
  formatDiagnostics(list, "text", root);
}

describe("fuzzing toms check with mutations of the shipped example (meetyoo)", () => {
  it("starts from content without problems", () => {
    expect(checkContent(root, memoryFs(shipped)).diagnostics.list).toEqual([]);
  });

  // Found by a run (seed 449013636): a file made into the bytes of `!!binary`, then a key dropped from it.
  it("answers a file YAML reads as bytes, with a key dropped from it", () => {
    const mutations = [
      { kind: "insert", file: 477, at: 0, text: "!!binary " },
      { kind: "drop-key", file: 717, path: [0] },
    ] as Parameters<typeof applyMutations>[2];
    assertWellFormed(applyMutations(shipped, root, mutations));
  });

  it(`answers ${runs} mutated contents with well-formed diagnostics`, { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        assertWellFormed(applyMutations(shipped, root, mutations));
      }),
      { numRuns: runs },
    );
  });
});

function readBack(source: string): unknown {
  try {
    return (parse(source) as { measures: { text: unknown }[] }).measures[0]?.text;
  } catch {
    return undefined;
  }
}

// Property: a Markdown problem inside a YAML value is reported exactly where it is in the file,
// whatever style the value is written in (| > plain "…" '…'), however YAML folds its lines and
// whatever escapes it needs. The marker <b> is HTML, so the checker must point at its "<".
describe("positions of Markdown problems inside YAML values", () => {
  const base = readIntoMemory(path.join(import.meta.dirname, "fixtures/check/_base/content"), root);
  // Words with quotes, backslashes and tabs (escapes in "…"), never starting with a tab (that would be Markdown code).
  const word = fc.stringMatching(/^[A-Za-zäöüÄÖÜß0-9,.;:!?'"()\\]{1,8}(\t[A-Za-z'"\\]{1,4})?$/);
  const styles = ["BLOCK_LITERAL", "BLOCK_FOLDED", "PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"] as const;

  it("point at the offending character in every scalar style", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.constantFrom(...styles),
        fc.integer({ min: 20, max: 80 }),
        (paragraphs, at, style, lineWidth) => {
          const words = paragraphs.flat();
          const marked = at % (words.length + 1);
          let count = 0;
          // Paragraphs joined by blank lines; the marker goes before the chosen word, after a space.
          const text = paragraphs
            .map((p) => p.map((w) => (count++ === marked ? `<b>x</b> ${w}` : w)).join(" "))
            .join("\n\n")
            .concat(marked === words.length ? " <b>x</b>" : "");
          const doc = new Document({ id: "weitergabekontrolle", group: "integritaet", title: "Weitergabe", measures: [{ id: "verschluesselung", text }] });
          (doc.getIn(["measures", 0, "text"], true) as Scalar).type = Scalar[style];
          const source = doc.toString({ lineWidth, minContentWidth: 10 });
          // A forced style the text does not allow (plain "? x" or "x :") gives other YAML: not this property's concern.
          fc.pre(readBack(source) === text);
          const files = new Map(base);
          files.set(
            path.join(root, "weitergabe.yaml"),
            Buffer.from(source.replace("  - id: verschluesselung", "  - id: zutritt-rz-weitergabe\n    ref: zutritt-rz\n  - id: verschluesselung")),
          );
          const { diagnostics } = checkContent(root, memoryFs(files));
          // Words with backslashes may draw warnings of their own (markdown-escape): this is about the marker.
          const list = diagnostics.sorted().filter((d) => d.severity === "error");
          expect(
            list.map((d) => d.rule),
            source,
          ).toEqual(["markdown-html"]);
          const [d] = list as [(typeof list)[number]];
          const lines = linesOf(files.get(d.file) as Buffer);
          // From the reported character on; a "…" value may break anywhere, even inside the marker, with a `\` at
          // the end of the line (nothing is inserted there): such breaks are taken out before comparing.
          const rest = [(lines[d.line - 1] ?? "").slice(d.column - 1), ...lines.slice(d.line)].join("\n").replace(/\\\n[ \t]*/g, "");
          expect(rest.startsWith("<b>x</b>"), `${d.line}:${d.column} in\n${source}`).toBe(true);
        },
      ),
      { numRuns: Math.max(200, Math.floor(runs / 5)) },
    );
  });
});
