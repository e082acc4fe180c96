import type { Nodes, Root } from "mdast";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { parseMarkdown } from "../load/markdown.js";
import type { Prose, Site } from "../model.js";
import { placeInProse } from "../resolve/prose.js";
import { markdownLimitProblem } from "./markdown-limits.js";

/** Link targets a reader may follow: web, mail, phone, and anchors within the page. */
const safeProtocols = new Set(["http", "https", "mailto", "tel"]);

/** Every piece of Markdown of a document, each once (a reused measure shares its source's prose; a prose file may be named twice). */
export function allProse(site: Site): Prose[] {
  const found = new Map<string, Prose>();
  const add = (p: Prose | undefined) => p && found.set(`${p.file}:${p.line}:${p.column}`, p);
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
  return [...found.values()];
}

/** Rejects what must not reach a reader from Markdown: raw HTML, and links that run code or embed data. */
export function lintProse(prose: Prose, diagnostics: Diagnostics): void {
  // <b>…</b> is one mistake: a closing tag is reported only when its opening tag was not.
  const opened = new Set<string>();
  const limit = markdownLimitProblem(prose.markdown);
  if (limit) {
    const { line, column } = positionOf(prose.markdown, limit.offset);
    diagnostics.add("markdown-too-complex", placeInProse(prose, line, column, limit.offset), limit.message);
    return;
  }
  if (!mayBeUnsafe(prose.markdown)) return;
  let tree: Root;
  try {
    tree = parseMarkdown(prose.markdown);
  } catch {
    // The limits above should keep the parser within its stack; if some shape still overflows it, say so.
    diagnostics.add("markdown-too-complex", placeInProse(prose, 1, 1, 0), "The text is too complex to read; simplify its formatting or split it.");
    return;
  }
  visit(tree, (node) => {
    // Only a node that is reported needs its place (mapping a YAML value's offsets costs time).
    const start = node.position?.start;
    const place = () => (start ? placeInProse(prose, start.line, start.column, start.offset) : placeInProse(prose, 1, 1, 0));
    if (node.type === "html") {
      const match = /<\s*(\/?)\s*([a-zA-Z][\w-]*)/.exec(node.value);
      const tag = match?.[2]?.toLowerCase();
      if (tag === undefined && /^<!--/.test(node.value.trim())) return;
      if (tag !== undefined && match?.[1] === "/" && opened.has(tag)) return;
      if (tag !== undefined) opened.add(tag);
      const what = tag ? `the HTML element <${tag}>` : "HTML";
      diagnostics.add("markdown-html", place(), `The text contains ${what}; annex text is Markdown only, HTML is not allowed.`);
    } else if ((node.type === "image" && isSafeTarget(node.url)) || node.type === "imageReference") {
      // The pages and PDFs load nothing but their own files (CSP, offline printing), and content files are not
      // copied into the site: an image would show as broken, so the renderer drops it and says so here.
      diagnostics.add("markdown-image", place(), "Images are not shown in the annex (its pages and PDFs load no other files); describe the measure in words.");
    } else if ((node.type === "link" || node.type === "image" || node.type === "definition") && !isSafeTarget(node.url)) {
      const what = node.type === "image" ? "An image" : "A link";
      diagnostics.add("unsafe-link", place(), `${what} here uses "${protocolOf(node.url)}:", which is not allowed; use an http, https, mailto or tel address.`);
    }
  });
}

// Autolinks that can only be safe: <https://…>, <mailto:…>, <tel:…>.
const safeAutolink = /<(?:https?|mailto|tel):[^\s<>]*>/gi;

/**
 * Whether a text can hold what lintProse rejects, by a conservative scan that costs far less than parsing:
 * raw HTML needs "<" and a letter, "/", "!" or "?"; an image starts with "!["; a link target follows "](" or "]:" (a
 * definition). Targets with an unsafe scheme, or with escapes and entities that could hide one, need the parser.
 */
export function mayBeUnsafe(markdown: string): boolean {
  if (/<[A-Za-z/!?]/.test(markdown.replace(safeAutolink, "")) || markdown.includes("![")) return true;
  for (const match of markdown.matchAll(/\]\(|\]:/g)) {
    const rest = markdown.slice((match.index ?? 0) + 2, (match.index ?? 0) + 2 + 2048);
    const target = /^[ \t]*\n?[ \t]*<?([^\s)>]*)/.exec(rest)?.[1] ?? "";
    if (/[&\\%\u0000-\u001f]/.test(target)) return true;
    const scheme = protocolOf(target);
    if (scheme !== undefined && !safeProtocols.has(scheme)) return true;
  }
  return false;
}

function isSafeTarget(url: string): boolean {
  const scheme = protocolOf(url);
  return scheme === undefined || safeProtocols.has(scheme);
}

/** The scheme of a URL as a browser would see it (case and control characters ignored), or undefined for relative URLs. */
export function protocolOf(url: string): string | undefined {
  // Browsers drop ASCII tab and newline anywhere in a URL and trim control characters and spaces.
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match?.[1]?.toLowerCase();
}

// Iterative, so no text can exhaust the stack.
function visit(tree: Root, fn: (node: Nodes) => void): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    fn(node);
    if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}

// 1-based line and column of an offset in a text.
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
