import type { ElementContent, Root } from "hast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { parseMarkdown } from "../load/markdown.js";
import type { Prose } from "../model.js";

// GitHub's sanitizing rules (no script, style, event handlers, iframes, forms; only safe URL schemes),
// narrowed further: links and images only to the web, mail and phone.
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto", "tel"], src: ["http", "https"] },
};

const toHast = unified().use(remarkRehype).use(rehypeSanitize, schema);
const cache = new Map<string, ElementContent[]>();

/**
 * Renders a piece of author Markdown to sanitized hast, with its headings moved to start at `rank` (so an
 * author's "#" fits under the annex's own headings without gaps). Each text is rendered once per rank.
 */
export function renderProse(prose: Prose, rank: number): ElementContent[] {
  const key = `${rank}\u0000${prose.markdown}`;
  let nodes = cache.get(key);
  if (!nodes) {
    const tree = toHast.runSync(parseMarkdown(prose.markdown)) as Root;
    shiftHeadings(tree, rank);
    nodes = tree.children.filter((n): n is ElementContent => n.type !== "doctype" && !(n.type === "text" && n.value.trim() === ""));
    cache.set(key, nodes);
  }
  return nodes;
}

// Maps the heading ranks used in a text onto consecutive ranks from `rank` (h1, h3 → h4, h5), at most h6.
function shiftHeadings(tree: Root, rank: number): void {
  const headings: { tagName: string }[] = [];
  const walk = (node: Root | ElementContent) => {
    if (node.type === "element" && /^h[1-6]$/.test(node.tagName)) headings.push(node);
    if ("children" in node) for (const child of node.children) walk(child as ElementContent);
  };
  walk(tree);
  const used = [...new Set(headings.map((h) => Number(h.tagName[1])))].sort();
  for (const heading of headings) {
    heading.tagName = `h${Math.min(6, rank + used.indexOf(Number(heading.tagName[1])))}`;
  }
}
