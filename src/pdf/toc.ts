import type { Element, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";

/** The targets of the table of contents (element ids) in document order. */
export function tocTargets(tree: Root): string[] {
  return tocPages(tree).map((span) => String(span.properties.dataTarget));
}

/** Parses an annex page for printing. */
export function parsePage(source: string): Root {
  return fromHtml(source);
}

/**
 * The page with every table-of-contents entry showing its page number (`pages`: target id → page);
 * a target without a number gets `fallback` (the first print uses a same-width placeholder).
 */
export function withPageNumbers(tree: Root, pages: Map<string, number>, fallback = "0"): string {
  const copy = structuredClone(tree);
  for (const span of tocPages(copy)) number(span, pages, fallback);
  return toHtml(copy);
}

/** Each table-of-contents number element, in document order, as HTML showing its page (see withPageNumbers). */
export function pageNumberElements(tree: Root, pages: Map<string, number>, fallback = "0"): { target: string; html: string }[] {
  return tocPages(tree).map((span) => ({ target: String(span.properties.dataTarget), html: toHtml(number(structuredClone(span), pages, fallback)) }));
}

function number(span: Element, pages: Map<string, number>, fallback: string): Element {
  const page = pages.get(String(span.properties.dataTarget));
  span.children = [{ type: "text", value: page === undefined ? fallback : String(page) }];
  return span;
}

/** The CSS selector of the elements tocTargets and pageNumberElements find. */
export const pageNumberSelector = "span.toc-page[data-target]";

// The empty `<span class="toc-page" data-target="…">` elements the render stage leaves in the contents.
function tocPages(tree: Root): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === "element" && node.tagName === "span" && node.properties.dataTarget !== undefined) {
      const classes = node.properties.className;
      if (Array.isArray(classes) && classes.includes("toc-page")) found.push(node);
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return found;
}
