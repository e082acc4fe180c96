import fs from "node:fs";
import path from "node:path";
import type { Element, Nodes as HastNodes, Root as HastRoot } from "hast";
import { fromHtml } from "hast-util-from-html";
import { defaultHandlers, toMdast } from "hast-util-to-mdast";
import type { Paragraph, Root, RootContent } from "mdast";
import { parseMarkdown } from "../load/parse-markdown.js";
import { mdastText } from "../util/mdast-walk.js";

/** A block of the source (heading, paragraph, list, table …) at the top level of the document, with where it was. */
export interface Block {
  node: RootContent;
  /** Where it was, for the report: "line 12" (Markdown, HTML) or "paragraph 12" (Word). */
  where: string;
  /** What a reader sees of it, blanks collapsed. */
  text: string;
  /** Whether it runs over more than one line in the source (a line break inside it). */
  multiline: boolean;
  /** The Markdown as written in a Markdown source; dropped once the import changes the block. */
  markdown?: string;
}

/** The file types toms import reads, by extension. */
export const importTypes = { ".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md" } as const;

/** A file type toms import reads. */
export type ImportType = (typeof importTypes)[keyof typeof importTypes];

/** What reading the source gave: its blocks, and what was left out on the way (a web page's navigation …). */
export interface SourceBlocks {
  blocks: Block[];
  leftOut: { where: string; text: string; reason: "page-furniture" | "table" }[];
}

declare module "mdast" {
  interface ParagraphData {
    /** Set on a paragraph that stands for something the import cannot turn into Markdown, or that has a role. */
    toms?: "unreadable-table" | "subtitle";
  }
}

/** Reads a .docx, .html or .md file into top-level Markdown blocks. Throws on a file its reader cannot read. */
export async function readSource(file: string, type: ImportType): Promise<SourceBlocks> {
  if (type === "md") return markdownBlocks(fs.readFileSync(file, "utf8"));
  if (type === "html") return htmlBlocks(fs.readFileSync(file, "utf8"), "line");
  const mammoth = (await import("mammoth")).default;
  const result = await mammoth.convertToHtml(
    { path: path.resolve(file) },
    {
      // Word's own "Title" and "Subtitle" styles are not headings to mammoth; the title is what a title is.
      styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p.toms-subtitle:fresh"],
      // Images are not imported (the annex shows none): no need to carry their bytes as data: addresses.
      convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
    },
  );
  return htmlBlocks(result.value, "paragraph");
}

function markdownBlocks(markdown: string): SourceBlocks {
  const tree = parseMarkdown(markdown, { keep: false });
  const blocks = tree.children.map((node): Block => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return {
      node,
      where: `line ${node.position?.start.line ?? "?"}`,
      text: plain(node),
      multiline: rawText(node).trim().includes("\n"),
      ...(start !== undefined && end !== undefined && { markdown: markdown.slice(start, end) }),
    };
  });
  return { blocks, leftOut: [] };
}

// Page furniture: what a web page has around its text. Navigation and asides anywhere, a header or footer of the page.
const furniture = new Set(["nav", "aside", "script", "style", "noscript", "template", "form", "button", "iframe", "object", "svg"]);

function htmlBlocks(html: string, counted: "line" | "paragraph"): SourceBlocks {
  const page = fromHtml(html);
  const leftOut: SourceBlocks["leftOut"] = [];
  const main = find(page, (e) => e.tagName === "main" || e.tagName === "article") ?? find(page, (e) => e.tagName === "body") ?? page;
  removeWhere(
    main,
    (e, depth) => furniture.has(e.tagName) || (depth === 0 && (e.tagName === "header" || e.tagName === "footer")),
    (e) => {
      const text = hastText(e);
      if (text !== "" && e.tagName !== "script" && e.tagName !== "style") leftOut.push({ where: where(e, counted), text, reason: "page-furniture" });
    },
  );
  const tree = toMdast(main.type === "root" ? main : { type: "root", children: [main] }, {
    handlers: {
      table(state, node) {
        if (!readableTable(node)) {
          const marker: Paragraph = { type: "paragraph", data: { toms: "unreadable-table" }, children: [{ type: "text", value: hastText(node) }] };
          state.patch(node, marker);
          return marker;
        }
        return defaultHandlers.table(state, headed(node));
      },
      p(state, node) {
        const result = defaultHandlers.p(state, node);
        const classes = node.properties.className;
        if (result && Array.isArray(classes) && classes.includes("toms-subtitle")) (result as Paragraph).data = { toms: "subtitle" };
        return result;
      },
    },
  }) as Root;
  const blocks = tree.children.map(
    (node, index): Block => ({
      node,
      where: counted === "line" ? `line ${node.position?.start.line ?? "?"}` : `paragraph ${index + 1}`,
      text: plain(node),
      multiline: rawText(node).trim().includes("\n"),
    }),
  );
  // A Word file's positions are those of mammoth's HTML, which nobody sees: count blocks instead.
  if (counted === "paragraph") for (const item of leftOut) item.where = "";
  return { blocks: fillLines(blocks), leftOut };
}

// Blocks made of loose inline content (text after a list) have no position: they are where the block before was.
function fillLines(blocks: Block[]): Block[] {
  let last = "line 1";
  for (const block of blocks) {
    if (block.where === "line ?") block.where = last;
    else last = block.where;
  }
  return blocks;
}

// A table Markdown can hold: one paragraph of text per cell, no merged cells, no table in a table.
function readableTable(table: Element): boolean {
  let readable = true;
  walk(table, (e) => {
    if (e === table) return;
    if (e.tagName === "table" || e.tagName === "ul" || e.tagName === "ol" || e.tagName === "blockquote" || e.tagName === "pre") readable = false;
    if ((e.tagName === "td" || e.tagName === "th") && (Number(e.properties.colSpan ?? 1) > 1 || Number(e.properties.rowSpan ?? 1) > 1)) readable = false;
    if ((e.tagName === "td" || e.tagName === "th") && e.children.filter((c) => c.type === "element" && c.tagName === "p").length > 1) readable = false;
  });
  return readable;
}

// A table without header cells (Word's, mostly) has its first row as the header, rather than an empty one above it.
function headed(table: Element): Element {
  if (find(table, (e) => e.tagName === "th" || e.tagName === "thead")) return table;
  const first = find(table, (e) => e.tagName === "tr");
  if (first) for (const cell of first.children) if (cell.type === "element" && cell.tagName === "td") cell.tagName = "th";
  return table;
}

function find(node: HastNodes, test: (e: Element) => boolean): Element | undefined {
  let found: Element | undefined;
  walk(node, (e) => {
    if (!found && test(e)) found = e;
  });
  return found;
}

function walk(node: HastNodes, visit: (e: Element) => void): void {
  if (node.type === "element") visit(node);
  if ("children" in node) for (const child of node.children) walk(child, visit);
}

function removeWhere(parent: Element | HastRoot, test: (e: Element, depth: number) => boolean, removed: (e: Element) => void, depth = 0): void {
  parent.children = parent.children.filter((child) => {
    if (child.type !== "element") return true;
    if (test(child, depth)) {
      removed(child);
      return false;
    }
    removeWhere(child, test, removed, depth + 1);
    return true;
  });
}

function where(e: Element, counted: "line" | "paragraph"): string {
  return counted === "line" && e.position ? `line ${e.position.start.line}` : "";
}

function hastText(node: HastNodes): string {
  if (node.type === "text") return node.value.replace(/\s+/g, " ");
  if (!("children" in node)) return "";
  return node.children.map(hastText).join(" ").replace(/\s+/g, " ").trim();
}

/** What a reader sees of a Markdown node, blanks collapsed. */
export function plain(node: RootContent): string {
  return rawText(node).replace(/\s+/g, " ").trim();
}

// The text of a node with its line breaks (a hard break is one too).
function rawText(node: RootContent): string {
  if (node.type === "break") return "\n";
  if ("children" in node) return node.children.map((child) => rawText(child as RootContent)).join("");
  return mdastText(node);
}
