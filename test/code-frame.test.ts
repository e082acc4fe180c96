import { describe, expect, it } from "vitest";
import { codeFrame, SourceText, type Span } from "../src/diagnostics/code-frame.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { formatText } from "../src/diagnostics/text.js";
import { paint } from "../src/util/terminal.js";

const frame = (text: string, span: Span, width?: number) => codeFrame(new SourceText(text), span, width === undefined ? {} : { width })?.join("\n");
// What the carets of a frame stand under, for lines of characters one column wide.
const underCaret = (lines: string) => {
  const [shown, carets] = lines.split("\n").slice(-2) as [string, string];
  return shown.slice(carets.indexOf("^"), carets.lastIndexOf("^") + 1);
};

describe("codeFrame", () => {
  const yaml = "id: zutritt\nmeasures:\n  - id: zutritt-rz\n    locations: [berlinn, paris]\n";

  it("shows the line above, the line, and carets under the span", () => {
    expect(frame(yaml, { line: 4, column: 17, endLine: 4, endColumn: 24 })).toBe(
      ["  3 |   - id: zutritt-rz", "> 4 |     locations: [berlinn, paris]", "    |                 ^^^^^^^"].join("\n"),
    );
  });

  it("puts one caret at a place without a span, and after the last character at the end of a line", () => {
    expect(frame(yaml, { line: 1, column: 5 })).toBe(["> 1 | id: zutritt", "    |     ^"].join("\n"));
    expect(frame(yaml, { line: 1, column: 12 })).toBe(["> 1 | id: zutritt", "    |            ^"].join("\n"));
  });

  it("underlines a span over several lines to the end of its first line", () => {
    const text = "text: |\n  Zeile eins\n  Zeile zwei\n";
    expect(frame(text, { line: 1, column: 7, endLine: 4, endColumn: 1 })).toBe(["> 1 | text: |", "    |       ^"].join("\n"));
    expect(frame("a: [x,\n  y]\n", { line: 1, column: 4, endLine: 2, endColumn: 5 })).toBe(["> 1 | a: [x,", "    |    ^^^"].join("\n"));
  });

  it("numbers lines in a gutter as wide as the largest number", () => {
    const text = `${"x\n".repeat(9)}zehn: 10\n`;
    expect(frame(text, { line: 10, column: 7, endLine: 10, endColumn: 9 })).toBe(["   9 | x", "> 10 | zehn: 10", "     |       ^^"].join("\n"));
  });

  it("has nothing to show for a line the text does not have", () => {
    expect(frame("eine Zeile", { line: 3, column: 1 })).toBeUndefined();
  });

  it("shows a window around the span of a long line, marked with …", () => {
    const line = `text: ${"lorem ipsum ".repeat(400)}FEHLER ${"dolor sit ".repeat(300)}`;
    const column = line.indexOf("FEHLER") + 1;
    const lines = frame(`${line}\n`, { line: 1, column, endLine: 1, endColumn: column + 6 }, 80) as string;
    const [shown, carets] = lines.split("\n") as [string, string];
    expect(shown.startsWith("> 1 | …")).toBe(true);
    expect(shown.endsWith("…")).toBe(true);
    expect([...shown].length).toBeLessThanOrEqual(80);
    expect(carets).toMatch(/^ {4}\| +\^{6}$/);
    expect(underCaret(lines)).toBe("FEHLER");
  });

  it("windows the line above the same way, however long the problem's line is", () => {
    const text = `${"a".repeat(500)}\nkurz: x\n`;
    expect(frame(text, { line: 2, column: 7 }, 40)).toBe([`  1 | ${"a".repeat(32)}…`, "> 2 | kurz: x", "    |       ^"].join("\n"));
  });

  it("aligns the caret after wide characters (CJK, emoji) by their width on screen", () => {
    const text = 'title: "上海 🔒 Zutritt"\n';
    const column = text.indexOf("Zutritt") + 1;
    expect(frame(text, { line: 1, column, endLine: 1, endColumn: column + 7 })).toBe(
      ['> 1 | title: "上海 🔒 Zutritt"', `    | ${" ".repeat(16)}^^^^^^^`].join("\n"),
    );
    // Under a wide character the caret is as wide as it.
    expect(frame(text, { line: 1, column: 9 })).toBe(['> 1 | title: "上海 🔒 Zutritt"', "    |         ^^"].join("\n"));
  });

  it("escapes control and bidirectional characters, and the caret follows the escapes", () => {
    const text = 'text: "\u001b[31mrot\u202E gedreht"\n';
    const column = text.indexOf("gedreht") + 1;
    const lines = frame(text, { line: 1, column, endLine: 1, endColumn: column + 7 }) as string;
    expect(lines).toBe(['> 1 | text: "\\u{1B}[31mrot\\u{202E} gedreht"', `    | ${" ".repeat(29)}^^^^^^^`].join("\n"));
    expect(lines).not.toMatch(/[\u001b\u202e]/);
    // An escaped character at the place is underlined whole.
    expect(frame(text, { line: 1, column: text.indexOf("\u202E") + 1 })?.split("\n")[1]).toBe(`    | ${" ".repeat(20)}^^^^^^^^`);
  });

  it("shows a tab as spaces to the next stop of four, and a CR of a CRLF line not at all", () => {
    expect(frame("a\tb: x\r\nc\r\n", { line: 1, column: 6 })).toBe(["> 1 | a   b: x", "    |        ^"].join("\n"));
  });

  it("colours the gutter dim and the caret and > in the given style", () => {
    const style = paint(true);
    const lines = codeFrame(new SourceText("a: b\n"), { line: 1, column: 4 }, { paint: style, mark: style.red }) as string[];
    expect(lines).toEqual(["\u001b[31m>\u001b[39m \u001b[2m1 |\u001b[22m a: b", "  \u001b[2m  |\u001b[22m    \u001b[31m^\u001b[39m"]);
  });
});

describe("formatText", () => {
  const problem = (over: Partial<Diagnostic>): Diagnostic => ({
    file: "/p/measures/zutritt.yaml",
    line: 2,
    column: 17,
    endLine: 2,
    endColumn: 24,
    severity: "error",
    rule: "location-ref",
    message: 'Unknown location "berlinn" (did you mean "berlin"?).',
    ...over,
  });
  const sources = (file: string) => (file === "/p/measures/zutritt.yaml" ? "  - id: a\n    locations: [berlinn]\n" : undefined);

  it("without sources: one line per problem and the summary (the check fixtures' form)", () => {
    expect(formatText([problem({})], { cwd: "/p" })).toBe(
      'measures/zutritt.yaml:2:17 error Unknown location "berlinn" (did you mean "berlin"?). [location-ref]\n✖ 1 error, 0 warnings\n',
    );
  });

  it("with sources: the line, the frame, the hint; a blank line between problems and before the summary", () => {
    const other = problem({ file: "/p/measures/gone.yaml", line: 1, column: 1, severity: "warning", rule: "unused-location", message: "M." });
    expect(formatText([problem({}), other], { cwd: "/p", sources })).toBe(
      [
        'measures/zutritt.yaml:2:17 error Unknown location "berlinn" (did you mean "berlin"?). [location-ref]',
        "  1 |   - id: a",
        "> 2 |     locations: [berlinn]",
        "    |                 ^^^^^^^",
        "  hint: Use the id of a location listed in site.yaml.",
        "",
        "measures/gone.yaml:1:1 warning M. [unused-location]",
        "  hint: Remove the location or assign measures to it.",
        "",
        "✖ 1 error, 1 warning",
        "",
      ].join("\n"),
    );
  });

  it("in colour: the same text with styles, nothing else", () => {
    const coloured = formatText([problem({})], { cwd: "/p", sources, color: true });
    expect(coloured).toContain("\u001b[1m\u001b[31merror\u001b[39m\u001b[22m");
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(formatText([problem({})], { cwd: "/p", sources }));
  });

  it("escapes file names and messages", () => {
    const out = formatText([problem({ file: "/p/\u001b]0;x\u0007.yaml", message: "a\u202Eb" })], { cwd: "/p", sources });
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(out.split("\n")[0]).toBe("\\u{1B}]0;x\\u{7}.yaml:2:17 error a\\u{202E}b [location-ref]");
  });

  it("says when there is nothing", () => {
    expect(formatText([], { sources })).toBe("✓ no problems found\n");
  });
});
