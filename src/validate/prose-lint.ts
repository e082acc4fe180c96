import type { Root } from "mdast";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import { parseMarkdown } from "../load/parse-markdown.js";
import type { Prose, Site } from "../model.js";
import { placeInProse } from "../load/prose.js";
import { walkMdast } from "../util/mdast-walk.js";
import { protocolOf } from "../util/url.js";
import { checkLinks } from "./links.js";
import { checkFidelity, type ReportAt } from "./markdown-fidelity.js";
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

/**
 * Checks one Markdown text: what must not reach a reader (raw HTML, comments, links that run code or embed data,
 * images), and what would reach the reader other than as the author wrote it (see markdown-fidelity and links).
 */
export function lintProse(prose: Prose, diagnostics: Diagnostics): void {
  const limit = markdownLimitProblem(prose.markdown);
  const report: ReportAt = (said, offset) => {
    const { line, column } = positionOf(prose.markdown, offset);
    diagnostics.add(said, placeInProse(prose, line, column, offset));
  };
  if (limit) {
    report(limit.said, limit.offset);
    return;
  }
  if (!mayNeedParse(prose.markdown)) return;
  let tree: Root;
  try {
    tree = parseMarkdown(prose.markdown);
  } catch {
    // The limits above should keep the parser within its stack; if some shape still overflows it, say so.
    report(say["markdown-too-complex"].unreadable(), 0);
    return;
  }
  lintTree(prose.markdown, tree, report);
}

/** The checks of a parsed text (exported for the test that proves mayNeedParse lets nothing through). */
export function lintTree(markdown: string, tree: Root, report: ReportAt): void {
  // What must not be there at all comes first; a place reported for that is not reported again.
  const unsafe = new Set<number>();
  checkSafety(tree, (said, offset) => {
    unsafe.add(offset);
    report(said, offset);
  });
  const rest: ReportAt = (said, offset) => {
    if (!unsafe.has(offset)) report(said, offset);
  };
  checkFidelity(markdown, tree, rest);
  checkLinks(tree, rest);
}

function checkSafety(tree: Root, report: ReportAt): void {
  // <b>…</b> is one mistake: a closing tag is reported only when its opening tag was not.
  const opened = new Set<string>();
  walkMdast(tree, (node) => {
    const offset = node.position?.start.offset ?? 0;
    if (node.type === "html") {
      const match = /<\s*(\/?)\s*([a-zA-Z][\w-]*)/.exec(node.value);
      const tag = match?.[2]?.toLowerCase();
      if (tag === undefined && /^<!--/.test(node.value.trim())) {
        report(say["markdown-html"].comment({ closed: /-->/.test(node.value) }), offset);
        return;
      }
      if (tag !== undefined && match?.[1] === "/" && opened.has(tag)) return;
      if (tag !== undefined) opened.add(tag);
      report(say["markdown-html"].element({ tag }), offset);
    } else if ((node.type === "image" && isSafeTarget(node.url)) || node.type === "imageReference") {
      // The pages and PDFs load nothing but their own files (CSP, offline printing), and content files are not
      // copied into the site: an image would show as broken, so the renderer drops it and says so here.
      report(say["markdown-image"].image(), offset);
    } else if ((node.type === "link" || node.type === "image" || node.type === "definition") && !isSafeTarget(node.url)) {
      report(say["unsafe-link"].scheme({ image: node.type === "image", scheme: String(protocolOf(node.url)) }), offset);
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

// What the fidelity and link checks look at needs one of these: emphasis and strikethrough marks, a backslash, a
// character reference, a code fence (words after it), a link target or definition, a footnote, a line starting with
// a number (a list), a heading ending in #, a line of === or --- (a heading's underline), and a non-ASCII host name
// next to an address (a look-alike).
const fidelityTrigger = /[*_\\&|]|~~|```|\]\(|\]:|\[\^|^[ \t>]*\d{1,9}[.)]|#[ \t]*$|^[ \t]*(?:>|\+[ \t]|[-*][ \t]+\d|=+[ \t]*$|-+[ \t]*$)/m;

/** Whether a text needs parsing for any check of lintTree; false only when no check could report anything. */
export function mayNeedParse(markdown: string): boolean {
  return (
    mayBeUnsafe(markdown) ||
    fidelityTrigger.test(markdown) ||
    (/[^\x00-\x7f]/.test(markdown) && /http|www|@|xn--/i.test(markdown)) ||
    /xn--|(?:https?:)?\/\/[^\s/]*@|www\.[^\s/]*@/i.test(markdown)
  );
}

function isSafeTarget(url: string): boolean {
  const scheme = protocolOf(url);
  return scheme === undefined || safeProtocols.has(scheme);
}

// 1-based line and column of an offset in a text.
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
