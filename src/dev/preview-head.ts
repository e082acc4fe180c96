import type { Element, Root, RootContent } from "hast";
import { h } from "hastscript";

/** Where the preview's script is served (a file of its own: the pages' policy allows no inline script). */
export const clientPath = "/__toms/client.js";

/** The Server-Sent Events stream the preview's script listens to. */
export const eventsPath = "/__toms/events";

/**
 * The Content-Security-Policy of a preview page: the published page's, plus exactly what the preview adds, its own
 * script and the event stream (both from the server itself). Content stays unable to run anything.
 */
export function previewPolicy(published: string): string {
  const kept = published
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "" && !/^(script-src|connect-src)\b/.test(part));
  return [...kept, "script-src 'self'", "connect-src 'self'"].join("; ");
}

/** The policy of pages that come from no template (errors, a page that is not there): the same as an annex page's. */
export const fallbackPolicy = previewPolicy("default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'");

/**
 * Adds to a rendered page's tree what only the preview has, in its <head>: which page it is and its fingerprint (the
 * script reloads the page when a save changed it), the script, and the policy that lets exactly that script run.
 * The page as printed is rendered apart (copying a large page's tree costs more than rendering it).
 */
export function addPreviewHead(tree: Root, page: string, fingerprint: string): Root {
  const head = findElement(tree, "head");
  if (!head) throw new Error(`the page ${page} has no <head>`);
  for (const child of head.children) {
    if (child.type === "element" && child.tagName === "meta" && String(child.properties.httpEquiv ?? "").toLowerCase() === "content-security-policy") {
      child.properties.content = previewPolicy(String(child.properties.content ?? ""));
    }
  }
  head.children.push(...previewMarkers(page, fingerprint));
  return tree;
}

/** The <head> elements of the preview: the page's name and fingerprint ("*": reload on every change) and the script. */
export function previewMarkers(page: string, fingerprint: string): Element[] {
  return [
    h("meta", { name: "toms-page", content: page }),
    h("meta", { name: "toms-fingerprint", content: fingerprint }),
    h("script", { type: "module", src: clientPath }),
  ];
}

function findElement(node: Root | Element, tagName: string): Element | undefined {
  for (const child of node.children as RootContent[]) {
    if (child.type !== "element") continue;
    if (child.tagName === tagName) return child;
    const found = findElement(child, tagName);
    if (found) return found;
  }
  return undefined;
}
