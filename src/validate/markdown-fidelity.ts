import type { Nodes, Parents, Root } from "mdast";
import { decodeNamedCharacterReference } from "decode-named-character-reference";
import { parseMarkdown } from "../load/parse-markdown.js";
import type { Emphasis } from "../diagnostics/rules.js";
import { say, type Said } from "../diagnostics/say.js";
import { unprintable } from "../render/fonts.js";
import { hiddenCharacters, isHidden } from "../util/characters.js";
import { mixesLookAlikes } from "../util/scripts.js";
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
  // Footnotes referred to from the text, and from inside each footnote (only those the text reaches are shown).
  const fromBody = new Set<string>();
  const fromNote = new Map<string, Set<string>>();
  collectFootnoteReferences(tree, undefined, fromBody, fromNote);
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
        if (!checkInterrupt(markdown, node, parent, report)) checkSign(markdown, node, report);
        break;
      case "blockquote":
        if (!checkInterrupt(markdown, node, parent, report)) checkSign(markdown, node, report);
        break;
      case "code":
        checkFenceInfo(markdown, start, report);
        break;
      case "thematicBreak": {
        // --- (or ***) after a blank line is how a dividing line is written; ___ and a *** right under text are
        // more likely characters meant to be seen (a signature line).
        const mark = /[*_-]/.exec(markdown.slice(start, end))?.[0];
        const index = parent ? parent.children.indexOf(node as never) : -1;
        const previous = parent && index > 0 ? parent.children[index - 1] : undefined;
        const underText = previous?.type === "paragraph" && previous.position?.end.line === (node.position?.start.line ?? 0) - 1;
        if (mark === "_" || (mark === "*" && underText)) report(say["markdown-break"].shown({ mark: mark.repeat(3) }), start);
        break;
      }
      case "table":
        checkCells(node, report);
        checkTableCode(markdown, node, report);
        break;
      case "heading":
        checkClosingMarks(markdown, node, start, end, report);
        checkUnderline(markdown, end, report);
        break;
      case "text":
        // A character reference (&#x202E;) can put in what the source does not show: each is reported at its reference.
        if (markdown.slice(start, end).includes("&")) checkReferences(markdown.slice(start, end), node.value, start, report);
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
  const reached = new Set<string>();
  const reach = (label: string) => {
    if (reached.has(label)) return;
    reached.add(label);
    for (const next of fromNote.get(label) ?? []) reach(next);
  };
  fromBody.forEach(reach);
  for (const [id, { label, offset, used }] of footnotes) {
    if (!used) report(say["markdown-footnote"].unused({ label }), offset);
    else if (!reached.has(id)) report(say["markdown-footnote"].unreachable({ label }), offset);
  }
  checkEscapes(markdown, tree, report);
}

// Every footnote reference by where it is: in the text, or inside a footnote's own text (by that footnote's id).
function collectFootnoteReferences(node: Nodes, inNote: string | undefined, fromBody: Set<string>, fromNote: Map<string, Set<string>>): void {
  if (node.type === "footnoteReference") {
    if (inNote === undefined) fromBody.add(node.identifier);
    else fromNote.set(inNote, new Set([...(fromNote.get(inNote) ?? []), node.identifier]));
  }
  const here = node.type === "footnoteDefinition" ? node.identifier : inNote;
  if ("children" in node) for (const child of node.children) collectFootnoteReferences(child as Nodes, here, fromBody, fromNote);
}

// A table shows as many cells per row as its header has: the rest of a longer row is dropped.
function checkCells(table: Extract<Nodes, { type: "table" }>, report: ReportAt): void {
  const columns = table.children[0]?.children.length ?? 0;
  for (const row of table.children.slice(1)) {
    const at = row.position?.start.offset;
    if (row.children.length > columns && at !== undefined) report(say["markdown-table"].excessCells({ cells: row.children.length, columns }), at);
  }
}

// In a table, Markdown takes \| for a | that does not end the cell before it reads anything else, so inside code as
// well: `grep 'a\|b'` shows as grep 'a|b'. Code is promised to be shown as written; no way of writing shows \| there.
function checkTableCode(markdown: string, table: Extract<Nodes, { type: "table" }>, report: ReportAt): void {
  walkMdast(table, (node) => {
    if (node.type !== "inlineCode") return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const source = markdown.slice(start, end);
    for (let i = source.indexOf("\\|"); i !== -1; i = source.indexOf("\\|", i + 2)) report(say["markdown-escape"].tableCode(), start + i);
  });
}

// A quote, a "+" list or a list item starting with a number, right after a line of text (no blank line): Markdown
// lets it interrupt the paragraph and hides its marker, which was most likely meant as text ("+ 5 %", "> 5 Min.").
// A "-" or "*" list after text ("Folgende Maßnahmen:\n- …") is how lists are written and passes.
function checkInterrupt(markdown: string, node: Extract<Nodes, { type: "list" | "blockquote" }>, parent: Parents | undefined, report: ReportAt): boolean {
  if (!parent) return false;
  const index = parent.children.indexOf(node as never);
  const previous = parent.children[index - 1];
  const start = node.position?.start;
  if (previous?.type !== "paragraph" || !start || previous.position?.end.line !== start.line - 1 || start.offset === undefined) return false;
  if (node.type === "blockquote") {
    report(say["markdown-interrupt"].quote(), start.offset);
    return true;
  }
  const marker = listMarker(markdown, start.offset);
  if (marker === undefined) return false;
  // A "-" list of several items starting with numbers ("- 2 Rechenzentren\n- 3 Standorte") is a list all the same.
  if (marker === "+" || (!node.ordered && node.children.length === 1 && /^\d/.test(firstItemText(markdown, node, marker)))) {
    report(say["markdown-interrupt"].list({ marker }), start.offset);
    return true;
  }
  return false;
}

// Elsewhere (at the start of a text, after a blank line) a quote or a list is written on purpose, unless its sign is
// the sign of a number: "> 5 Minuten", "+ 3 %" and a lone "- 2 °C" lose the >, + or - Markdown hides.
function checkSign(markdown: string, node: Extract<Nodes, { type: "list" | "blockquote" }>, report: ReportAt): void {
  const at = node.position?.start.offset;
  if (at === undefined) return;
  if (node.type === "blockquote") {
    if (/^[ \t]*>[ \t]*[-+]?\d/.test(markdown.slice(at, at + 16))) report(say["markdown-interrupt"].quoteNumber(), at);
    return;
  }
  const marker = listMarker(markdown, at);
  if (marker === undefined || node.ordered) return;
  if (!/^\d/.test(firstItemText(markdown, node, marker))) return;
  if (marker === "+" || node.children.length === 1) report(say["markdown-interrupt"].signList({ marker }), at);
}

function listMarker(markdown: string, at: number): string | undefined {
  return /^[ \t]*([-+*]|\d{1,9}[.)])/.exec(markdown.slice(at, at + 16))?.[1];
}

// The text of a list's first item after its marker.
function firstItemText(markdown: string, node: Extract<Nodes, { type: "list" }>, marker: string): string {
  const first = node.children[0];
  return first?.position?.start.offset === undefined
    ? ""
    : markdown.slice(first.position.start.offset + marker.length, first.position.end.offset ?? 0).trimStart();
}

// The words after a code block's opening fence (its "info string") name its language to Markdown: not shown.
function checkFenceInfo(markdown: string, start: number, report: ReportAt): void {
  const lineEnd = markdown.indexOf("\n", start);
  const line = markdown.slice(start, lineEnd === -1 ? undefined : lineEnd);
  const fence = /^([ \t]*(?:`{3,}(?!`)|~{3,}(?!~))[ \t]*)(\S.*?)[ \t]*$/.exec(line);
  if (!fence) return;
  report(say["markdown-code-info"].hidden({ info: fence[2] as string }), start + (fence[1] as string).length);
}

// A heading underlined with === or --- (a "setext" heading): the line under it is taken as a mark, not shown.
function checkUnderline(markdown: string, end: number, report: ReportAt): void {
  const lineStart = markdown.lastIndexOf("\n", end - 1) + 1;
  const underline = /^[ \t]*(=+|-+)[ \t]*$/.exec(markdown.slice(lineStart, end));
  if (!underline) return;
  report(
    say["markdown-heading-marks"].underline({ mark: (underline[1] as string).slice(0, 3) }),
    lineStart + (underline[0].length - underline[0].trimStart().length),
  );
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
const codeBefore = /[/\\@#%&+=|<>^~.:-]/;
const codeAfter = /[/\\@#%&+=|<>^~]/;

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
    return;
  }
  // Marks beside the punctuation of paths, addresses and formulas (/srv/_backup_/, a-_b_, x=*y*) are characters of
  // them, not formatting; prose puts formatting after a space, a bracket or a quotation mark. So is a dot followed
  // by a letter (__init__.py).
  const dotted = after === "." && letterOrDigit.test(markdown[end + 1] ?? "");
  const beside = before !== undefined && codeBefore.test(before) ? before : (after !== undefined && codeAfter.test(after)) || dotted ? after : undefined;
  if (beside !== undefined) {
    report(say["markdown-emphasis"].besidePunctuation({ mark, kind, beside }), start);
    return;
  }
  // Marks around no word at all (*.*), or around a word that starts like a file ending or a path (*.bak*, */tmp*):
  // a pattern or a name, not formatting.
  const width = kind === "emphasis" ? 1 : 2;
  const inner = markdown.slice(start + width, end - width);
  if (!letterOrDigit.test(inner) || /^[./\\~]/.test(inner)) report(say["markdown-emphasis"].inside({ mark, kind, shown: inner }), start);
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
  for (const item of written) {
    if (item?.number !== undefined && /^0\d/.test(item.number))
      report(say["markdown-list-number"].leadingZero({ written: item.number, shown: Number(item.number) }), item.at);
  }
  written.forEach((item, index) => {
    if (item?.number === undefined || /^0\d/.test(item.number) || Number(item.number) === first + index) return;
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
  const scan = (start: number, end: number) => {
    for (let i = start; i < end - 1; i++) {
      if (markdown[i] !== "\\") continue;
      const next = markdown[i + 1] as string;
      if (!escapable.test(next)) continue;
      escapes.push({ offset: i, char: next });
      i++;
    }
  };
  // Text the autolink transform split off has no position: then every escape of the source is a candidate (one in
  // code or a link's address is kept below, because removing its backslash changes the tree).
  let unplaced = false;
  walkMdast(tree, (node) => {
    if (node.type !== "text") return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) unplaced = true;
    else scan(start, end);
  });
  if (unplaced) {
    escapes.length = 0;
    scan(0, markdown.length);
  }
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
  // Not for a backslash: removing every escaped one at once (\\\\fs01 → \\fs01) shortens the text, which always
  // changes it, while each of them alone is dropped unseen.
  for (const char of new Set(escapes.map((e) => e.char))) {
    if (char === "\\") continue;
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

/**
 * The character references of a text's source (`&#x202E;`, `&#0;`, `&shy;`) and what each gives, as Markdown reads
 * them: a number that is no character (0, a surrogate, past Unicode) gives U+FFFD. A reference Markdown does not
 * decode (escaped as \\&…;, or unknown by name) is left out by the caller comparing with the text's value.
 */
function characterReferences(source: string): { offset: number; value: string }[] {
  const found: { offset: number; value: string }[] = [];
  for (const m of source.matchAll(/&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/g)) {
    let value: string | false;
    if (m[3] !== undefined) value = decodeNamedCharacterReference(m[3]);
    else {
      const code = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2] as string, 10);
      value = code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff ? "\uFFFD" : String.fromCodePoint(code);
    }
    if (value !== false && source[(m.index ?? 0) - 1] !== "\\") found.push({ offset: m.index ?? 0, value });
  }
  return found;
}

// What character references put into a text that its source does not show: hidden characters, "�" from a reference
// to no character, characters the fonts lack, words of mixed alphabets; each reported at the reference that gives it.
function checkReferences(source: string, value: string, start: number, report: ReportAt): void {
  const references = characterReferences(source);
  if (references.length === 0) return;
  const at = (char: string) => start + (references.find((r) => r.value.includes(char))?.offset ?? 0);
  const hidden = hiddenCharacters(value);
  for (const reference of references) {
    for (const { char } of hiddenCharacters(reference.value))
      if (hidden.some((h) => h.char === char)) report(say["invisible-character"].reference({ char }), start + reference.offset);
    // &#0;, a surrogate (&#xD800;) or a number past Unicode is read as U+FFFD: a "�" the source does not show.
    if (reference.value === "\uFFFD" && !/^&#(x0*fffd|0*65533);/i.test(source.slice(reference.offset)) && value.includes("\uFFFD"))
      report(say["invisible-character"].reference({ char: "\uFFFD" }), start + reference.offset);
  }
  for (const run of unprintableRuns(value)) if (!source.includes(run)) report(say["glyph-missing"].escaped({ run }), at([...run][0] as string));
  for (const word of mixedWords(value)) if (!source.includes(word)) report(say["mixed-script"].escaped({ word }), start + (references[0]?.offset ?? 0));
}

// Runs of characters the fonts lack (hidden ones are reported as such).
function unprintableRuns(text: string): string[] {
  if (!/[^\x00-\x7f]/.test(text)) return [];
  const runs: { index: number; run: string }[] = [];
  for (const { index, char } of unprintable(text)) {
    if (isHidden(char)) continue;
    const last = runs[runs.length - 1];
    if (last && last.index + last.run.length === index) last.run += char;
    else runs.push({ index, run: char });
  }
  return runs.map((r) => r.run);
}

function mixedWords(text: string): string[] {
  return [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => m[0]).filter(mixesLookAlikes);
}
