import fc from "fast-check";
import type { Nodes } from "mdast";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../src/load/parse-markdown.js";
import { lintTree, mayBeUnsafe, mayNeedParse } from "../src/validate/prose-lint.js";
import { protocolOf } from "../src/util/url.js";

// `toms check` parses only the texts the cheap scan flags: the scan must flag every text in which the parser
// finds raw HTML or a link, image or definition with a scheme other than http, https, mailto or tel.
function parserFinds(markdown: string): boolean {
  const stack: Nodes[] = [parseMarkdown(markdown)];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === "html") return true;
    if (
      (node.type === "link" || node.type === "image" || node.type === "definition") &&
      !["http", "https", "mailto", "tel", undefined].includes(protocolOf(node.url))
    )
      return true;
    if ("children" in node) stack.push(...(node.children as Nodes[]));
  }
  return false;
}

const pieces = [
  "[",
  "]",
  "(",
  ")",
  "<",
  ">",
  ":",
  "!",
  "/",
  "?",
  "&",
  "#",
  ";",
  "\\",
  " ",
  "\n",
  "\t",
  "x",
  "a",
  "javascript",
  "JavaScript",
  "data",
  "vbscript",
  "http",
  "mailto",
  "script",
  "&#58;",
  "&colon;",
  "%3A",
  "*",
  "`",
  "-",
  "1.",
  "www.",
  "@",
  '"',
  "'",
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(""));

// Every check of a parsed text (safety, fidelity, links) must be reached: when any of them reports something, the
// scan must have asked for the parse.
function treeChecksFind(markdown: string): boolean {
  let found = false;
  lintTree(markdown, parseMarkdown(markdown), () => {
    found = true;
  });
  return found;
}
const fidelityPieces = [
  ...pieces,
  "~~",
  "_",
  "**",
  "[^1]",
  "[^1]: ",
  "]: ",
  "3. ",
  "\n1. ",
  "# ",
  " #",
  "##",
  "&#x202E;",
  "xn--80a",
  "а",
  "bаnk.de",
  "\\\\",
  "\\.",
  "[a]",
  "](",
  "@x.de",
];
const fidelityText = fc.array(fc.constantFrom(...fidelityPieces), { maxLength: 30 }).map((p) => p.join(""));

describe("the scan before parsing Markdown", () => {
  it("flags every text in which a check of the parsed text reports something (fuzzed)", () => {
    fc.assert(
      fc.property(fidelityText, (markdown) => !treeChecksFind(markdown) || mayNeedParse(markdown)),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
    );
  });

  it("flags every text in which the parser finds HTML or an unsafe link (fuzzed)", () => {
    fc.assert(
      fc.property(text, (markdown) => !parserFinds(markdown) || mayBeUnsafe(markdown)),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
    );
  });

  it.each([
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x][r]\n\n[r]:\n  javascript:alert(1)",
    "![i](data:image/png;base64,AAAA)",
    "<javascript:alert(1)>",
    "[x](jav&#x61;script:alert(1))",
    "a <b>bold</b>",
    "<!-- note -->",
  ])("flags %j", (markdown) => {
    expect(mayBeUnsafe(markdown)).toBe(true);
  });

  it.each([
    "Plain text.",
    "**bold** and [a link](https://example.com/a?b=c)",
    "<https://aws.amazon.com/de/security/>",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "[Abschnitt](#group-x)",
  ])("lets %j pass without parsing", (markdown) => {
    expect(mayBeUnsafe(markdown)).toBe(false);
  });
});
