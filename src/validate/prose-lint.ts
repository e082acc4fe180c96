import type { Nodes, Root } from "mdast";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { parseMarkdown } from "../load/markdown.js";
import type { Prose, Site } from "../model.js";
import { placeInProse } from "../resolve/prose.js";

/** Link targets a reader may follow: web, mail, phone, and anchors within the page. */
const safeProtocols = new Set(["http", "https", "mailto", "tel"]);

/** Every piece of Markdown of a document, each once (a reused measure shares its source's prose). */
export function allProse(site: Site): Prose[] {
  const found = new Set<Prose>();
  const add = (p: Prose | undefined) => p && found.add(p);
  add(site.preamble);
  for (const location of site.locations) add(location.description);
  for (const group of site.groups) {
    add(group.intro);
    for (const section of group.sections) {
      add(section.intro);
      for (const measure of section.measures) add(measure.prose);
    }
  }
  for (const change of site.changes) add(change.summary);
  return [...found];
}

/** Rejects what must not reach a reader from Markdown: raw HTML, and links that run code or embed data. */
export function lintProse(prose: Prose, diagnostics: Diagnostics): void {
  visit(parseMarkdown(prose.markdown), (node) => {
    const start = node.position?.start;
    const place = start ? placeInProse(prose, start.line, start.column) : placeInProse(prose, 1, 1);
    if (node.type === "html") {
      const tag = /<\s*\/?\s*([a-zA-Z][\w-]*)/.exec(node.value)?.[1]?.toLowerCase();
      if (tag === undefined && /^<!--/.test(node.value.trim())) return;
      const what = tag ? `the HTML element <${tag}>` : "HTML";
      diagnostics.add("markdown-html", place, `The text contains ${what}; annex text is Markdown only, HTML is not shown.`);
    } else if (node.type === "link" || node.type === "image" || node.type === "definition") {
      const scheme = protocolOf(node.url);
      if (scheme !== undefined && !safeProtocols.has(scheme)) {
        const what = node.type === "image" ? "An image" : "A link";
        diagnostics.add("unsafe-link", place, `${what} here uses "${scheme}:", which is not allowed; use an http, https or mailto address.`);
      }
    }
  });
}

/** The scheme of a URL as a browser would see it (case and control characters ignored), or undefined for relative URLs. */
export function protocolOf(url: string): string | undefined {
  // Browsers drop ASCII tab and newline anywhere in a URL and trim control characters and spaces.
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match?.[1]?.toLowerCase();
}

function visit(tree: Root, fn: (node: Nodes) => void): void {
  const walk = (node: Nodes) => {
    fn(node);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
}
