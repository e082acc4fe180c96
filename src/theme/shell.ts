import type { Element, ElementContent, Properties, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { find, html as htmlSchema } from "property-information";
import type { Refusal, RefusalReason } from "./refusal.js";

// A content folder's templates/page.html replaces the page shell toms puts every annex into. Whatever it says, a
// published page keeps its promises: toms writes the <head> itself (charset, the Content-Security-Policy, the style
// sheet, the title), and the template's <body> keeps only structure from a fixed list of elements and attributes:
// no script, event handler or javascript: address, nothing loaded or embedded from elsewhere, no inline style, no
// form. What is removed is reported (rule theme-refused); the annex goes into the template's slots.

/** The slots a page template fills: `data-slot="…"` on an element makes the element hold that part of the page. */
export const slotNames = ["title", "letterhead", "main", "footer"] as const;
export type SlotName = (typeof slotNames)[number];

/** A page template made safe: the shell (toms's head, the template's body) and what was taken out; or why it cannot be used. */
export interface SafeShell {
  shell?: Root;
  refused: Refusal[];
  /** Problems that make the template unusable or its text unprintable (rule theme-template). */
  problems: ShellProblem[];
}

/** What is wrong with a page template (not with something in it toms removes). */
export type ShellProblem =
  | { kind: "no-main"; line: number; column: number }
  | { kind: "slot-twice"; slot: SlotName; first: number; line: number; column: number }
  | { kind: "unknown-slot"; slot: string; line: number; column: number }
  | { kind: "unprintable"; char: string; line: number; column: number };

/** Elements a template's body may have: structure and phrasing, nothing that loads, runs or sends. */
const structure = new Set([
  "header",
  "footer",
  "main",
  "nav",
  "section",
  "article",
  "aside",
  "div",
  "span",
  "p",
  "a",
  "strong",
  "em",
  "b",
  "i",
  "small",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "address",
  "blockquote",
  "time",
  "abbr",
  "sub",
  "sup",
  "figure",
  "figcaption",
]);

// Elements removed with everything in them, and why; any other element not in `structure` is unwrapped (its
// content kept) as unsupported.
const removed: Record<string, RefusalReason> = {
  script: "script",
  noscript: "script",
  template: "script",
  iframe: "embeds",
  frame: "embeds",
  frameset: "embeds",
  object: "embeds",
  embed: "embeds",
  applet: "embeds",
  portal: "embeds",
  fencedframe: "embeds",
  img: "picture",
  picture: "picture",
  source: "picture",
  video: "picture",
  audio: "picture",
  track: "picture",
  svg: "picture",
  math: "picture",
  canvas: "picture",
  image: "picture",
  form: "form",
  input: "form",
  button: "form",
  select: "form",
  textarea: "form",
  option: "form",
  datalist: "form",
  output: "form",
  style: "inline-style",
  link: "loads",
  meta: "head",
  base: "head",
  title: "head",
};

// Attributes that name a file or address to fetch.
const fetching = new Set([
  "src",
  "srcset",
  "poster",
  "background",
  "action",
  "formaction",
  "ping",
  "xlink:href",
  "cite",
  "longdesc",
  "codebase",
  "data",
  "manifest",
  "lowsrc",
  "dynsrc",
  "imagesrcset",
  "itemtype",
]);

/** The characters of a text the bundled fonts cannot print, with their index (render/fonts.ts's unprintable). */
export type Unprintable = (text: string) => { index: number; char: string }[];

/**
 * Makes a page template safe (see the top of this file); `tomsPage` is toms's own shell (templates/page.html), whose
 * <head> every page keeps, `unprintable` finds the characters of its text the bundled fonts lack.
 */
export function safeShell(source: string, tomsPage: string, unprintable: Unprintable): SafeShell {
  const refused: Refusal[] = [];
  const problems: ShellProblem[] = [];
  const tree = fromHtml(source);
  const toms = fromHtml(tomsPage);
  const html = childElements(tree).find((e) => e.tagName === "html");
  const head = html && childElements(html).find((e) => e.tagName === "head");
  const body = html && childElements(html).find((e) => e.tagName === "body");
  const tomsHtml = childElements(toms).find((e) => e.tagName === "html");
  const tomsHead = tomsHtml && childElements(tomsHtml).find((e) => e.tagName === "head");
  if (!html || !body || !tomsHtml || !tomsHead) throw new Error("a parsed HTML document always has html, head and body");

  const refuse = (node: Element | { position?: Element["position"] }, what: string, reason: RefusalReason) =>
    refused.push({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, what, reason });
  for (const name of Object.keys(html.properties)) {
    if (/^on/i.test(attributeName(name))) refuse(html, attributeName(name), "script");
  }
  if (head) for (const element of childElements(head)) headElement(element, tomsHead, refuse);

  const seen = new Map<SlotName, number>();
  const inBody = sanitizeChildren(body, refuse, (element, slot) => {
    const at = { line: element.position?.start.line ?? 1, column: element.position?.start.column ?? 1 };
    if (!(slotNames as readonly string[]).includes(slot)) {
      problems.push({ kind: "unknown-slot", slot, ...at });
      return false;
    }
    const first = seen.get(slot as SlotName);
    if (first !== undefined && slot !== "title") {
      problems.push({ kind: "slot-twice", slot: slot as SlotName, first, ...at });
      return false;
    }
    seen.set(slot as SlotName, at.line);
    return true;
  });
  if (!seen.has("main")) problems.push({ kind: "no-main", line: body.position?.start.line ?? 1, column: body.position?.start.column ?? 1 });
  // The template's own words are printed in every PDF: in the bundled fonts, like the annex (a run of characters
  // they lack is reported once).
  for (const text of texts(inBody)) {
    let previous = -2;
    for (const { index, char } of unprintable(text.value)) {
      const last = problems.at(-1);
      if (index === previous && last?.kind === "unprintable") last.char += char;
      else {
        const before = text.value.slice(0, index).split("\n");
        const start = text.position?.start ?? { line: 1, column: 1 };
        const column = before.length === 1 ? start.column + index : (before.at(-1)?.length ?? 0) + 1;
        problems.push({ kind: "unprintable", char, line: start.line + before.length - 1, column });
      }
      previous = index + char.length;
    }
  }
  const bodyProperties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body.properties)) {
    const attribute = attributeName(name);
    if (name === "className" || name === "id" || name === "lang" || name === "dir") bodyProperties[name] = value;
    else refuse(body, attribute, attributeReason(attribute));
  }
  const shell: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      {
        type: "element",
        tagName: "html",
        properties: {},
        children: [
          structuredClone(tomsHead),
          { type: "text", value: "\n" },
          { type: "element", tagName: "body", properties: bodyProperties as Properties, children: inBody },
          { type: "text", value: "\n" },
        ],
      },
    ],
  };
  return { ...(problems.length === 0 && { shell }), refused, problems };
}

// The template's head is not published: toms writes its own. What toms writes anyway passes without a word;
// anything else is reported as removed.
function headElement(element: Element, tomsHead: Element, refuse: (node: Element, what: string, reason: RefusalReason) => void): void {
  const p = element.properties;
  const same = childElements(tomsHead).some((own) => own.tagName === element.tagName && sameProperties(own.properties, p));
  if (same || element.tagName === "title") return;
  if (element.tagName === "meta" && typeof p.charSet === "string") return;
  if (element.tagName === "script") refuse(element, "<script>", "script");
  else if (element.tagName === "meta" && String(p.httpEquiv ?? "").toLowerCase() === "refresh") refuse(element, '<meta http-equiv="refresh">', "loads");
  else if (element.tagName === "meta" && p.httpEquiv !== undefined) refuse(element, `<meta http-equiv="${String(p.httpEquiv)}">`, "head");
  else if (element.tagName === "link") refuse(element, `<link${p.href === undefined ? "" : ` href="${short(String(p.href))}"`}>`, "loads");
  else if (element.tagName === "style") refuse(element, "<style>", "inline-style");
  else refuse(element, `<${element.tagName}>`, removed[element.tagName] === "script" ? "script" : "head");
}

function sameProperties(a: Properties, b: Properties): boolean {
  const keys = (p: Properties) => Object.keys(p).filter((k) => p[k] !== undefined);
  return keys(a).length === keys(b).length && keys(a).every((k) => String(a[k]) === String(b[k]));
}

type Refuse = (node: Element, what: string, reason: RefusalReason) => void;

// The children of an element as published: allowed elements with allowed attributes, text; `slot` is asked about
// every data-slot (false: the attribute is dropped).
function sanitizeChildren(parent: Element, refuse: Refuse, slot: (element: Element, name: string) => boolean): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of parent.children) {
    if (child.type === "text") out.push({ type: "text", value: child.value, ...(child.position && { position: child.position }) });
    if (child.type !== "element") continue;
    const name = child.tagName;
    if (structure.has(name)) {
      out.push({ type: "element", tagName: name, properties: sanitizeProperties(child, refuse, slot), children: sanitizeChildren(child, refuse, slot) });
      continue;
    }
    const reason = removed[name];
    if (reason) {
      refuse(child, `<${name}>`, reason);
      continue;
    }
    // Unknown to toms (a custom element, a widget): its content stays, the element goes.
    refuse(child, `<${name}>`, "unsupported");
    out.push(...sanitizeChildren(child, refuse, slot));
  }
  return out;
}

function sanitizeProperties(element: Element, refuse: Refuse, slot: (element: Element, name: string) => boolean): Properties {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(element.properties)) {
    if (value === undefined || value === null) continue;
    const attribute = attributeName(name);
    if (name === "dataSlot") {
      if (slot(element, String(value))) kept[name] = value;
    } else if (["id", "className", "role", "lang", "dir", "title"].includes(name) || /^(aria|data)[A-Z-]/.test(name)) {
      kept[name] = value;
    } else if (name === "dateTime" && element.tagName === "time") {
      kept[name] = value;
    } else if (name === "href" && element.tagName === "a") {
      // As a browser reads an address: tabs and line breaks anywhere, and leading controls and spaces, do not count
      // ("java&#9;script:" is javascript:).
      const href = String(value)
        .replace(/[\t\n\r]/g, "")
        .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
      if (scheme === undefined ? !href.startsWith("//") && !href.startsWith("\\") : ["http", "https", "mailto", "tel"].includes(scheme)) kept[name] = href;
      else refuse(element, `href="${short(href)}"`, scheme === "javascript" || scheme === "vbscript" ? "script" : "loads");
    } else {
      refuse(element, attribute, attributeReason(attribute));
    }
  }
  return kept as Properties;
}

function attributeReason(attribute: string): RefusalReason {
  if (/^on/i.test(attribute)) return "script";
  if (attribute === "style") return "inline-style";
  if (fetching.has(attribute)) return "loads";
  return "unsupported";
}

function attributeName(property: string): string {
  return find(htmlSchema, property).attribute;
}

function childElements(node: Root | Element): Element[] {
  return (node.children as RootContent[]).filter((c): c is Element => c.type === "element");
}

function texts(nodes: ElementContent[], found: { value: string; position?: Element["position"] }[] = []): { value: string; position?: Element["position"] }[] {
  for (const node of nodes) {
    if (node.type === "text") found.push(node);
    else if (node.type === "element") texts(node.children, found);
  }
  return found;
}

function short(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
