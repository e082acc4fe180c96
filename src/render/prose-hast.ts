import type { Element, ElementContent, Root, RootContent } from "hast";
import { h } from "hastscript";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { parseMarkdown } from "../load/parse-markdown.js";
import { linkAddress } from "./link-address.js";

// GitHub's sanitizing rules (no script, style, event handlers, iframes, forms; only safe URL schemes),
// narrowed further: links only to the web, mail and phone, and no images. Ids are not prefixed here: the only ids
// in prose are the footnotes', which renderProse gives a prefix of their place on the page (two measures may both
// have a footnote 1).
const schema = {
  ...defaultSchema,
  clobberPrefix: "",
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto", "tel"], src: ["http", "https"] },
  // Images would load files from elsewhere or files the site does not have (the checker warns about them).
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== "img"),
};

const toHast = unified().use(remarkRehype, { clobberPrefix: "" }).use(rehypeSanitize, schema);

/** Author Markdown as sanitized hast block nodes, with the marks the page's style sheet needs (see mark()). */
export function proseToHast(markdown: string): ElementContent[] {
  const tree = toHast.runSync(parseMarkdown(markdown, { keep: false })) as Root;
  mark(tree, markdown);
  return tree.children.filter((n): n is ElementContent => n.type !== "doctype" && !(n.type === "text" && n.value.trim() === ""));
}

/**
 * Adds what Markdown's HTML does not say but the reader must see as written: an ordered list numbered "1)" keeps
 * that form (HTML lists show "1."), and a link whose text is not its address is followed by the address, shown in
 * print only (the style sheet), so a reader of the PDF sees where it leads. Done after sanitizing, which would drop
 * the classes.
 */
function mark(tree: Root, markdown: string): void {
  const walk = (node: Root | Element) => {
    const children: RootContent[] = [];
    for (const child of node.children) {
      children.push(child);
      if (child.type !== "element") continue;
      // GitHub's footnotes have a heading for screen readers only ("Footnotes"): a visible label here (its words
      // are the annex's language, see renderProse), and no heading, which would sit in the contents and bookmarks.
      if (child.tagName === "h2" && child.properties.id === "footnote-label") {
        child.tagName = "p";
        child.properties.className = ["footnotes-label"];
      }
      // A check box of a task list as a character (☑ done, ☐ open): its state is then text, in the PDF's too.
      if (child.tagName === "input" && child.properties.type === "checkbox") {
        children[children.length - 1] = h("span.task-box", child.properties.checked ? "☑" : "☐");
        continue;
      }
      if (child.tagName === "ol") {
        const at = child.position?.start.offset;
        if (at !== undefined && /^[ \t]*\d{1,9}\)/.test(markdown.slice(at, at + 12))) addClass(child, "paren");
        // The widest number the list shows, in digits: the style sheet indents the list so far that it fits (printed,
        // a number wider than the indent would be cut off at the page's edge: "2026." as "26.").
        addClass(child, `digits-${String(listStart(child) + child.children.filter((c) => c.type === "element" && c.tagName === "li").length - 1).length}`);
      } else if (child.tagName === "a" && typeof child.properties.href === "string" && !child.properties.href.startsWith("#")) {
        // Printed, a link cannot be followed: its address (and its title, else only a tooltip) follow it, as text of
        // the page (read in the PDF too).
        const title = typeof child.properties.title === "string" && child.properties.title.trim() !== "" ? child.properties.title : undefined;
        const address = !showsItsAddress(child);
        if (address || title) children.push(linkAddress(child.properties.href, title, address));
      }
      walk(child);
    }
    node.children = children as Element["children"];
  };
  walk(tree);
}

function showsItsAddress(link: Element): boolean {
  const href = String(link.properties.href);
  const text = textOf(link).trim();
  return [text, `mailto:${text}`, `tel:${text}`, `http://${text}`, `https://${text}`].some((candidate) => candidate === href || `${candidate}/` === href);
}

/** The number an ordered list starts at (1 unless Markdown said otherwise). */
export function listStart(list: Element): number {
  const start = Number(list.properties.start);
  return Number.isSafeInteger(start) ? start : 1;
}

function addClass(node: Element, name: string): void {
  const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
  node.properties.className = [...classes, name];
}

function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  return "children" in node ? node.children.map(textOf).join("") : "";
}
