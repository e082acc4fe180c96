import type { Nodes, Paragraph, Parents, PhrasingContent } from "mdast";
import { type Block, plain } from "./source.js";
import type { LeftOut } from "./report.js";

/** A block of the source as the annex can show it (none when nothing of it can be shown), and what was left out of it. */
export interface Cleaned {
  block?: Block;
  leftOut: LeftOut[];
}

/** Each block as the annex can show it: without images, HTML, links that lead nowhere or to files, unreadable tables. */
export function cleanBlocks(blocks: readonly Block[]): Cleaned[] {
  return blocks.map(clean);
}

function clean(block: Block): Cleaned {
  const leftOut: LeftOut[] = [];
  const node = block.node;
  // Rules between paragraphs are layout, and a text of only a rule shows nothing.
  if (node.type === "thematicBreak" || node.type === "definition") return { leftOut };
  if (node.type === "html") {
    leftOut.push({ where: block.where, text: node.value, reason: "html" });
    return { leftOut };
  }
  if (node.type === "paragraph" && node.data?.toms === "unreadable-table") {
    leftOut.push({ where: block.where, text: block.text, reason: "table" });
    return { leftOut };
  }
  const onlyLinks = node.type === "paragraph" && isOnlyLinks(node);
  let changed = false;
  let links = 0;
  let nowhere = 0;
  rewrite(node, (child) => {
    if (child.type === "image" || child.type === "imageReference") {
      leftOut.push({ where: block.where, text: child.alt || "", reason: "image" });
      changed = true;
      return [];
    }
    if (child.type === "html") {
      leftOut.push({ where: block.where, text: child.value, reason: "html" });
      changed = true;
      return [];
    }
    if (child.type === "link") {
      links++;
      const kind = linkKind(child.url);
      if (kind === "web") return undefined;
      if (kind === "nowhere") nowhere++;
      else leftOut.push({ where: block.where, text: child.url, reason: kind === "file" ? "link-file" : "link-scheme" });
      changed = true;
      return child.children;
    }
    return undefined;
  });
  // A paragraph of nothing but links to "#" is a button of the web page ("als PDF speichern").
  if (onlyLinks && links > 0 && nowhere === links) {
    leftOut.push({ where: block.where, text: block.text, reason: "link-nowhere" });
    return { leftOut };
  }
  const text = plain(node);
  if (text === "" && node.type !== "code") return { leftOut };
  const { markdown: _written, ...rest } = block;
  return { block: changed || nowhere > 0 ? { ...rest, text } : block, leftOut };
}

// Whether a paragraph was nothing but links (the text between them blanks or separators).
function isOnlyLinks(paragraph: Paragraph): boolean {
  return paragraph.children.every((c) => c.type === "link" || (c.type === "text" && /^[\s,;|·•]*$/.test(c.value)));
}

// Where a link leads: the web, mail or a phone (kept), nowhere ("#", ""), a file beside the page, or another scheme.
function linkKind(url: string): "web" | "nowhere" | "file" | "scheme" {
  const trimmed = url.trim();
  if (trimmed === "" || trimmed === "#") return "nowhere";
  if (/^(https?:|mailto:|tel:)/i.test(trimmed)) return "web";
  if (trimmed.startsWith("#")) return "nowhere";
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return "scheme";
  return "file";
}

// Replaces inline nodes bottom-up: `change` returns the nodes that take a node's place, or undefined to keep it.
function rewrite(node: Nodes, change: (child: PhrasingContent) => PhrasingContent[] | undefined): void {
  if (!("children" in node)) return;
  const parent = node as Parents;
  const children: Nodes[] = [];
  for (const child of parent.children) {
    rewrite(child, change);
    const replaced = isPhrasing(child) ? change(child) : undefined;
    children.push(...(replaced ?? [child]));
  }
  parent.children = children as Parents["children"];
}

function isPhrasing(node: Nodes): node is PhrasingContent {
  return [
    "text",
    "emphasis",
    "strong",
    "delete",
    "link",
    "linkReference",
    "image",
    "imageReference",
    "inlineCode",
    "break",
    "html",
    "footnoteReference",
  ].includes(node.type);
}
