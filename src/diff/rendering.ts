import type { ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { proseToHast } from "../render/prose-hast.js";
import { TextCache } from "../util/text-cache.js";
import { diffSequences } from "./sequence.js";
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

/**
 * For two texts whose words differ: the old text with only the new spacing between words kept on both sides, when
 * that alone changes the page (a blank line elsewhere that turns a line into a link reference definition, two
 * trailing spaces); undefined when the spacing changes nothing the page shows. The word diff does not show it.
 */
export function respacedOnly(before: string, after: string): string | undefined {
  const split = (text: string) => {
    const tokens = tokenize(text);
    const words: string[] = [];
    const spaces: string[] = [];
    let space = "";
    for (const t of tokens) {
      if (/^\s+$/.test(t)) space += t;
      else {
        words.push(t);
        spaces.push(space);
        space = "";
      }
    }
    return { words, spaces, end: space };
  };
  const b = split(before);
  const a = split(after);
  let i = 0;
  let j = 0;
  let changed = false;
  const spaces = [...b.spaces];
  for (const run of diffSequences(b.words, a.words)) {
    if (run.type === "equal") {
      for (let k = 0; k < run.items.length; k++, i++, j++) {
        // Between two words kept next to each other on both sides, take the new spacing.
        if (k > 0 && spaces[i] !== a.spaces[j]) {
          spaces[i] = a.spaces[j] as string;
          changed = true;
        }
      }
    } else if (run.type === "removed") i += run.items.length;
    else j += run.items.length;
  }
  if (!changed) return undefined;
  const respaced = b.words.map((w, k) => `${spaces[k]}${w}`).join("") + b.end;
  return renderedProse(respaced).html === renderedProse(before).html ? undefined : respaced;
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
