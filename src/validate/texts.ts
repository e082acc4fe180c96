import path from "node:path";
import { isMap, isPair, isScalar, isSeq, Scalar, visit, type Node } from "yaml";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import { catalogueFolder, type LoadedContent } from "../load/load.js";
import { parseMarkdown } from "../load/parse-markdown.js";
import type { YamlFile } from "../load/yaml-file.js";
import type { Prose, Site } from "../model.js";
import { sourceOffsets } from "../load/scalar-offsets.js";
import { unprintable } from "../render/fonts.js";
import { hiddenCharacters, isHidden } from "../util/characters.js";
import { mdastText } from "../util/mdast-walk.js";
import { mixesLookAlikes } from "../util/scripts.js";
import { markdownLimitProblem } from "./markdown-limits.js";
import { placeOfOffset } from "../load/yaml-path.js";
import { languagePattern } from "../resolve/languages.js";

/**
 * Fields whose values never reach a reader: ids and references, paths, the language tag. Every other string of
 * the content (titles, names, texts, addresses, dates, versions …) is text the annex shows, now or in a later field.
 */
const codeFields = new Set([
  "id",
  "group",
  "ref",
  "file",
  "intro_file",
  "preamble",
  "lang",
  "locations",
  "inherits",
  "covers",
  "catalogues",
  "logo",
  "theme",
  "translations",
  "numbering",
  "combined_view",
  "status",
  "responsible",
]);
/** Fields holding Markdown. */
const markdownFields = new Set(["text", "intro", "summary", "description"]);

/**
 * Checks the characters of every content file as the reader and the reviewer meet them: invisible and control
 * characters anywhere in a file (comments included: a bidirectional control in a comment is how "Trojan Source"
 * hides code from reviewers), words that mix Latin letters with look-alikes of another alphabet, shown texts made
 * only of blanks, and plain YAML values cut short by a " #" that starts a comment.
 */
export function checkTexts(
  content: LoadedContent,
  sites: readonly Site[],
  diagnostics: Diagnostics,
  fileTexts: (file: YamlFile, diagnostics: Diagnostics) => void = checkFileTexts,
): void {
  for (const file of [content.site, ...content.sections, ...content.catalogues]) if (file) fileTexts(file, diagnostics);
  // The prose files of every language (a translated site reads x.md for one, x.en.md for another), each once.
  const proseFiles = new Map<string, Prose>();
  for (const prose of sites.flatMap(proseOf)) if (!prose.file.match(/\.ya?ml$/i)) proseFiles.set(prose.file, prose);
  for (const prose of proseFiles.values()) {
    const lines = lineStarts(prose.markdown);
    scanSource(prose.markdown, (offset) => placeInText(prose.file, lines, offset), diagnostics);
    for (const { index, char } of unprintableCharacters(prose.markdown))
      diagnostics.add(say["glyph-missing"].noGlyph({ run: char }), placeInText(prose.file, lines, index));
    if (prose.markdown.trim() !== "" && isEmptyText(prose.markdown, true)) {
      diagnostics.add(say["empty-text"].file(), { file: prose.file, line: 1, column: 1 });
    }
  }
}

/** The checks of one YAML file's characters and values: they depend on its text alone (the live preview keeps them for files that did not change). */
export function checkFileTexts(file: YamlFile, diagnostics: Diagnostics): void {
  // Counted from the text itself: YAML's line counter misses line breaks after a syntax error.
  const lines = lineStarts(file.text);
  scanSource(file.text, (offset) => placeInText(file.path, lines, offset), diagnostics);
  // A file YAML could not read has its syntax error; its values are guesses.
  if (file.value !== undefined) checkYamlValues(file, diagnostics);
}

function scanSource(text: string, place: (offset: number) => Place, diagnostics: Diagnostics): void {
  for (const { index, char } of hiddenCharacters(text)) {
    diagnostics.add(say["invisible-character"].here({ char }), place(index));
  }
  if (!/[^\x00-\x7f]/.test(text)) return;
  for (const match of text.matchAll(rightToLeft)) diagnostics.add(say["rtl-text"].letters({ run: match[0] }), place(match.index ?? 0));
  for (const match of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    // In an address the link checks say it better (link-lookalike).
    if (mixesLookAlikes(match[0]) && !inAddress(text, match.index ?? 0)) {
      diagnostics.add(say["mixed-script"].word({ word: match[0] }), place(match.index ?? 0));
    }
  }
}

// Letters of the scripts written right to left, in runs (with the spaces and marks between them).
const rightToLeft =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}](?:[\p{M}\s]*[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}])*/gu;

// Runs of characters no bundled font has (hidden ones are reported as such), one per word or sign: only texts beyond
// ASCII can hold any.
function unprintableCharacters(text: string): { index: number; char: string }[] {
  if (!/[^\x00-\x7f]/.test(text)) return [];
  const runs: { index: number; char: string }[] = [];
  for (const found of unprintable(text)) {
    if (isHidden(found.char)) continue;
    const last = runs[runs.length - 1];
    if (last && last.index + last.char.length === found.index) last.char += found.char;
    else runs.push({ ...found });
  }
  return runs;
}

// Whether the word at `index` is part of a web or mail address (the run of non-blank characters around it).
function inAddress(text: string, index: number): boolean {
  const start = Math.max(text.lastIndexOf(" ", index), text.lastIndexOf("\n", index), text.lastIndexOf("(", index), text.lastIndexOf("<", index)) + 1;
  const end = text.slice(index).search(/[\s)>]/);
  const token = text.slice(start, end === -1 ? undefined : index + end);
  return /:\/\/|^www\.|@/i.test(token);
}

// Values as YAML gives them: the text a reader gets (escapes resolved, lines folded).
function checkYamlValues(file: YamlFile, diagnostics: Diagnostics): void {
  const inCatalogue = path.basename(path.dirname(file.path)) === catalogueFolder;
  const anchors = new Set<string>();
  visit(file.doc, {
    Alias(_, node) {
      anchors.add(node.source);
    },
  });
  visit(file.doc, {
    Scalar(_, node, path) {
      if (typeof node.value !== "string" || !node.range) return;
      const field = fieldOf(path);
      // A catalogue's controls show their ref ("Buchst. a") before their title in the coverage appendix.
      if (field === undefined || (codeFields.has(field) && !(field === "ref" && inCatalogue))) return;
      const value = node.value;
      // A character written as an escape ("\u202E") is not in the source: reported at the value.
      for (const { index, char } of hiddenCharacters(value)) {
        const at = sourceOffsets(file.text, node)[index] ?? node.range[0];
        if (file.text.startsWith(char, at)) continue;
        diagnostics.add(say["invisible-character"].escaped({ char }), placeOfOffset(file, at));
      }
      // A word written with escapes ("Fr\u0430nkfurt") is not in the source as the raw scan saw it.
      for (const match of value.matchAll(/[\p{L}\p{M}]+/gu)) {
        if (mixesLookAlikes(match[0]) && !file.text.includes(match[0]))
          diagnostics.add(say["mixed-script"].escaped({ word: match[0] }), placeOfOffset(file, node.range[0]));
      }
      if (node.type === Scalar.BLOCK_FOLDED && markdownFields.has(field) && foldsStructure(file.text, node)) {
        diagnostics.add(say["yaml-not-text"].folded({ field }), placeOfOffset(file, node.range[0]));
      }
      if (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
        flowLines(file, node, field, markdownFields.has(field), diagnostics);
      }
      for (const { index, char } of unprintableCharacters(value)) {
        diagnostics.add(say["glyph-missing"].noGlyph({ run: char }), placeOfOffset(file, sourceOffsets(file.text, node)[index] ?? node.range[0]));
      }
      // An empty value is the schema's to report ("must not be empty").
      if (value !== "" && isEmptyText(value, markdownFields.has(field))) {
        diagnostics.add(say["empty-text"].field({ field, blanksOnly: !/\S/.test(value) }), placeOfOffset(file, node.range[0]));
      }
      if (node.type === Scalar.PLAIN) notText(file, node, field, value, anchors, diagnostics);
    },
  });
}

// Whether a folded block (>) has lines that start Markdown's blocks (list items, headings, quotes, table rows) at its
// own indentation: YAML joins such a line to the one before it, so the structure is lost.
function foldsStructure(text: string, node: Scalar): boolean {
  const [start, end] = node.range as [number, number, number];
  const lines = text.slice(text.indexOf("\n", start) + 1, end).split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.slice(1).some((line, i) => {
    const previous = lines[i] ?? "";
    if (previous.trim() === "" || (/^ */.exec(line)?.[0].length ?? 0) !== indent) return false;
    return /^(?:[-+*]|\d{1,9}[.)])[ \t]|^#{1,6}[ \t]|^>|^\|/.test(line.slice(indent));
  });
}

/**
 * A value without | or > (plain, or in quotes) that spans lines: YAML joins its lines with a space, and a blank line
 * becomes one line break, which Markdown does not read as a new paragraph (the paragraphs written run together); a
 * line that starts a list item, heading, quote or table row is joined to the one before. In double quotes, a
 * backslash at a line's end joins the next line without even the space ("Chip\⏎ und" gives "Chipund").
 */
function flowLines(file: YamlFile, node: Scalar, field: string, markdown: boolean, diagnostics: Diagnostics): void {
  const [start, end] = node.range as [number, number, number];
  const source = file.text.slice(start, end);
  if (!source.includes("\n")) return;
  if (node.type === Scalar.QUOTE_DOUBLE) {
    for (const match of source.matchAll(/(\\+)\r?\n[ \t]*/g)) {
      const at = match.index ?? 0;
      if ((match[1] as string).length % 2 === 0) continue;
      const before = /(\S+)$/.exec(source.slice(0, at))?.[1];
      const after = /^[^\s"]+/.exec(source.slice(at + match[0].length))?.[0];
      if (before === undefined || after === undefined || before.endsWith("\\")) continue;
      diagnostics.add(say["yaml-not-text"].joined({ field, joined: `${before.replace(/^"/, "")}${after}` }), placeOfOffset(file, start + at));
    }
  }
  if (!markdown) return;
  const lines = source.split("\n");
  let offset = start;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (i > 0 && i < lines.length - 1 && line.trim() === "" && (lines[i - 1] as string).trim() !== "" && (lines[i + 1] as string).trim() !== "") {
      diagnostics.add(say["yaml-not-text"].blankLine({ field }), placeOfOffset(file, offset));
      return;
    }
    if (i > 0 && /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]|#{1,6}[ \t]|>|\|)/.test(line)) {
      diagnostics.add(say["yaml-not-text"].flowStructure({ field }), placeOfOffset(file, offset + (/^[ \t]*/.exec(line)?.[0].length ?? 0)));
      return;
    }
    offset += line.length + 1;
  }
}

// Parts of a plain value YAML takes as syntax, so the annex never shows them: a comment after " #", the tag "!" and
// an anchor "&name" in front (an anchor some alias uses is meant as one).
function notText(file: YamlFile, node: Scalar, field: string, value: string, anchors: Set<string>, diagnostics: Diagnostics): void {
  const [start, end] = node.range as [number, number, number];
  const lineStart = file.text.lastIndexOf("\n", start - 1) + 1;
  const before = file.text.slice(lineStart, start);
  if (node.tag === "!") {
    const at = lineStart + before.lastIndexOf("!");
    diagnostics.add(say["yaml-not-text"].tag({ field, value }), placeOfOffset(file, at));
  }
  if (node.anchor !== undefined && !anchors.has(node.anchor)) {
    const at = lineStart + before.lastIndexOf(`&${node.anchor}`);
    diagnostics.add(say["yaml-not-text"].anchor({ anchor: node.anchor, field, value }), placeOfOffset(file, at));
  }
  if (node.comment === undefined) return;
  const hash = file.text.indexOf("#", end);
  if (hash === -1 || file.text.slice(end, hash).includes("\n")) return;
  const lineEnd = file.text.indexOf("\n", hash);
  const cut = file.text.slice(hash, lineEnd === -1 ? undefined : lineEnd).trimEnd();
  diagnostics.add(say["yaml-not-text"].comment({ field, cut, value }), placeOfOffset(file, hash));
}

// The name of the field a scalar is the value of (or an entry of a list in), undefined for keys and the document. A
// text written per language ({ de: "…", en: "…" }) is of the field that holds the languages: "text", not "en".
function fieldOf(path: readonly unknown[]): string | undefined {
  let field: string | undefined;
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i] as Node;
    if (isPair(node)) {
      if (!isScalar(node.key)) return undefined;
      // A reason per location (not_applicable: { file: "…" }) is keyed by the location's id, whatever it is called.
      const above = path[i - 2];
      if (isMap(path[i - 1]) && isPair(above) && isScalar(above.key) && String(above.key.value) === "not_applicable") return "not_applicable";
      const key = String(node.key.value);
      if (field !== undefined) return markdownFields.has(key) || key === "title" ? key : field;
      if (!languagePattern.test(key)) return key;
      // Perhaps a language: its text is of the field two levels up, when that holds texts.
      field = key;
      continue;
    }
    if (!isSeq(node) && !isMap(node)) return field;
  }
  return field;
}

// Whether a shown text has nothing to show: no visible character once blanks and hidden characters are gone, or
// for Markdown no text once the markup is read (a lone "---" is a rule, "&nbsp;" a space).
function isEmptyText(value: string, markdown: boolean): boolean {
  const visible = [...value].filter((c) => !/\s/.test(c) && hiddenCharacters(c).length === 0).join("");
  if (visible === "") return true;
  // Markdown marks and character references may be all there is ("---", "&nbsp;"): then only the parse tells.
  if (!markdown || (/[\p{L}\p{N}]/u.test(visible) && !/[&*_`#>|~[\]<!\\=+-]/.test(visible))) return false;
  // Beyond the limits the parser may take seconds; markdown-too-complex reports such a text.
  if (markdownLimitProblem(value)) return false;
  try {
    return mdastText(parseMarkdown(value)).replace(/\s/g, "") === "";
  } catch {
    return false;
  }
}

function proseOf(site: Site): Prose[] {
  return [
    ...(site.preamble ? [site.preamble] : []),
    ...site.locations.flatMap((l) => (l.description ? [l.description] : [])),
    ...site.groups.flatMap((g) => [
      ...(g.intro ? [g.intro] : []),
      ...g.sections.flatMap((s) => [...(s.intro ? [s.intro] : []), ...s.measures.map((m) => m.prose)]),
    ]),
  ];
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function placeInText(file: string, starts: number[], offset: number): Place {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return { file, line: low + 1, column: offset - (starts[low] as number) + 1 };
}
