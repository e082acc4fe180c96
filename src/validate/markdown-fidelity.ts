import type { Nodes, Parents, Root } from "mdast";
import { parseMarkdown } from "../load/markdown.js";
import type { Emphasis } from "../diagnostics/rules.js";
import { say, type Said } from "../diagnostics/say.js";
import { hiddenCharacters } from "../util/characters.js";
import { walkMdast } from "../util/mdast-walk.js";

/** Reports a problem at a character offset of the Markdown text. */
export type ReportAt = (said: Said, offset: number) => void;

/**
 * Finds the Markdown that would show the reader something other than what the author typed, without the author
 * having asked for it: emphasis that eats asterisks inside words and numbers, backslashes Markdown drops, lines
 * read as link or footnote definitions and then not shown, list numbers the annex renumbers, heading marks it
 * hides. What an author clearly meant as markup (`**bold**`, `\*` where the star would otherwise be markup, a
 * used definition) passes. The rest of the text is shown as written: single tildes are not strikethrough, raw
 * HTML and comments are errors of their own (see prose-lint).
 */
export function checkFidelity(markdown: string, tree: Root, report: ReportAt): void {
  const definitions = new Map<string, Defined>();
  const footnotes = new Map<string, Defined>();
  const references: { kind: "link" | "footnote"; label: string }[] = [];
  walkMdast(tree, (node, parent) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    switch (node.type) {
      case "emphasis":
      case "strong":
      case "delete":
        checkDelimiters(markdown, node, parent, start, end, report);
        break;
      case "definition":
        collect(definitions, node.identifier, node.label ?? node.identifier, start, () =>
          report(say["markdown-definition"].twice({ label: node.label ?? node.identifier }), start),
        );
        break;
      case "footnoteDefinition":
        collect(footnotes, node.identifier, node.label ?? node.identifier, start, () =>
          report(say["markdown-footnote"].twice({ label: node.label ?? node.identifier }), start),
        );
        break;
      case "linkReference":
      case "imageReference":
        references.push({ kind: "link", label: node.identifier });
        break;
      case "footnoteReference":
        references.push({ kind: "footnote", label: node.identifier });
        break;
      case "list":
        if (node.ordered) checkNumbers(markdown, node, report);
        break;
      case "heading":
        checkClosingMarks(markdown, node, start, end, report);
        break;
      case "text":
        // A character reference (&#x202E;) can put in what the source does not show.
        if (markdown.slice(start, end).includes("&")) {
          for (const { char } of hiddenCharacters(node.value)) report(say["invisible-character"].reference({ char }), start);
        }
        // A reference to no footnote stays text, "[^2]" (escaped as \[^2] it is meant as text).
        for (const match of markdown.slice(start, end).matchAll(/(?<!\\)\[\^([^\]\s]+)\]/g)) {
          report(say["markdown-footnote"].missing({ label: match[1] as string }), start + (match.index ?? 0));
        }
        break;
      case "break":
        if (markdown[start] === "\\") report(say["markdown-escape"].lineEnd(), start);
        break;
      default:
    }
  });
  for (const { kind, label } of references) {
    const found = (kind === "link" ? definitions : footnotes).get(label);
    if (found) found.used = true;
  }
  for (const { label, offset, used } of definitions.values()) {
    if (!used) report(say["markdown-definition"].unused({ label }), offset);
  }
  for (const { label, offset, used } of footnotes.values()) {
    if (!used) report(say["markdown-footnote"].unused({ label }), offset);
  }
  checkEscapes(markdown, tree, report);
}

interface Defined {
  label: string;
  offset: number;
  used: boolean;
}

function collect(found: Map<string, Defined>, id: string, label: string, offset: number, twice: () => void): void {
  if (found.has(id)) twice();
  else found.set(id, { label, offset, used: false });
}

const letterOrDigit = /[\p{L}\p{N}]/u;

// Emphasis is taken as meant when its marks stand at word boundaries: `*Hinweis*`, `**wichtig**`, `~~alt~~`.
// Marks between letters or digits (`2*3*4`, `Zutritts*kontrolle*`) or next to more of the same mark
// (`***x**`) read as emphasis to Markdown, which then hides the marks: warned, the author decides.
function checkDelimiters(
  markdown: string,
  node: Extract<Nodes, { type: Emphasis }>,
  parent: Parents | undefined,
  start: number,
  end: number,
  report: ReportAt,
): void {
  const mark = markdown[start] as string;
  const kind = node.type;
  const before = markdown[start - 1];
  const after = markdown[end];
  const sharedWithParent = (side: "open" | "close") => {
    if (!parent || !(parent.type === "emphasis" || parent.type === "strong" || parent.type === "delete")) return false;
    const p = parent.position;
    const parentWidth = parent.type === "emphasis" ? 1 : 2;
    if (!p || markdown[p.start.offset ?? -1] !== mark) return false;
    return side === "open" ? (p.start.offset ?? -1) + parentWidth === start : (p.end.offset ?? -1) - parentWidth === end;
  };
  if ((before !== undefined && letterOrDigit.test(before)) || (after !== undefined && letterOrDigit.test(after))) {
    report(say["markdown-emphasis"].betweenLetters({ mark, kind }), start);
    return;
  }
  if ((before === mark && !sharedWithParent("open")) || (after === mark && !sharedWithParent("close"))) {
    report(say["markdown-emphasis"].run({ mark, kind }), start);
  }
}

// An ordered list shows its items numbered from the first item's number on, whatever the others say.
function checkNumbers(markdown: string, list: Extract<Nodes, { type: "list" }>, report: ReportAt): void {
  const first = list.start ?? 1;
  const written = list.children.map((item) => {
    const at = item.position?.start.offset;
    return at === undefined ? undefined : { at, number: /^\d{1,9}/.exec(markdown.slice(at, at + 10))?.[0] };
  });
  // "1. 1. 1." is how Markdown is asked to count by itself: every item after the first with one same number.
  const rest = written.slice(1).map((w) => w?.number);
  if (rest.length > 0 && rest.every((n) => n !== undefined && n === rest[0]) && Number(rest[0]) <= first) return;
  written.forEach((item, index) => {
    if (item?.number === undefined || Number(item.number) === first + index) return;
    report(say["markdown-list-number"].renumbered({ written: item.number, shown: first + index }), item.at);
  });
}

// "## Title ##" is a style; "# Nummer #" loses its last word's mark: closing #s are hidden by Markdown.
function checkClosingMarks(markdown: string, heading: Extract<Nodes, { type: "heading" }>, start: number, end: number, report: ReportAt): void {
  const line = markdown.slice(start, end);
  const open = /^ {0,3}(#{1,6})[ \t]/.exec(line);
  if (!open) return;
  const close = /[ \t](#+)[ \t]*$/.exec(line);
  if (!close || close[1]?.length === open[1]?.length) return;
  report(say["markdown-heading-marks"].hidden({ marks: close[1] as string, level: heading.depth }), start + (close.index ?? 0) + 1);
}

const escapable = /[!-/:-@[-`{-~]/;

/**
 * Backslash escapes: Markdown drops the backslash before punctuation. Where the author needs it (`\*` so a star is
 * not italics, `1\.` so a number does not start a list) it is markup they meant; where the text reads the same
 * without it, the backslash was meant to be seen (`\\server\share`, `C:\(x86)`, a regular expression) and is lost.
 * An escape is needed when removing it — alone, or with all escapes of the same character — changes the parse.
 */
function checkEscapes(markdown: string, tree: Root, report: ReportAt): void {
  if (!markdown.includes("\\")) return;
  const escapes: { offset: number; char: string }[] = [];
  walkMdast(tree, (node) => {
    if (node.type !== "text") return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (let i = start; i < end - 1; i++) {
      if (markdown[i] !== "\\") continue;
      const next = markdown[i + 1] as string;
      if (!escapable.test(next)) continue;
      escapes.push({ offset: i, char: next });
      i++;
    }
  });
  if (escapes.length === 0) return;
  const shape = shapeOf(tree);
  const without = (removed: Set<number>) => {
    let text = "";
    let from = 0;
    for (const offset of [...removed].sort((a, b) => a - b)) {
      text += markdown.slice(from, offset);
      from = offset + 1;
    }
    return text + markdown.slice(from);
  };
  const changes = (removed: Set<number>) => shapeOf(parseMarkdown(without(removed), { keep: false })) !== shape;
  const needed = new Set<number>();
  // Each escape alone (a bounded number of parses), then each character's escapes together: `\*wichtig\*` needs both.
  escapes.slice(0, 32).forEach((e) => {
    if (changes(new Set([e.offset]))) needed.add(e.offset);
  });
  for (const char of new Set(escapes.map((e) => e.char))) {
    const same = escapes.filter((e) => e.char === char && !needed.has(e.offset));
    if (same.length > 0 && changes(new Set(same.map((e) => e.offset)))) same.forEach((e) => needed.add(e.offset));
  }
  for (const e of escapes) {
    if (needed.has(e.offset)) continue;
    report(say["markdown-escape"].dropped({ char: e.char }), e.offset);
  }
}

// The tree without positions: what the reader gets.
function shapeOf(tree: Root): string {
  return JSON.stringify(tree, (key, value: unknown) => (key === "position" ? undefined : value));
}
