import type { ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { proseToHast } from "../render/prose-hast.js";
import { TextCache } from "../util/text-cache.js";
import { tokenize } from "./word-diff.js";

/** How two versions of a text differ for a reader of the annex. */
export type ProseDifference = "same" | "words" | "spacing";

// Each text is rendered once per process, however many annexes show it; only texts that differ are rendered at all.
const rendered = new TextCache<{ nodes: ElementContent[]; html: string }>();

/** A text as the annex page shows it: the sanitized hast, and its HTML with the whitespace a browser collapses collapsed. */
export function renderedProse(markdown: string): { nodes: ElementContent[]; html: string } {
  const found = rendered.get(markdown);
  if (found) return found;
  const nodes = proseToHast(markdown);
  const copy = structuredClone(nodes);
  collapseSpace(copy, false);
  const root: Root = { type: "root", children: copy };
  return rendered.set(markdown, { nodes, html: toHtml(root) });
}

/**
 * Whether two texts read the same: "same" when they render to the same page (a reflowed paragraph, a final
 * newline), "words" when the words changed, "spacing" when the words are the same but line breaks or spacing
 * change what the page shows (two trailing spaces make a hard break; a blank line can turn a line into a link
 * reference definition, which is not shown at all). Texts that are equal as written are never rendered.
 */
export function proseDifference(a: string | undefined, b: string | undefined): ProseDifference {
  if (a === b) return "same";
  if (a === undefined || b === undefined) return "words";
  if (renderedProse(a).html === renderedProse(b).html) return "same";
  return words(a) === words(b) ? "spacing" : "words";
}

/** Whether two texts render to the same page (see proseDifference). */
export function sameProse(a: string | undefined, b: string | undefined): boolean {
  return proseDifference(a, b) === "same";
}

// The words of a text, spacing left out (words hold no whitespace, so one space between them is unambiguous).
function words(text: string): string {
  return tokenize(text)
    .filter((t) => !/^\s+$/.test(t))
    .join(" ");
}

// A browser shows any run of whitespace outside <pre> as one space: a paragraph reflowed in the source is the same page.
function collapseSpace(nodes: ElementContent[], pre: boolean): void {
  for (const node of nodes) {
    if (node.type === "text" && !pre) node.value = node.value.replace(/[ \t\n\r\f]+/g, " ");
    else if (node.type === "element") collapseSpace(node.children, pre || node.tagName === "pre");
  }
}
