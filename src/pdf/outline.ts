import type { Root, RootContent } from "hast";
import { objectBody, refOf, rootOf, type PdfFile } from "./pdf-file.js";
import { decodeText, encodeText, stringToken } from "./pdf-text.js";

/** The text of every heading (h1–h6) of a page in document order, white space collapsed. */
export function headingTexts(tree: Root): string[] {
  const texts: string[] = [];
  const text = (node: RootContent): string => (node.type === "text" ? node.value : "children" in node ? node.children.map(text).join("") : "");
  const walk = (node: Root | RootContent) => {
    if (node.type === "element" && /^h[1-6]$/.test(node.tagName)) texts.push(collapse(text(node)));
    else if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return texts;
}

/** The outline (bookmark) items in reading order: object number and title. */
export function outlineItems(pdf: PdfFile): { n: number; title: string }[] {
  const outlines = refOf(objectBody(pdf, rootOf(pdf)), "Outlines");
  if (outlines === undefined) return [];
  const items: { n: number; title: string }[] = [];
  const visit = (first: number | undefined) => {
    for (let n = first; n !== undefined; n = refOf(objectBody(pdf, n), "Next")) {
      const body = objectBody(pdf, n);
      const title = new RegExp(`/Title\\s*(${stringToken})`).exec(body)?.[1];
      items.push({ n, title: title ? decodeText(title) : "" });
      visit(refOf(body, "First"));
    }
  };
  visit(refOf(objectBody(pdf, outlines), "First"));
  return items;
}

/**
 * New bodies for the bookmarks whose title Chromium spelt wrong: it builds a bookmark from the heading as laid
 * out, drops the space where the heading wraps ("organisatorischeMaßnahmen"), and repeats the text of a heading
 * that layout first tried at the foot of a page and then moved to the next ("PräambelPräambel"). The outline
 * lists the headings in document order, so item i is heading i; a title is only replaced by a text that differs
 * from it in white space alone or that it repeats, and nothing is replaced when the two lists do not pair up.
 */
export function outlineTitleFixes(pdf: PdfFile, headings: string[]): Map<number, string> {
  const items = outlineItems(pdf);
  const fixes = new Map<number, string>();
  if (items.length !== headings.length) return fixes;
  items.forEach((item, i) => {
    const heading = headings[i]!;
    if (item.title === heading || !repeats(squeeze(item.title), squeeze(heading))) return;
    const body = objectBody(pdf, item.n).trim();
    fixes.set(
      item.n,
      body.replace(new RegExp(`/Title\\s*${stringToken}`), () => `/Title ${encodeText(heading)}`),
    );
  });
  return fixes;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

// Whether `title` is `heading` with each of its pieces (text nodes, as Chromium lays them out) said k times over:
// "(3)(3) MaßnahmenMaßnahmen" for "(3) Maßnahmen". Splits the heading by dynamic programming; k = 1 is equality.
function repeats(title: string, heading: string): boolean {
  if (heading === "" || title.length % heading.length !== 0) return false;
  const k = title.length / heading.length;
  // reached[i]: heading[0, i) is matched by title[0, k·i).
  const reached = new Array<boolean>(heading.length + 1).fill(false);
  reached[0] = true;
  for (let i = 0; i < heading.length; i++) {
    if (!reached[i]) continue;
    for (let end = i + 1; end <= heading.length; end++) {
      if (!reached[end] && title.startsWith(heading.slice(i, end).repeat(k), k * i)) reached[end] = true;
    }
  }
  return reached[heading.length]!;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, "");
}
