import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { renderedProse } from "../diff/rendering.js";
import { diffSequences } from "../diff/sequence.js";

/**
 * A text's change as a reader of the annex sees it, for the changes page: both versions are rendered as the annex
 * renders them (Markdown made into paragraphs, lists, emphasis and links), read as words in blocks, and the words are
 * compared. So a lawyer reads the text, never Markdown source, and a change of Markdown that changes nothing on the
 * page (a reflowed paragraph, `*` for `-`) shows nothing. Removed words are `<del>`, added ones `<ins>`; a block
 * (paragraph, list item, table row) that either version has is shown, so a paragraph added or removed whole reads as
 * one. A link's address is a word of the text, as it is in print: a link that leads elsewhere is a change.
 */
export function proseDiff(before: string | undefined, after: string | undefined): Element[] {
  const a = before === undefined ? [] : readWords(renderedProse(before).nodes);
  const b = after === undefined ? [] : readWords(renderedProse(after).nodes);
  return buildBlocks(mergedTokens(a, b));
}

/** Two short values (a title, a status) as one line: the old struck, the new marked. */
export function valueDiff(before: string | undefined, after: string | undefined): ElementContent[] {
  const words = (text: string | undefined): Token[] => (text === undefined ? [] : splitText(text, []));
  const blocks = buildBlocks(mergedTokens(words(before), words(after)));
  return blocks.flatMap((b) => b.children);
}

/** An inline mark a word carries on the page: emphasis, code, a link (its address in `href`). */
interface Mark {
  tag: "strong" | "em" | "code" | "s" | "sup" | "a" | "address";
  href?: string;
}

/** A word, a space, or where the page starts a block or a line. */
interface Token {
  /** What is compared: the word itself; for a block start its kind and depth; for a line break "\n". */
  key: string;
  text: string;
  marks: Mark[];
  block?: { kind: "p" | "h" | "li" | "pre" | "row" | "hr"; depth: number; marker?: string };
  /** A line break within a block, or the gap between two cells of a table row. */
  inline?: "br" | "cell";
}

/** A token of the merged sequence and whether it was kept, removed or added. */
interface Merged {
  status: "equal" | "removed" | "added";
  token: Token;
}

// Reads rendered prose into tokens: words and spaces with their marks, and a token where each block starts.
function readWords(nodes: ElementContent[]): Token[] {
  const out: Token[] = [];
  const walk = (list: ElementContent[], marks: Mark[], depth: number, pre: boolean) => {
    for (const node of list) {
      if (node.type === "text") {
        if (pre) out.push(...splitLines(node.value, marks));
        else out.push(...splitText(node.value, marks));
        continue;
      }
      if (node.type !== "element") continue;
      const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
      // A footnote's way back and the footnotes' label ("Footnotes", in English as rendered) are the page's, not the text's.
      if (node.properties.dataFootnoteBackref !== undefined || classes.includes("footnotes-label")) continue;
      const tag = node.tagName;
      const block = (kind: NonNullable<Token["block"]>["kind"], d = depth, marker?: string) =>
        out.push({ key: `\u0000${kind}:${d}`, text: "", marks: [], block: { kind, depth: d, ...(marker !== undefined && { marker }) } });
      if (tag === "p" || tag === "dt" || tag === "dd" || tag === "summary") {
        // A list item's first paragraph is the item itself.
        if (!(out[out.length - 1]?.block?.kind === "li")) block("p");
        walk(node.children, marks, depth, pre);
      } else if (/^h[1-6]$/.test(tag)) {
        block("h");
        walk(node.children, marks, depth, pre);
      } else if (tag === "ul" || tag === "ol") {
        const start = typeof node.properties.start === "number" ? node.properties.start : 1;
        let n = start;
        for (const item of node.children) {
          if (item.type !== "element" || item.tagName !== "li") continue;
          block("li", depth + 1, tag === "ol" ? `${n++}${classes.includes("paren") ? ")" : "."}` : "•");
          walk(item.children, marks, depth + 1, pre);
        }
      } else if (tag === "pre") {
        block("pre");
        walk(node.children, [], depth, true);
      } else if (tag === "tr") {
        block("row");
        node.children
          .filter((c): c is Element => c.type === "element")
          .forEach((cell, i) => {
            if (i > 0) out.push({ key: "\u0000cell", text: " | ", marks: [], inline: "cell" });
            walk(cell.children, marks, depth, pre);
          });
      } else if (tag === "hr") {
        block("hr");
      } else if (tag === "br") {
        out.push({ key: "\u0000br", text: "\n", marks: [], inline: "br" });
      } else if (tag === "input") {
        // Removed by the renderer in favour of a task box; nothing to read.
      } else if (tag === "strong" || tag === "em" || tag === "code" || tag === "sup") {
        walk(node.children, [...marks, { tag }], depth, pre);
      } else if (tag === "del") {
        // The author's strikethrough is shown as <s>: <del> on this page means a word the new version removed.
        walk(node.children, [...marks, { tag: "s" }], depth, pre);
      } else if (tag === "a") {
        const href = typeof node.properties.href === "string" ? node.properties.href : "";
        // Links within the text (footnote references) lead to nothing on this page: their text stays, without a link.
        walk(node.children, href.startsWith("#") || href === "" ? marks : [...marks, { tag: "a", href }], depth, pre);
      } else if (classes.includes("link-address")) {
        walk(node.children, [...marks, { tag: "address" }], depth, pre);
      } else {
        walk(node.children, marks, depth, pre);
      }
    }
  };
  walk(nodes, [], 0, false);
  return out;
}

// Words and the spaces between them (any run of white space is one space, as on the page).
function splitText(text: string, marks: Mark[]): Token[] {
  return (text.match(/[ \t\n\r\f]+|[^ \t\n\r\f]+/g) ?? []).map((part) =>
    /^[ \t\n\r\f]+$/.test(part) ? { key: " ", text: " ", marks } : { key: part, text: part, marks },
  );
}

// A code block keeps its lines and spacing: each line is compared whole.
function splitLines(text: string, marks: Mark[]): Token[] {
  const out: Token[] = [];
  text
    .replace(/\n$/, "")
    .split("\n")
    .forEach((line, i) => {
      if (i > 0) out.push({ key: "\u0000br", text: "\n", marks: [], inline: "br" });
      if (line !== "") out.push({ key: line, text: line, marks });
    });
  return out;
}

// The two token sequences compared by their keys; kept tokens are the new version's (its emphasis and links). A space
// between two changes joins them, so a replaced phrase reads as one ("[− vom Empfang] [+ von der Sicherheit]").
function mergedTokens(a: Token[], b: Token[]): Merged[] {
  const runs = diffSequences(
    a.map((t) => t.key),
    b.map((t) => t.key),
  );
  const out: Merged[] = [];
  let i = 0;
  let j = 0;
  for (const run of runs) {
    for (let n = 0; n < run.items.length; n++) {
      if (run.type === "removed") out.push({ status: "removed", token: a[i++] as Token });
      else {
        out.push({ status: run.type, token: b[j++] as Token });
        if (run.type === "equal") i++;
      }
    }
  }
  return joinPhrases(out);
}

function joinPhrases(tokens: Merged[]): Merged[] {
  const out: Merged[] = [];
  let removed: Merged[] = [];
  let added: Merged[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  tokens.forEach((m, k) => {
    const changing = removed.length > 0 || added.length > 0;
    const next = tokens[k + 1];
    if (m.status === "removed") removed.push(m);
    else if (m.status === "added") added.push(m);
    else if (changing && m.token.key === " " && next && next.status !== "equal" && !next.token.block) {
      removed.push({ status: "removed", token: m.token });
      added.push({ status: "added", token: m.token });
    } else {
      flush();
      out.push(m);
    }
  });
  flush();
  return out;
}

// The merged tokens as blocks: a paragraph, a heading (shown as a strong paragraph: the page's own headings stay the
// page's outline), a list item with its marker, a code block, a table row. Runs of removed and added words become
// <del> and <ins>, with the words' emphasis and links inside them.
function buildBlocks(tokens: Merged[]): Element[] {
  const blocks: { block: NonNullable<Token["block"]>; items: Merged[] }[] = [];
  for (const m of tokens) {
    if (m.token.block) blocks.push({ block: m.token.block, items: [] });
    else {
      if (blocks.length === 0) blocks.push({ block: { kind: "p", depth: 0 }, items: [] });
      blocks[blocks.length - 1]?.items.push(m);
    }
  }
  return blocks
    .filter((b) => b.block.kind === "hr" || b.items.some((m) => m.token.key !== " "))
    .map(({ block, items }) => {
      const inline = inlineNodes(items);
      const removedOnly = items.every((m) => m.status === "removed" || m.token.key === " ");
      const addedOnly = items.every((m) => m.status === "added" || m.token.key === " ");
      const state = removedOnly ? ".block-removed" : addedOnly ? ".block-added" : "";
      switch (block.kind) {
        case "h":
          return h(`p.diff-heading${state}`, h("strong", inline));
        case "li":
          return h(`p.diff-item.depth-${Math.min(block.depth, 6)}${state}`, [h("span.item-mark", block.marker ?? "•"), " ", ...inline]);
        case "pre":
          return h(`pre${state}`, h("code", inline));
        case "row":
          return h(`p.diff-row${state}`, inline);
        case "hr":
          return h("hr");
        default:
          return h(`p${state}`, inline);
      }
    });
}

// Words with the same fate and marks go into one element; spaces at the edge of a change stay outside it, and a
// removed run and the added run after it are kept a space apart (so "alt neu" never reads as one word).
function inlineNodes(items: Merged[]): ElementContent[] {
  const out: ElementContent[] = [];
  let k = 0;
  const trimmed = items.slice(
    items.findIndex((m) => m.token.key !== " "),
    items.length - [...items].reverse().findIndex((m) => m.token.key !== " "),
  );
  while (k < trimmed.length) {
    const first = trimmed[k] as Merged;
    if (first.status === "equal") {
      out.push(...marked([first.token]));
      k++;
      continue;
    }
    let end = k;
    while (end < trimmed.length && trimmed[end]?.status === first.status) end++;
    const run = trimmed.slice(k, end).map((m) => m.token);
    // Spaces at the edges stay outside the change.
    let lead = 0;
    while (run[lead]?.key === " ") lead++;
    let tail = run.length;
    while (tail > lead && run[tail - 1]?.key === " ") tail--;
    if (lead > 0) out.push(space());
    if (tail > lead) {
      if (first.status === "added" && out.length > 0 && lastIsDel(out)) out.push(space());
      out.push(h(first.status === "removed" ? "del" : "ins", marked(run.slice(lead, tail))));
    }
    if (tail < run.length) out.push(space());
    k = end;
  }
  return mergeText(out);
}

function lastIsDel(nodes: ElementContent[]): boolean {
  const last = nodes[nodes.length - 1];
  return last?.type === "element" && last.tagName === "del";
}

function space(): ElementContent {
  return { type: "text", value: " " };
}

// Tokens as nodes, each wrapped in its marks (a line break as <br>, the gap between cells as a divider).
function marked(tokens: Token[]): ElementContent[] {
  return tokens.map((token): ElementContent => {
    if (token.inline === "br") return h("br");
    if (token.inline === "cell") return h("span.cell-gap", " | ");
    let node: ElementContent = { type: "text", value: token.text };
    // Children in an array: hastscript takes a lone object for properties.
    for (const mark of [...token.marks].reverse()) {
      if (mark.tag === "a") node = h("a", { href: mark.href }, [node]);
      else if (mark.tag === "address") node = h("span.link-address-shown", [node]);
      else node = h(mark.tag, [node]);
    }
    return node;
  });
}

// Adjacent text nodes and adjacent elements of one kind with the same attributes joined: "<strong>a</strong><strong> b</strong>" is "<strong>a b</strong>".
function mergeText(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (last?.type === "text" && node.type === "text") {
      last.value = `${last.value}${node.value}`.replace(/ {2,}/g, " ");
    } else if (
      last?.type === "element" &&
      node.type === "element" &&
      last.tagName === node.tagName &&
      JSON.stringify(last.properties) === JSON.stringify(node.properties) &&
      last.tagName !== "br" &&
      last.tagName !== "del" &&
      last.tagName !== "ins"
    ) {
      last.children = mergeText([...last.children, ...node.children]);
    } else out.push(node.type === "element" ? { ...node, children: mergeText(node.children) } : node);
  }
  return out;
}
