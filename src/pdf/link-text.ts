import type { Root, RootContent } from "hast";
import type { PdfEdit } from "./pdf-edit.js";
import { decodeTextString } from "./pdf-glyphs.js";
import { isName, isRef, isString, type PdfDict, type PdfValue } from "./pdf-syntax.js";
import type { StructElement } from "./tag-tree.js";
import { textString } from "./pdf-write.js";

// PDF/UA-1 §7.18.5 (Matterhorn 28-012): a link annotation says in /Contents what it is, for readers that announce
// the annotation rather than the Link element's text. Chromium writes none. The words are the link's own on the
// page toms rendered: the Link elements of the tree come in the page's order, so each is paired with the next link
// of the page that goes where its annotation goes (links the print hides, such as the "save as PDF" button, are
// passed over that way). A link no page link pairs with is described by where it goes.

/** A link of the rendered page: where it goes (an absolute URL, or "#" and an element id) and its words. */
export interface PageLink {
  target: string;
  text: string;
}

/** The links (`<a href>`) of a rendered page in document order. */
export function pageLinks(tree: Root): PageLink[] {
  const links: PageLink[] = [];
  const textOf = (node: RootContent): string => (node.type === "text" ? node.value : "children" in node ? node.children.map(textOf).join("") : "");
  const walk = (node: Root | RootContent) => {
    if (node.type === "element" && node.tagName === "a" && typeof node.properties.href === "string") {
      links.push({ target: normalTarget(node.properties.href), text: textOf(node).replace(/\s+/g, " ").trim() });
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return links;
}

/**
 * Gives every link annotation of the Link elements (in tree order) a /Contents; returns how many were paired with a
 * link of the page and how many described by their target.
 */
export function describeLinks(edit: PdfEdit, elements: StructElement[], links: PageLink[]): { paired: number; byTarget: number } {
  let next = 0;
  const count = { paired: 0, byTarget: 0 };
  for (const element of elements) {
    if ((element.dict.get("S") as { value: string }).value !== "Link") continue;
    const annotations = annotationsOf(edit, element.dict);
    const first = annotations[0];
    if (!first) continue;
    const target = targetOf(first.dict);
    const at = target === undefined ? -1 : links.findIndex((link, i) => i >= next && link.target === target);
    let text: string;
    if (at >= 0 && links[at]!.text !== "") {
      text = links[at]!.text;
      next = at + 1;
      count.paired++;
    } else {
      text = target?.startsWith("#") ? target.slice(1) : (target ?? "Link");
      count.byTarget++;
    }
    for (const annotation of annotations) {
      annotation.dict.set("Contents", textString(text));
      edit.changed(annotation.n);
    }
  }
  return count;
}

// The link annotations an element holds by object reference (OBJR).
function annotationsOf(edit: PdfEdit, element: PdfDict): StructElement[] {
  const k = element.get("K");
  const found: StructElement[] = [];
  for (const kid of Array.isArray(k) ? k : k === undefined ? [] : [k]) {
    const objr = isRef(kid) ? edit.get(kid.n) : kid;
    if (!(objr instanceof Map) || (objr.get("Type") as { value?: string } | undefined)?.value !== "OBJR") continue;
    const obj = objr.get("Obj");
    const dict = isRef(obj) ? edit.get(obj.n) : undefined;
    if (isRef(obj) && dict instanceof Map && (dict.get("Subtype") as { value?: string } | undefined)?.value === "Link") found.push({ n: obj.n, dict });
  }
  return found;
}

// Where an annotation goes: its URI action's address, or "#" and its named destination.
function targetOf(annotation: PdfDict): string | undefined {
  const action = annotation.get("A");
  if (action instanceof Map) {
    const uri = action.get("URI");
    if (isString(uri)) return normalTarget(decodeTextString(uri.bytes));
  }
  const dest: PdfValue | undefined = annotation.get("Dest");
  if (isName(dest)) return `#${Buffer.from(dest.value, "latin1").toString("utf8")}`;
  if (isString(dest)) return `#${decodeTextString(dest.bytes)}`;
  return undefined;
}

// A page's href and an annotation's URI as one spelling: absolute URLs as the URL parser writes them, fragments decoded.
function normalTarget(href: string): string {
  if (href.startsWith("#")) {
    try {
      return `#${decodeURIComponent(href.slice(1))}`;
    } catch {
      return href;
    }
  }
  try {
    return new URL(href).href;
  } catch {
    return href;
  }
}
