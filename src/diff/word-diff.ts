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

/**
 * The runs of a word diff with replacements read as wholes: a space that two changes share ("~~vom~~ **von**
 * ~~Empfang~~ **der Sicherheit**") goes into both, so the reader sees the old phrase struck and the new one
 * marked ("~~vom Empfang~~ **von der Sicherheit**").
 */
export function phraseRuns(runs: Run<string>[]): Run<string>[] {
  const out: Run<string>[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length > 0) out.push({ type: "removed", items: removed });
    if (added.length > 0) out.push({ type: "added", items: added });
    removed = [];
    added = [];
  };
  runs.forEach((run, i) => {
    if (run.type === "removed") removed.push(...run.items);
    else if (run.type === "added") added.push(...run.items);
    else if (run.items.every((t) => /^[ \t]+$/.test(t)) && (removed.length > 0 || added.length > 0) && runs[i + 1] && runs[i + 1]?.type !== "equal") {
      removed.push(...run.items);
      added.push(...run.items);
    } else {
      flush();
      out.push(run);
    }
  });
  flush();
  return out;
}

/** A token of a word diff with what happened to it. */
interface Marked {
  type: Run<string>["type"];
  token: string;
}

// Abbreviations and ordinals whose dot ends no sentence ("z. B.", "Art. 32", "am 1. Januar", "e.g.").
const abbreviation = /^(?:[\p{L}]\.)+$|^\d+\.$|^(?:bzw|ggf|vgl|inkl|ca|Nr|Abs|Art|evtl|usw|etc|resp|approx|Dr|Hr|Fr|S|St|z\.B|u\.a|d\.h|e\.g|i\.e)\.$/iu;
// A line of Markdown that starts a block of its own: a list item, a table row, a heading, a quote.
const blockStart = /^(?:[-*+]|\d{1,9}[.)]|\||#{1,6}|>)/;

/**
 * A changed text as Markdown lines for the pull-request comment: of a changed paragraph only the sentences (and
 * list items, table rows) that changed, each whole, since the words around a change are what a reader needs to
 * judge it; a long sentence is cut to `context` words either side of its changes. What is left out is "…", an
 * unchanged paragraph one "…". Removed words ~~struck~~, added ones in **bold**, as markdownOfRuns.
 */
export function excerptOfRuns(runs: Run<string>[], context = 15): string[] {
  const items: Marked[] = phraseRuns(runs).flatMap((run) => run.items.map((token) => ({ type: run.type, token })));
  // Units: sentences and Markdown lines; `line` when the unit starts a line of its own, `paragraph` a paragraph.
  const units: { items: Marked[]; start: "paragraph" | "line" | "sentence" }[] = [{ items: [], start: "paragraph" }];
  let lastWord = "";
  items.forEach((item, i) => {
    const space = /^\s+$/.test(item.token);
    if (!space) {
      units[units.length - 1]?.items.push(item);
      lastWord = item.token;
      return;
    }
    const next = items.slice(i + 1).find((n) => !/^\s+$/.test(n.token))?.token ?? "";
    const current = units[units.length - 1] as (typeof units)[number];
    let start: "paragraph" | "line" | "sentence" | undefined;
    if (item.type === "equal" && /\n[ \t]*\n/.test(item.token)) start = "paragraph";
    else if (item.token.includes("\n") && blockStart.test(next)) start = "line";
    else if (endsSentence(lastWord) && /^["'„“‚‘«»(]?[\p{Lu}\d]/u.test(next)) start = "sentence";
    if (start && current.items.length > 0 && next !== "") units.push({ items: [], start });
    else current.items.push({ ...item, token: item.token.includes("\n") ? " " : item.token });
  });
  const changed = (unit: Marked[]) => unit.some((m) => m.type !== "equal" && !/^\s+$/.test(m.token));
  if (!units.some((u) => changed(u.items))) return markdownOfRuns(runs);
  const paragraphs: string[][] = [];
  for (const unit of units) {
    if (unit.start === "paragraph") paragraphs.push([]);
    const lines = paragraphs[paragraphs.length - 1] as string[];
    const shown = changed(unit.items) ? excerpt(unit.items, context) : "…";
    const last = lines[lines.length - 1];
    if (unit.start === "sentence" && last !== undefined) {
      if (!(shown === "…" && last.endsWith("…"))) lines[lines.length - 1] = `${last} ${shown}`;
    } else if (!(shown === "…" && last === "…")) lines.push(shown);
  }
  const out: string[][] = [];
  for (const lines of paragraphs) {
    if (lines.every((l) => l === "…")) {
      if (out[out.length - 1]?.[0] !== "…") out.push(["…"]);
    } else out.push(lines.map((line, i) => (i < lines.length - 1 ? `${line}\\` : line)));
  }
  return out.flatMap((lines, i) => (i === 0 ? lines : ["", ...lines]));
}

function endsSentence(word: string): boolean {
  const bare = word.replace(/["'“”‘’»«)\]*]+$/, "");
  return /[.!?]$/.test(bare) && !abbreviation.test(bare);
}

// One changed sentence, cut to `context` words before its first change and after its last one.
function excerpt(unit: Marked[], context: number): string {
  const isWord = (m: Marked) => !/^\s+$/.test(m.token);
  const changedAt = unit.flatMap((m, i) => (m.type !== "equal" && isWord(m) ? [i] : []));
  let from = changedAt[0] ?? 0;
  for (let words = 0; from > 0 && words < context; ) if (isWord(unit[--from] as Marked)) words++;
  let to = changedAt[changedAt.length - 1] ?? unit.length - 1;
  for (let words = 0; to < unit.length - 1 && words < context; ) if (isWord(unit[++to] as Marked)) words++;
  const runs: Run<string>[] = [];
  for (const m of unit.slice(from, to + 1)) {
    const last = runs[runs.length - 1];
    if (last?.type === m.type) last.items.push(m.token);
    else runs.push({ type: m.type, items: [m.token] });
  }
  const text = markdownOfRuns(runs).join(" ");
  return `${from > 0 ? "… " : ""}${text}${to < unit.length - 1 ? " …" : ""}`;
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
  const escaped = token.replace(/[\\`*_~[\]<>|&!$]/g, "\\$&");
  // Words that start a block (list, heading, rule) at the beginning of a line; escaped everywhere, which is harmless.
  const blocks = escaped.replace(/^([#+=-])(?=[#+=-]*$)/, "\\$1").replace(/^(\d+)([.)])$/, "$1\\$2");
  // GitHub makes more of a comment than Markdown says: $…$ mathematics (the backslash above keeps a dollar a
  // dollar), @name a mention that notifies that person, #123 and GH-123 links to issues, :name: an emoji. A
  // zero-width space (as an entity, which no escape turns back into text) after the mark breaks the last three.
  // Issue numbers first: the entity has a "#" of its own.
  return blocks
    .replace(/(#|\bGH-)(?=\d)/gi, "$1&#8203;")
    .replace(/@(?=[\p{L}\d_-])/gu, "@&#8203;")
    .replace(/:(?=[\p{L}\d_+-]+:)/gu, ":&#8203;");
}
