import type { ElementContent } from "hast";
import type { Prose } from "../model.js";
import { proseToHast } from "./prose-hast.js";

const rendered = new Map<string, ElementContent[]>();
const shifted = new Map<string, ElementContent[]>();
const withHeadings = new Set<string>();
// Characters of Markdown the caches may hold: far above any site (the 2,000-measure benchmark site has 0.5 M),
// bounded for long-running processes (tests, fuzzing, the archive of many versions) that see endless texts.
const maxCachedChars = 64 * 1024 * 1024;
let cachedChars = 0;

// Renders a text once, remembering whether it has headings to move.
function renderText(text: string): ElementContent[] {
  let nodes = rendered.get(text);
  if (!nodes) {
    nodes = proseToHast(text);
    if (cachedChars + text.length > maxCachedChars) {
      rendered.clear();
      shifted.clear();
      withHeadings.clear();
      cachedChars = 0;
    }
    rendered.set(text, nodes);
    cachedChars += text.length;
    if (nodes.some(hasHeading)) withHeadings.add(text);
  }
  return nodes;
}

/**
 * Renders a piece of author Markdown to sanitized hast, with its headings moved to start at `rank` (so an
 * author's "#" fits under the annex's own headings without gaps). Each text is rendered once.
 */
export function renderProse(prose: Prose, rank: number): ElementContent[] {
  const nodes = renderText(prose.markdown);
  if (!withHeadings.has(prose.markdown)) return nodes;
  const key = `${rank}\u0000${prose.markdown}`;
  let moved = shifted.get(key);
  if (!moved) {
    moved = structuredClone(nodes);
    shiftHeadings(moved, rank);
    shifted.set(key, moved);
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
