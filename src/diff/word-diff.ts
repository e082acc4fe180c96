import { printable } from "../util/terminal.js";
import { TextCache } from "../util/text-cache.js";
import { diffSequences, type Run } from "./sequence.js";

/** Splits prose into words and the whitespace between them (both kept, so the text can be put together again). */
export function tokenize(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

// A measure shown in several annexes is compared once per annex: each pair is diffed once.
const diffs = new TextCache<Run<string>[]>();

/** Word-level diff of two pieces of prose (the runs are shared: do not change them). */
export function wordDiff(before: string, after: string): Run<string>[] {
  const key = `${before.length}:${before}${after}`;
  return diffs.get(key) ?? diffs.set(key, diffSequences(tokenize(before), tokenize(after)));
}

/**
 * Renders prose source as Markdown lines for a pull-request comment: the author's Markdown is
 * shown literally (escaped), removed words as ~~struck~~ and added words in **bold**. Markers
 * never span a line break or touch whitespace, so GitHub's emphasis rules always pair them.
 */
export function markdownOfRuns(runs: Run<string>[]): string[] {
  let out = "";
  for (const run of runs) {
    if (run.type === "equal") {
      out += run.items.map(escapeToken).join("");
      continue;
    }
    // Removed spacing alone leaves nothing to show.
    if (run.type === "removed" && run.items.every((t) => /^\s+$/.test(t))) continue;
    const marker = run.type === "removed" ? "~~" : "**";
    // Split at line breaks: each line's changed words get their own pair of markers.
    let words: string[] = [];
    const flush = () => {
      if (words.length > 0) out += `${marker}${words.join("")}${marker}`;
      words = [];
    };
    // Removed whitespace at the edges is gone from the text; a space keeps the markers off the words around.
    if (run.type === "removed" && out !== "" && !/\s$/.test(out)) out += " ";
    run.items.forEach((token, index) => {
      const edge = index === 0 || index === run.items.length - 1;
      if (/^\s+$/.test(token) && (edge || token.includes("\n"))) {
        flush();
        if (!(edge && run.type === "removed")) out += token;
      } else {
        words.push(/^\s+$/.test(token) ? token : escapeToken(token));
      }
    });
    flush();
    // A replacement reads "~~old~~ **new**": keep the two apart.
    if (run.type === "removed" && !/\s$/.test(out)) out += " ";
  }
  return changedParagraphs(proseLines(out));
}

// Long measures have several paragraphs: only those with a change are shown, the others as "…".
function changedParagraphs(lines: string[]): string[] {
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    if (line === "") paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]?.push(line);
  }
  if (paragraphs.length < 2) return lines;
  const out: string[][] = [];
  for (const paragraph of paragraphs) {
    const changed = paragraph.some((line) => line.includes("~~") || line.includes("**"));
    if (changed) out.push(paragraph);
    else if (out[out.length - 1]?.[0] !== "…") out.push(["…"]);
  }
  return out.flatMap((paragraph, i) => (i === 0 ? paragraph : ["", ...paragraph]));
}

/** The prose source shown literally, as Markdown lines. */
export function markdownOfProse(text: string): string[] {
  return proseLines(tokenize(text).map(escapeToken).join(""));
}

// Keeps the author's line structure: lines of one paragraph end in a hard break, indentation cannot start a code block.
function proseLines(text: string): string[] {
  const lines = text
    .trim()
    .split("\n")
    .map((line) => line.trimEnd().replace(/^ +/, (spaces) => "&nbsp;".repeat(spaces.length)));
  return lines.map((line, i) => (line !== "" && (lines[i + 1] ?? "") !== "" ? `${line}\\` : line));
}

/** Escapes one word so GitHub shows it as written: Markdown syntax characters get a backslash, web addresses become code. */
export function escapeToken(word: string): string {
  let token = word;
  if (/^\s+$/.test(token)) return token;
  // A reviewer must see an invisible or bidirectional character, not be misled by it.
  token = printable(token);
  if (token.includes("://") && !token.includes("`")) return `\`${token}\``;
  const escaped = token.replace(/[\\`*_~[\]<>|&!]/g, "\\$&");
  // Words that start a block (list, heading, rule) at the beginning of a line; escaped everywhere, which is harmless.
  return escaped.replace(/^([#+=-])(?=[#+=-]*$)/, "\\$1").replace(/^(\d+)([.)])$/, "$1\\$2");
}
