import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { rules } from "../src/diagnostics/rules.js";
import { checkContent } from "../src/validate/check.js";
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
const jargon = /undefined|NaN|\[object|instancePath|must have required property|must NOT|must match|#\/|\bajv\b|YAMLParseError|Error:|tag:yaml|[Ss]calar|[Cc]ollection|[Tt]oken|[Ii]mplicit|map value|[Ff]low (sequence|map)/;

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
    expect(jargon.test(d.message.replace(/"[^"]*"/g, '""')), where).toBe(false);
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

describe("fuzzing toms check with mutations of the shipped content", () => {
  it("starts from content without problems", () => {
    expect(checkContent(root, memoryFs(shipped)).diagnostics.list).toEqual([]);
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
