import type { ElementContent } from "hast";
import type { Prose } from "../model.js";
import { TextCache } from "../util/text-cache.js";
import { proseToHast } from "./prose-hast.js";

// Per text: its nodes, whether it has headings to move, and its copies with headings moved, by rank.
interface Rendered {
  nodes: ElementContent[];
  headings: boolean;
  moved: Map<number, ElementContent[]>;
}
const rendered = new TextCache<Rendered>();

function renderText(text: string): Rendered {
  const found = rendered.get(text);
  if (found) return found;
  const nodes = proseToHast(text);
  return rendered.set(text, { nodes, headings: nodes.some(hasHeading), moved: new Map() });
}

/**
 * Renders a piece of author Markdown to sanitized hast, with its headings moved to start at `rank` (so an
 * author's "#" fits under the annex's own headings without gaps). Each text is rendered once.
 */
export function renderProse(prose: Prose, rank: number): ElementContent[] {
  const text = renderText(prose.markdown);
  if (!text.headings) return text.nodes;
  let moved = text.moved.get(rank);
  if (!moved) {
    moved = structuredClone(text.nodes);
    shiftHeadings(moved, rank);
    text.moved.set(rank, moved);
  }
  return moved;
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
