import type { Heading, Paragraph } from "mdast";
import type { LeftOut } from "./report.js";
import type { Block } from "./source.js";

/** A measure found in the source: an optional title and the blocks of its text. */
export interface DraftMeasure {
  title?: string;
  blocks: Block[];
}

/** A section: a lettered heading a) … with its measures, or the measures of a group that has no lettered headings. */
export interface DraftSection {
  title: string;
  /** false for the single section of a group without lettered headings. */
  heading: boolean;
  measures: DraftMeasure[];
  /** Where its heading was (its group's, for a section without one). */
  where: string;
}

/** A numbered group (1) … with the text before its first section and its sections. */
export interface DraftGroup {
  title: string;
  intro: Block[];
  sections: DraftSection[];
  where: string;
}

/** The annex as found in the source, before ids and files. */
export interface Draft {
  title?: string;
  subtitle?: string;
  measuresTitle?: string;
  preamble: Block[];
  groups: DraftGroup[];
  leftOut: LeftOut[];
  /** For each block placed, the group and section it went to, e.g. "(1) a) Zutrittskontrolle", for the report. */
  within: Map<Block, string>;
}

// "(1) Maßnahmen …" or "1) Maßnahmen …"; "a) Zutrittskontrolle" or "(a) …". Only short lines are headings.
const groupMarker = /^\(?\s*(\d{1,2})\s*\)\s+(\S.*)$/s;
const letterMarker = /^\(?([a-z])\)\s+(\S.*)$/s;
// Headings of the preamble, which stay in it rather than start a group.
const preambleWord = /^(präambel|praeambel|preamble|préambule|vorbemerkungen?|einleitung|introduction|geltungsbereich|scope|champ d'application)$/i;

/**
 * Finds the structure of an annex in its blocks: the title (the first heading), a subtitle, the preamble, the heading
 * of the measures (§1 …), numbered groups and lettered sections — by their markers "(1)" and "a)" where the source has
 * them, else by heading levels — and the measures of each section.
 */
export function findStructure(blocks: readonly Block[]): Draft {
  const leftOut: LeftOut[] = [];
  const draft: Draft = { preamble: [], groups: [], leftOut, within: new Map() };
  let at = blocks.findIndex((b) => b.node.type === "heading");
  if (at === -1 && blocks[0] && isLine(blocks[0], 150) && !isMarker(blocks[0])) at = 0;
  if (at >= 0) {
    draft.title = stripTitle((blocks[at] as Block).text);
    for (const block of blocks.slice(0, at)) leftOut.push({ where: block.where, text: block.text, reason: "before-title" });
    at++;
    const next = blocks[at];
    if (next && isSubtitle(next)) {
      draft.subtitle = stripTitle(next.text.replace(/^\((.*)\)$/s, "$1"));
      at++;
    }
  } else at = 0;
  const rest = blocks.slice(at);
  const roles = classify(rest);
  const firstGroup = roles.indexOf("group");
  if (firstGroup === -1) {
    // No structure found: one group of measures, and the report says so.
    const title = rest.find(isMeasuresTitle);
    if (title) draft.measuresTitle = stripTitle(title.text);
    const body = rest.filter((b) => b !== title);
    if (rest[0]) leftOut.push({ where: rest[0].where, text: rest[0].text, reason: "no-groups" });
    const where = rest[0]?.where ?? "";
    draft.groups.push({ title: "", intro: [], sections: [{ title: "", heading: false, measures: splitMeasures(body, () => false), where }], where });
    return draft;
  }
  const before = rest.slice(0, firstGroup);
  const last = before[before.length - 1];
  if (last && (isMeasuresTitle(last) || (last.node.type === "heading" && !preambleWord.test(last.text)))) {
    draft.measuresTitle = stripTitle(last.text);
    before.pop();
  }
  draft.preamble = before.map((b) => (preambleWord.test(b.text) && b.node.type === "paragraph" ? asHeading(b) : b));
  for (const block of before) draft.within.set(block, "the preamble");
  let group: DraftGroup | undefined;
  let section: DraftSection | undefined;
  let pending: Block[] = [];
  const isSubheading = (b: Block) => roles[rest.indexOf(b)] === "subheading";
  const finishSection = () => {
    if (!group || !section) return;
    section.measures = splitMeasures(pending, isSubheading);
    group.sections.push(section);
    section = undefined;
    pending = [];
  };
  const finishGroup = () => {
    if (!group || group.sections.length > 0) return;
    group.sections.push({ title: group.title, heading: false, measures: splitMeasures(pending, isSubheading), where: group.where });
    pending = [];
  };
  rest.forEach((block, i) => {
    if (i < firstGroup) return;
    const role = roles[i];
    if (role === "group") {
      finishSection();
      finishGroup();
      group = { title: stripTitle(block.text.replace(groupMarker, "$2")), intro: [], sections: [], where: block.where };
      draft.groups.push(group);
      pending = [];
    } else if (role === "section" && group) {
      if (section) finishSection();
      else group.intro = pending;
      pending = [];
      section = { title: stripTitle(block.text.replace(letterMarker, "$2")), heading: true, measures: [], where: block.where };
    } else pending.push(block);
    const number = draft.groups.length;
    const letter = section ? ` ${String.fromCharCode(97 + (group?.sections.length ?? 0))}) ${section.title}` : ` ${group?.title ?? ""}`;
    draft.within.set(block, `(${number})${letter}`);
  });
  finishSection();
  finishGroup();
  return draft;
}

type Role = "group" | "section" | "subheading" | "text";

// What each block is. With "(1)" markers in the source, they make the groups and "a)" the sections; else the
// shallowest heading level makes the groups and the next one the sections. Deeper headings title measures.
function classify(blocks: readonly Block[]): Role[] {
  const marked = blocks.some((b) => isGroupMarker(b));
  if (marked) {
    let inGroup = false;
    return blocks.map((b) => {
      if (isGroupMarker(b)) {
        inGroup = true;
        return "group";
      }
      if (inGroup && isLine(b, 150) && letterMarker.test(b.text) && (b.node.type === "heading" || b.node.type === "paragraph")) return "section";
      return inGroup && b.node.type === "heading" ? "subheading" : "text";
    });
  }
  const headings = blocks.filter((b): b is Block & { node: Heading } => b.node.type === "heading" && !preambleWord.test(b.text) && !isMeasuresTitle(b));
  if (headings.length === 0) return blocks.map(() => "text");
  const groupDepth = Math.min(...headings.map((h) => h.node.depth));
  const first = blocks.indexOf(headings.find((h) => h.node.depth === groupDepth) as Block);
  const deeper = headings.filter((h) => h.node.depth > groupDepth && blocks.indexOf(h) > first).map((h) => h.node.depth);
  const sectionDepth = deeper.length > 0 ? Math.min(...deeper) : undefined;
  return blocks.map((b, i) => {
    if (b.node.type !== "heading" || i < first) return "text";
    if (b.node.depth === groupDepth && headings.includes(b as Block & { node: Heading })) return "group";
    if (b.node.depth === sectionDepth) return "section";
    return b.node.depth > groupDepth ? "subheading" : "text";
  });
}

/**
 * The measures of a section. A sub-heading, a bold line or a short line that reads as a title starts a measure with
 * that title, which takes every block up to the next one. Before the first title, each paragraph is a measure of its
 * own; a list, table or quote belongs to the paragraph before it, and so does anything after a paragraph that ends
 * with a colon ("… folgende Maßnahmen:").
 */
function splitMeasures(blocks: readonly Block[], isSubheading: (b: Block) => boolean): DraftMeasure[] {
  const measures: DraftMeasure[] = [];
  let current: DraftMeasure | undefined;
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    const previous = blocks[i - 1];
    // What follows "… folgende Maßnahmen:" belongs to it, whatever it looks like.
    if (current && previous && /:$/.test(previous.text) && !isSubheading(block)) {
      current.blocks.push(block);
      return;
    }
    if (isSubheading(block) || isBoldLine(block) || isTitleLine(block, next)) {
      current = { title: stripTitle(block.text), blocks: [] };
      measures.push(current);
      return;
    }
    const continues = current && (current.title !== undefined || block.node.type !== "paragraph");
    if (current && continues) current.blocks.push(block);
    else {
      current = { blocks: [block] };
      measures.push(current);
    }
  });
  return measures;
}

// A short line that reads as a title: no sentence end, not starting in lower case, and followed by a paragraph of
// text (not by a list, nor a bare address: "Weitere Informationen:" before a link introduces it).
function isTitleLine(block: Block, next: Block | undefined): boolean {
  if (block.node.type !== "paragraph" || !isLine(block, 80) || /[.!?;,]$/.test(block.text) || !/^[\p{Lu}\p{N}§]/u.test(block.text)) return false;
  // A line listing things ("ISO 27001, ISO 27017, PCI DSS") is no title.
  if ((block.text.match(/,/g) ?? []).length >= 2) return false;
  if (!next || next.node.type !== "paragraph") return false;
  return !(next.node.children.length === 1 && next.node.children[0]?.type === "link");
}

// A paragraph that is bold throughout, such as a Word author's own sub-heading.
function isBoldLine(block: Block): boolean {
  if (block.node.type !== "paragraph" || !isLine(block, 120)) return false;
  const children = block.node.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
  return children.length === 1 && children[0]?.type === "strong";
}

function isSubtitle(block: Block): boolean {
  if (block.node.type !== "paragraph" || !isLine(block, 150)) return false;
  if (block.node.data?.toms === "subtitle" || /^\(.*\)$/s.test(block.text)) return true;
  const children = (block.node as Paragraph).children;
  return children.length === 1 && (children[0]?.type === "emphasis" || children[0]?.type === "strong");
}

function isMeasuresTitle(block: Block): boolean {
  return (block.node.type === "paragraph" || block.node.type === "heading") && isLine(block, 250) && /^§\s*\d/.test(block.text);
}

function isGroupMarker(block: Block): boolean {
  return (block.node.type === "paragraph" || block.node.type === "heading") && isLine(block, 250) && groupMarker.test(block.text);
}

function isMarker(block: Block): boolean {
  return groupMarker.test(block.text) || letterMarker.test(block.text);
}

function isLine(block: Block, length: number): boolean {
  return !block.multiline && block.text.length > 0 && block.text.length <= length;
}

// A heading's words without the colon or bold marks around it.
function stripTitle(text: string): string {
  return text
    .replace(/^[*_\s]+|[*_\s]+$/g, "")
    .replace(/\s*:$/, "")
    .trim();
}

function asHeading(block: Block): Block {
  const { markdown: _written, ...rest } = block;
  return { ...rest, node: { type: "heading", depth: 1, children: (block.node as Paragraph).children } };
}
