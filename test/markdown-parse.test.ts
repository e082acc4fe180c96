import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../src/load/parse-markdown.js";
import { markdownLimitProblem } from "../src/validate/markdown-limits.js";

// toms parses each text with only the GFM constructs it can contain (a speed-up). The reference is the plain
// pipeline with all of GFM: the trees, positions included, must be equal for every text.
const reference = unified().use(remarkParse).use(remarkGfm, { singleTilde: false });
const parseFully = (markdown: string) => reference.runSync(reference.parse(markdown));

// Under vitest the micromark packages run their development builds, whose assertions reject a few odd inputs
// (a task list check on a lazy line): then both parsers must fail alike.
function outcome(parse: (markdown: string) => unknown, markdown: string): unknown {
  try {
    return parse(markdown);
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

// Pieces that start or nearly start every GFM construct (and the CommonMark ones they interact with).
const pieces = [
  "@",
  "a@b.de",
  "user@example.com",
  "mailto:",
  "xmpp:",
  "http://",
  "https://",
  "HTTP://x.y",
  "http",
  "www.",
  "WWW.",
  "www",
  ".de",
  "/path",
  "|",
  " | ",
  "---",
  ":-:",
  "~",
  "~~",
  "[^1]",
  "[^1]: ",
  "[^",
  "[ ]",
  "[x]",
  "[X]",
  "[\t]",
  "[",
  "]",
  "(",
  ")",
  "<",
  ">",
  "!",
  "*",
  "**",
  "_",
  "`",
  "-",
  "- ",
  "1. ",
  "> ",
  "#",
  "\\",
  "&amp;",
  " ",
  "  ",
  "\n",
  "\n\n",
  "\t",
  "a",
  "Zugang",
  "9",
  ".",
  ",",
  ":",
  // Character references hide triggers from a scan of the raw text; line breaks split check boxes.
  "&#64;",
  "&commat;",
  "&#119;",
  "&#116;",
  "&#x40;",
  "&",
  "\r",
  "\r\n",
  "[\n",
  "\n> ",
  "\n  ",
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(""));

function markdownOf(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(md|ya?ml)$/.test(entry.name)) found.push(fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
  }
  return found;
}

describe("parsing Markdown with only the GFM constructs a text can contain", () => {
  it("gives the tree of remark-parse with remark-gfm (fuzzed)", () => {
    fc.assert(
      fc.property(text, (markdown) => {
        expect(outcome(parseMarkdown, markdown)).toStrictEqual(outcome(parseFully, markdown));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
    );
  });

  // Whole files, YAML included: their block scalars are Markdown, and the YAML around them is a rich mix too.
  // Only texts within toms's Markdown limits: the checker rejects the others unparsed (some overflow the stack
  // of the reference pipeline).
  it("gives the same trees for every file of the shipped content and the fixtures", () => {
    const files = [...markdownOf("measures"), ...markdownOf("test/fixtures")].filter((markdown) => !markdownLimitProblem(markdown));
    expect(files.length).toBeGreaterThan(150);
    for (const markdown of files) expect(parseMarkdown(markdown)).toStrictEqual(parseFully(markdown));
  });

  it.each([
    ["an e-mail address", "Write to dsb@example.com.", "link"],
    ["a web address", "See https://example.com/x.", "link"],
    ["a www address", "See www.example.com.", "link"],
    ["a table", "| a | b |\n| - | - |\n| 1 | 2 |", "table"],
    ["a strikethrough", "~~old~~ new", "delete"],
    ["a footnote", "Text[^1].\n\n[^1]: Note.", "footnoteReference"],
  ])("still finds %s", (_, markdown, type) => {
    expect(JSON.stringify(parseMarkdown(markdown))).toContain(`"type":"${type}"`);
  });

  it.each([
    ["an e-mail address written with a character reference", "dsb&#64;example.com", "mailto:dsb@example.com"],
    ["a www address written with a character reference", "&#119;ww.example.com", "http://www.example.com"],
  ])("still links %s", (_, markdown, url) => {
    expect(JSON.stringify(parseMarkdown(markdown))).toContain(`"url":"${url}"`);
  });

  it.each(["- [\n  ] open", "> - [\n> ] open", "- [\r] open"])("still finds a check box split by a line break: %j", (markdown) => {
    expect(parseMarkdown(markdown)).toStrictEqual(parseFully(markdown));
    expect(JSON.stringify(parseMarkdown(markdown))).toContain('"checked":false');
  });

  // A single tilde strikes nothing, but the strikethrough extension makes it an attention marker, which decides how
  // asterisks beside it flank (found by the fuzz test, seed -505861534).
  it.each(["**~**www.", "a**~**b", "*~*x", "40~60 %"])("parses a single tilde beside emphasis as GFM does: %j", (markdown) => {
    expect(parseMarkdown(markdown)).toStrictEqual(parseFully(markdown));
  });

  it("still finds a task list item", () => {
    expect(JSON.stringify(parseMarkdown("- [x] done\n- [ ] open"))).toContain('"checked":true');
  });
});
