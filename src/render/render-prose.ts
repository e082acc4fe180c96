import type { Element, ElementContent } from "hast";
import type { Prose } from "../model.js";
import { TextCache } from "../util/text-cache.js";
import type { Strings } from "./i18n.js";
import { proseToHast } from "./prose-hast.js";
import { shareNodes } from "./serialize.js";

// Per text: its nodes, whether it has headings to move or footnotes, and its copies with headings moved, by rank.
interface Rendered {
  nodes: ElementContent[];
  headings: boolean;
  footnotes: boolean;
  moved: Map<number, ElementContent[]>;
}
const rendered = new TextCache<Rendered>();

function renderText(text: string): Rendered {
  const found = rendered.get(text);
  if (found) return found;
  const nodes = proseToHast(text);
  shareNodes(nodes);
  return rendered.set(text, { nodes, headings: nodes.some(hasHeading), footnotes: nodes.some(isFootnotes), moved: new Map() });
}

/** Where on the page a text is shown: an id unique on the page (footnote ids are made from it) and the page's words. */
export interface ProsePlace {
  id: string;
  t: Strings;
}

/**
 * Renders a piece of author Markdown to sanitized hast, with its headings moved to start at `rank` (so an
 * author's "#" fits under the annex's own headings without gaps). Each text is rendered once; a text with
 * footnotes gets its own copy per place, its footnote ids prefixed with the place's id (two measures on one page
 * may both have a footnote 1) and its footnote words in the page's language.
 */
export function renderProse(prose: Prose, rank: number, place: ProsePlace): ElementContent[] {
  const text = renderText(prose.markdown);
  let nodes = text.nodes;
  if (text.headings) {
    let moved = text.moved.get(rank);
    if (!moved) {
      moved = structuredClone(text.nodes);
      shiftHeadings(moved, rank);
      shareNodes(moved);
      text.moved.set(rank, moved);
    }
    nodes = moved;
  }
  return text.footnotes ? placeFootnotes(structuredClone(nodes), place) : nodes;
}

function isFootnotes(node: ElementContent): boolean {
  return node.type === "element" && node.tagName === "section" && node.properties.dataFootnotes !== undefined;
}

function hasHeading(node: ElementContent): boolean {
  return node.type === "element" && (/^h[1-6]$/.test(node.tagName) || node.children.some(hasHeading));
}

// Maps the heading ranks used in a text onto consecutive ranks from `rank` (h1, h3 → h4, h5), at most h6.
function shiftHeadings(nodes: ElementContent[], rank: number): void {
  const headings: { tagName: string }[] = [];
  const walk = (node: ElementContent) => {
    if (node.type === "element" && /^h[1-6]$/.test(node.tagName)) headings.push(node);
    if ("children" in node) node.children.forEach(walk);
  };
  nodes.forEach(walk);
  const used = [...new Set(headings.map((h) => Number(h.tagName[1])))].sort();
  for (const heading of headings) heading.tagName = `h${Math.min(6, rank + used.indexOf(Number(heading.tagName[1])))}`;
}

// Footnote ids and the links between them ("fn-1", "#fnref-1", aria-describedby "footnote-label") get the place's
// id in front; the label and the back links' accessible names are put into the page's language.
function placeFootnotes(nodes: ElementContent[], place: ProsePlace): ElementContent[] {
  // A dot never occurs in an id of the content (slugs), so these ids cannot meet a measure's.
  const scoped = (value: string) => `${place.id}.${value}`;
  const walk = (node: ElementContent) => {
    if (node.type !== "element") return;
    const p = node.properties;
    if (typeof p.id === "string") p.id = scoped(p.id);
    if (typeof p.href === "string" && p.href.startsWith("#")) p.href = `#${scoped(p.href.slice(1))}`;
    if (Array.isArray(p.ariaDescribedBy)) p.ariaDescribedBy = p.ariaDescribedBy.map((v) => scoped(String(v)));
    if (p.dataFootnoteBackref !== undefined && typeof p.ariaLabel === "string") {
      const number = /(\d+(?:-\d+)?)\s*$/.exec(p.ariaLabel)?.[1] ?? "";
      p.ariaLabel = place.t.backToReference(number);
    }
    if (node.tagName === "p" && Array.isArray(p.className) && p.className.includes("footnotes-label")) setText(node, place.t.footnotes);
    node.children.forEach(walk);
  };
  nodes.forEach(walk);
  return nodes;
}

function setText(node: Element, value: string): void {
  node.children = [{ type: "text", value }];
}
