import type { Element, Root, RootContent } from "hast";
import { listStart } from "../render/prose-hast.js";
import { type PrintAllowance, splitWords } from "./text-check.js";

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
    // The numbers of an author's numbered list are drawn by the browser, not written in the page: they are words the
    // PDF must show all the same (a number too wide for its indent would be cut off: "2026." printed as "26.").
    const numbers = node.type === "element" && node.tagName === "ol" && classesOf(node).some((c) => c.startsWith("digits-"));
    let n = numbers ? listStart(node as Element) : 0;
    const suffix = numbers && classesOf(node as Element).includes("paren") ? ")" : ".";
    for (const child of node.children) {
      if (numbers && child.type === "element" && child.tagName === "li") {
        // A task list's item shows its check box instead (its list style is none).
        if (!isTask(child)) text += ` ${n}${suffix} `;
        n++;
      }
      walk(child);
    }
    if (node.type === "element" && blocks.has(node.tagName)) text += " ";
  };
  walk(tree);
  return splitWords(text);
}

function classesOf(node: Element): string[] {
  const classes = node.properties.className;
  return Array.isArray(classes) ? classes.map(String) : [];
}

// An item of a task list: its check box (span.task-box) first, alone or in its first paragraph.
function isTask(item: Element): boolean {
  const first = item.children.find((c) => c.type === "element" || (c.type === "text" && c.value.trim() !== ""));
  if (first?.type !== "element") return false;
  if (classesOf(first).includes("task-box")) return true;
  const inner = first.tagName === "p" ? first.children.find((c) => c.type === "element" || (c.type === "text" && c.value.trim() !== "")) : undefined;
  return inner?.type === "element" && classesOf(inner).includes("task-box");
}

function isHidden(node: Element): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.some((c) => hiddenInPrint.has(String(c)));
}

/** What the PDF of a page may hold beyond its words (see extraWords): the words of its table heads, and one number per entry of its contents. */
export function printAllowance(tree: Root): PrintAllowance {
  const repeated = new Set<string>();
  let numbers = 0;
  const walk = (node: Root | RootContent, inHead: boolean) => {
    if (node.type === "text" && inHead) for (const word of splitWords(node.value)) repeated.add(word);
    if (node.type !== "element" && node.type !== "root") return;
    if (node.type === "element" && classesOf(node).includes("toc-page")) numbers++;
    const head = inHead || (node.type === "element" && node.tagName === "thead");
    for (const child of node.children) walk(child, head);
  };
  walk(tree, false);
  return { repeated, numbers };
}

/**
 * What the page shows in an order the PDF must keep: a run of text of one block (a paragraph, a list item's own
 * text, a heading), or a table row, whose cells the PDF prints side by side (their lines interleave).
 */
export type TextBlock = { kind: "flow"; words: string[]; free?: true } | { kind: "row"; cells: string[][]; head: string[][][] };

/**
 * The page's text by block, in the page's order (see pageWords: blocks apart, inline elements joined; what print
 * hides left out); a table row as its cells. The order check of a PDF compares each with the PDF's text.
 */
export function pageBlocks(tree: Root): TextBlock[] {
  const found: TextBlock[] = [];
  let text = "";
  let head: string[][][] = [];
  // Inside the contents: its entries are positioned (their page numbers beside them), which a print paints after
  // the text around them, so they are looked for anywhere, not in turn.
  let contents = 0;
  const end = () => {
    const words = splitWords(text);
    if (words.length > 0) found.push(contents > 0 ? { kind: "flow", words, free: true } : { kind: "flow", words });
    text = "";
  };
  const walk = (node: Root | RootContent) => {
    if (node.type === "text") text += node.value;
    if (node.type !== "element" && node.type !== "root") return;
    const element = node.type === "element" ? node : undefined;
    if (element && (element.tagName === "head" || element.tagName === "script" || element.tagName === "style" || isHidden(element))) return;
    if (element?.tagName === "table") {
      // Its head's rows, which a print repeats at the top of each page the table runs over.
      head = headsOf(element);
    }
    if (element?.tagName === "tr") {
      end();
      const cells = cellsOf(element);
      // A table inside a cell (a measure's own table in the matrix view) has its head printed again too.
      if (cells.length > 0) found.push({ kind: "row", cells, head: [...head, ...headsWithin(element)] });
      return;
    }
    const block = element !== undefined && blocks.has(element.tagName);
    const toc = element !== undefined && classesOf(element).includes("toc");
    if (block || toc) end();
    if (toc) contents++;
    for (const child of node.children) walk(child);
    if (block || toc) end();
    if (toc) contents--;
  };
  walk(tree);
  end();
  return found;
}

// The words of a table row's cells, empty cells left out.
function cellsOf(row: Element): string[][] {
  return row.children
    .flatMap((cell) => (cell.type === "element" && (cell.tagName === "td" || cell.tagName === "th") ? [pageWords({ type: "root", children: [cell] })] : []))
    .filter((c) => c.length > 0);
}

// The rows of a table's head.
function headsOf(table: Element): string[][][] {
  const rows: string[][][] = [];
  for (const part of table.children) {
    if (part.type !== "element" || part.tagName !== "thead") continue;
    for (const row of part.children) if (row.type === "element" && row.tagName === "tr") rows.push(cellsOf(row));
  }
  return rows;
}

// The head rows of the tables inside an element.
function headsWithin(node: Element): string[][][] {
  return node.children.flatMap((child) =>
    child.type !== "element" ? [] : child.tagName === "table" ? [...headsOf(child), ...headsWithin(child)] : headsWithin(child),
  );
}
