import type { Nodes, Root } from "hast";
import { toHtml } from "hast-util-to-html";

// Subtrees that many pages show unchanged (a measure's rendered text: the same node objects in every annex that
// shows the measure, see render-prose.ts) are serialized once per process and their HTML reused: on the 2,000 ×
// 10 benchmark site the annexes hold each text about five times, and serializing was a fifth of an HTML build.
// Only nodes registered here are reused, and a registered node is never changed after (render-prose.ts clones
// before it moves headings or places footnotes); anything else is serialized as it is every time.
const shared = new WeakSet<Nodes>();
const serialized = new WeakMap<Nodes, string>();

/**
 * Registers nodes that are never changed again and appear in many pages, so that their HTML is made once. They are
 * frozen, so that code changing one (which would leave its HTML as it was) fails at once instead of publishing
 * stale text: a change needs a copy (structuredClone), as render-prose.ts makes.
 */
export function shareNodes(nodes: readonly Nodes[]): void {
  for (const node of nodes) {
    deepFreeze(node);
    shared.add(node);
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

/**
 * The HTML of a page tree: what hast-util-to-html (rehype-stringify) makes of it, byte for byte, with the HTML of
 * registered nodes made once. The tree is not changed: the path to a registered node is copied with that node
 * replaced by a `raw` node of its own HTML. Only those raw nodes exist in the copy: any other raw node (toms makes
 * none; remark-rehype makes none without allowDangerousHtml, rehype-sanitize drops them) is shown as text, as
 * hast-util-to-html shows it by default, so allowing raw HTML lets nothing else through.
 */
export function serializePage(tree: Root): string {
  return toHtml(withSharedHtml(tree) as Root, { allowDangerousHtml: true });
}

function withSharedHtml(node: Nodes): Nodes {
  if (shared.has(node)) {
    let html = serialized.get(node);
    if (html === undefined) {
      // Alone, as in its place: prose is HTML (no svg), never inside script or style, and no optional tags are
      // omitted, so a node's HTML does not depend on its parent (the page tests compare whole pages byte for byte).
      html = toHtml(node);
      serialized.set(node, html);
    }
    return { type: "raw", value: html };
  }
  // As hast-util-to-html shows it without allowDangerousHtml: as text (toms makes none; this keeps it so).
  if (node.type === "raw") return { type: "text", value: node.value };
  if (!("children" in node)) return node;
  let copied: Nodes[] | undefined;
  node.children.forEach((child, i) => {
    const replaced = withSharedHtml(child);
    if (replaced !== child) {
      copied ??= [...node.children];
      copied[i] = replaced;
    }
  });
  // A <template>'s content is a tree of its own, which hast-util-to-html writes too.
  const content = node.type === "element" && node.content ? (withSharedHtml(node.content) as Root) : undefined;
  const contentCopied = content !== undefined && node.type === "element" && content !== node.content;
  if (!copied && !contentCopied) return node;
  return { ...node, ...(copied && { children: copied }), ...(contentCopied && { content }) } as Nodes;
}
