import type { Element, Root, RootContent } from "hast";
import { splitWords } from "./text-check.js";

// What toms's own style sheet hides in print: the "save as PDF" link, the page's footer (the PDF has a running
// footer), a footnote's way back (a link, useless on paper), the switch to the page in other languages (a printed
// annex is in its language alone). Anything else of the page must be in the PDF.
const hiddenInPrint = new Set(["pdf-link", "page-footer", "data-footnote-backref", "languages"]);
const blocks = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/**
 * The words a printed annex must show, read from the tree toms rendered, not from the page as the browser laid it
 * out: a style sheet (a company's own, say) that hid or blanked a text would make the laid-out page and its PDF
 * agree and the text be missing from both. Blocks are apart; inline elements join (a bold part of a word stays
 * one word).
 */
export function pageWords(tree: Root): string[] {
  let text = "";
  const walk = (node: Root | RootContent) => {
    if (node.type === "text") text += node.value;
    if (node.type !== "element" && node.type !== "root") return;
    if (node.type === "element") {
      if (node.tagName === "head" || node.tagName === "script" || node.tagName === "style" || isHidden(node)) return;
      if (blocks.has(node.tagName)) text += " ";
    }
    for (const child of node.children) walk(child);
    if (node.type === "element" && blocks.has(node.tagName)) text += " ";
  };
  walk(tree);
  return splitWords(text);
}

function isHidden(node: Element): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.some((c) => hiddenInPrint.has(String(c)));
}
