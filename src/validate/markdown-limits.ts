import { say, type Said } from "../diagnostics/say.js";

/** What makes a Markdown text too costly to parse, and where (a character offset), or undefined. */
export interface LimitProblem {
  offset: number;
  said: Said<"markdown-too-complex">;
}

/** Longest Markdown text (characters) of one measure, intro or prose file: an annex's are a few thousand. */
export const maxMarkdownChars = 32 * 1024;
/** Most lines of one Markdown text. */
export const maxMarkdownLines = 1000;
/** Deepest nesting of quotes and lists on one line. */
export const maxNesting = 16;
/** Most emphasis marks, closing brackets and backticks a text may hold. */
export const maxDelimiters = 4000;
/** Longest run of one emphasis mark (** is bold; nobody needs 33). */
export const maxDelimiterRun = 32;

// The Markdown parser (micromark) is slow on some shapes of text, far beyond their size: it rewrites
// its whole event list for each heading, so 8 KB of "x\n=\n" takes 2.4 s and 64 KB over a minute; each
// level of nested quotes or lists, each pending emphasis mark and unmatched bracket makes every later
// character costlier (8 KB of * take a second, 100 000 nested > a minute and a stack overflow). Honest
// text is nowhere near these limits; text beyond them is refused before parsing, which keeps any one
// text under about a second.
/** Checks a Markdown text against the limits above before it is parsed. */
export function markdownLimitProblem(markdown: string): LimitProblem | undefined {
  const tooComplex = say["markdown-too-complex"];
  if (markdown.length > maxMarkdownChars) {
    return { offset: 0, said: tooComplex.tooLong({ kb: Math.ceil(markdown.length / 1024), limitKb: maxMarkdownChars / 1024 }) };
  }
  let lines = 1;
  for (let at = markdown.indexOf("\n"); at !== -1; at = markdown.indexOf("\n", at + 1)) {
    if (at + 1 < markdown.length && ++lines > maxMarkdownLines) {
      return { offset: at + 1, said: tooComplex.tooManyLines({ limit: maxMarkdownLines }) };
    }
  }
  // Only lines that open with indentation, a quote or a list marker can nest.
  const opener = /^(?:[ \t]*[>*+\-0-9]|[ \t]{2})/gm;
  for (let match = opener.exec(markdown); match; match = opener.exec(markdown)) {
    const end = markdown.indexOf("\n", match.index);
    const depth = nesting(markdown.slice(match.index, end === -1 ? markdown.length : end));
    if (depth > maxNesting) {
      return { offset: match.index, said: tooComplex.nestedTooDeep({ depth, limit: maxNesting }) };
    }
  }
  const run = new RegExp(`([*_\`~])\\1{${maxDelimiterRun},}`).exec(markdown);
  if (run) return { offset: run.index, said: tooComplex.markRepeated({ mark: run[1] as string, limit: maxDelimiterRun }) };
  const counts = { emphasis: 0, bracket: 0, backtick: 0 };
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown.charCodeAt(i);
    const kind = c === 42 || c === 95 ? "emphasis" : c === 93 ? "bracket" : c === 96 ? "backtick" : undefined;
    if (kind === undefined || ++counts[kind] <= maxDelimiters) continue;
    return { offset: i, said: tooComplex.tooManyMarks({ kind, limit: maxDelimiters }) };
  }
  return undefined;
}

// Counts the quote markers (>) and list markers (-, +, *, 1.) that open a line, and its indentation
// in steps of two spaces (how nested lists are written).
function nesting(line: string): number {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
  let depth = Math.floor(indent.replace(/\t/g, "    ").length / 2);
  let rest = line.slice(indent.length);
  for (;;) {
    const marker = /^(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/.exec(rest);
    if (!marker) return depth;
    depth += 1;
    rest = rest.slice(marker[0].length);
  }
}
