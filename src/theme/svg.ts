import { DOMParser } from "@xmldom/xmldom";
import { safeCss, safeStyleAttribute } from "./css.js";
import type { Refusal, RefusalReason } from "./refusal.js";

// An SVG logo is a program format as much as a picture: it may hold scripts, event handlers, links, other documents
// (foreignObject), references to files and addresses, and style sheets that load them. toms publishes none of that:
// it parses the file, keeps only the drawing (shapes, paths, gradients, clip paths and masks, styles that load
// nothing) from a fixed list of elements and attributes, and writes the result out itself. What is published is that
// serialization, never the bytes as uploaded, so a browser reads exactly the tree that was checked.

const svgNs = "http://www.w3.org/2000/svg";

/** Elements of a drawing that toms keeps. */
const drawing = new Set([
  "svg",
  "g",
  "defs",
  "symbol",
  "use",
  "path",
  "rect",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "linearGradient",
  "radialGradient",
  "stop",
  "clipPath",
  "mask",
  "pattern",
  "marker",
  "style",
]);

/** Elements that describe the drawing and are not drawn: left out without a word. */
const description = new Set(["title", "desc", "metadata"]);

/** Elements whose href may point to another part of the same drawing (#id). */
const ownReferences = new Set(["use", "linearGradient", "radialGradient", "pattern"]);

// Elements refused for a reason of their own; any other element is "unsupported".
const refusedElements: Record<string, RefusalReason> = {
  script: "script",
  handler: "script",
  listener: "script",
  animate: "script",
  animateTransform: "script",
  animateMotion: "script",
  animateColor: "script",
  set: "script",
  discard: "script",
  foreignObject: "embeds",
  iframe: "embeds",
  object: "embeds",
  embed: "embeds",
  image: "loads",
  feImage: "loads",
  video: "loads",
  audio: "loads",
  "font-face-uri": "loads",
};

/** Attributes of the drawing's elements that toms keeps (others, such as an editor's own, are left out without a word). */
const attributes = new Set([
  "id",
  "class",
  "transform",
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "stroke-dasharray",
  "stroke-dashoffset",
  "opacity",
  "clip-path",
  "clip-rule",
  "mask",
  "color",
  "display",
  "visibility",
  "overflow",
  "vector-effect",
  "shape-rendering",
  "paint-order",
  "mix-blend-mode",
  "isolation",
  "color-interpolation",
  "stop-color",
  "stop-opacity",
  "offset",
  "d",
  "x",
  "y",
  "width",
  "height",
  "rx",
  "ry",
  "cx",
  "cy",
  "r",
  "fx",
  "fy",
  "fr",
  "x1",
  "y1",
  "x2",
  "y2",
  "points",
  "pathLength",
  "viewBox",
  "preserveAspectRatio",
  "gradientUnits",
  "gradientTransform",
  "spreadMethod",
  "clipPathUnits",
  "maskUnits",
  "maskContentUnits",
  "patternUnits",
  "patternContentUnits",
  "patternTransform",
  "marker-start",
  "marker-mid",
  "marker-end",
  "markerWidth",
  "markerHeight",
  "refX",
  "refY",
  "orient",
  "markerUnits",
  "version",
]);

// Namespaces of drawing programs' own notes (Inkscape, Sodipodi, RDF metadata, Adobe Illustrator, Sketch, Serif):
// not drawn, left out without a word.
const editorNamespaces = [
  "http://www.inkscape.org/namespaces/inkscape",
  "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  "http://purl.org/dc/elements/1.1/",
  "http://creativecommons.org/ns#",
  "http://web.resource.org/cc/",
  "http://ns.adobe.com/",
  "http://www.bohemiancoding.com/sketch/ns",
  "http://www.serif.com/",
];

/** The deepest nesting of elements toms reads in a logo. */
export const maxSvgDepth = 64;
/** The most elements a logo may draw, each reuse (<use>) counted with what it repeats. */
export const maxSvgElements = 20_000;

/** Why an SVG cannot be used as a logo at all (rule theme-logo). */
export type SvgProblem = "not-xml" | "entities" | "not-svg" | "text" | "no-size" | "too-deep" | "too-complex";

/** A logo made safe: the SVG toms publishes, its size (from its viewBox), and what was taken out. */
export type SafeSvg =
  | { ok: true; svg: string; width: number; height: number; refused: Refusal[] }
  | { ok: false; problem: SvgProblem; line: number; column: number };

/** An element as it is published: a name of the lists above, checked attributes, children. */
interface Out {
  name: string;
  attributes: [string, string][];
  children: (Out | string)[];
}

interface Located {
  lineNumber?: number;
  columnNumber?: number;
}

class Unusable extends Error {
  constructor(
    readonly problem: SvgProblem,
    readonly line: number,
    readonly column: number,
  ) {
    super(problem);
  }
}

/** Parses an SVG logo and keeps only its drawing (see the top of this file). */
export function safeSvg(text: string): SafeSvg {
  let parseError: { message: string; line: number; column: number } | undefined;
  const note = (message: unknown) => {
    if (parseError) return;
    const text = String(message);
    const at = /line:(\d+),col:(\d+)/.exec(text);
    parseError = { message: text, line: Number(at?.[1] ?? 1), column: Number(at?.[2] ?? 1) };
  };
  const doc = new DOMParser({ locator: {}, errorHandler: { warning: note, error: note, fatalError: note } }).parseFromString(text, "image/svg+xml");
  if (parseError) return { ok: false, problem: /entity/i.test(parseError.message) ? "entities" : "not-xml", line: parseError.line, column: parseError.column };
  const root = doc?.documentElement;
  if (!root || root.localName !== "svg" || ((root.namespaceURI ?? null) !== svgNs && (root.namespaceURI ?? null) !== null)) {
    const at = root ? position(root) : { line: 1, column: 1 };
    return { ok: false, problem: "not-svg", ...at };
  }
  const refused: Refusal[] = [];
  const refuse = (node: Node, what: string, reason: RefusalReason, at = position(node)) => refused.push({ ...at, what, reason });
  // A style sheet linked by a processing instruction would load when the file is opened on its own.
  for (const node of Array.from(doc.childNodes)) {
    if (node.nodeType === node.PROCESSING_INSTRUCTION_NODE && node.nodeName === "xml-stylesheet") refuse(node, "<?xml-stylesheet?>", "loads");
  }
  const own = root.namespaceURI ?? null;
  try {
    const out = element(root, own, 1, refuse) as Out;
    const size = drawingSize(out, root);
    checkComplexity(out, root);
    return { ok: true, svg: serialize(out, true), ...size, refused };
  } catch (error) {
    if (error instanceof Unusable) return { ok: false, problem: error.problem, line: error.line, column: error.column };
    throw error;
  }
}

function position(node: Node): { line: number; column: number } {
  const at = node as unknown as Located;
  return { line: at.lineNumber ?? 1, column: at.columnNumber ?? 1 };
}

type Refuse = (node: Node, what: string, reason: RefusalReason, at?: { line: number; column: number }) => void;

// One element of the drawing as published, or undefined when it is left out.
function element(el: Element, own: string | null, depth: number, refuse: Refuse): Out | undefined {
  const at = position(el);
  if (depth > maxSvgDepth) throw new Unusable("too-deep", at.line, at.column);
  const name = el.localName;
  if ((el.namespaceURI ?? null) !== own) {
    if (el.namespaceURI && editorNamespaces.some((ns) => el.namespaceURI?.startsWith(ns))) return undefined;
    refuse(el, `<${el.nodeName}>`, refusedElements[name] ?? "unsupported");
    return undefined;
  }
  // Text would be set in a font of the machine that builds the annex, and be text in the PDF nobody wrote.
  if (name === "text" || name === "tspan" || name === "textPath") throw new Unusable("text", at.line, at.column);
  if (description.has(name)) return undefined;
  // A link: nothing to follow in a picture. Its drawing stays, as a group.
  if (name === "a") {
    const href = el.getAttribute("href") || el.getAttributeNS("http://www.w3.org/1999/xlink", "href");
    refuse(el, href ? `<a href="${short(href.trim())}">` : "<a>", href && /^\s*javascript:/i.test(href) ? "script" : "loads");
    const group: Out = { name: "g", attributes: [], children: [] };
    for (const child of Array.from(el.childNodes)) {
      const kept = child.nodeType === child.ELEMENT_NODE ? element(child as Element, own, depth + 1, refuse) : undefined;
      if (kept) group.children.push(kept);
    }
    return group;
  }
  if (!drawing.has(name)) {
    refuse(el, `<${name}>`, refusedElements[name] ?? "unsupported");
    return undefined;
  }
  const out: Out = { name, attributes: [], children: [] };
  for (const attribute of Array.from(el.attributes)) {
    const kept = attributeOf(el, attribute, refuse);
    if (kept) out.attributes.push(kept);
  }
  if (name === "style") {
    const css = Array.from(el.childNodes)
      .filter((n) => n.nodeType === n.TEXT_NODE || n.nodeType === n.CDATA_SECTION_NODE)
      .map((n) => n.nodeValue ?? "")
      .join("");
    const safe = safeCss(css, "svg");
    if (!safe.ok) {
      refuse(el, "<style>", "unsupported");
      return undefined;
    }
    // Positions in the style sheet are counted from the element's first child.
    const start = el.firstChild ? position(el.firstChild) : at;
    for (const r of safe.refused)
      refuse(el, r.what, r.reason, { line: start.line + r.line - 1, column: r.line === 1 ? start.column + r.column - 1 : r.column });
    out.children.push(safe.css);
    return out;
  }
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === child.ELEMENT_NODE) {
      const kept = element(child as Element, own, depth + 1, refuse);
      if (kept) out.children.push(kept);
    }
    // Text outside <text> is not drawn; comments and processing instructions are notes.
  }
  return out;
}

// An attribute as published ([name, value]), or undefined when it is left out.
function attributeOf(el: Element, attribute: Attr, refuse: Refuse): [string, string] | undefined {
  const name = attribute.name;
  const value = attribute.value;
  if (/^on/i.test(attribute.localName)) {
    refuse(el, name, "script");
    return undefined;
  }
  // xmldom leaves the namespace of an attribute without prefix undefined (the DOM says null).
  const ns = attribute.namespaceURI ?? null;
  if (attribute.localName === "href" && (ns === null || ns === "http://www.w3.org/1999/xlink")) {
    const target = value.trim();
    if (target.startsWith("#") && ownReferences.has(el.localName)) return ["href", target];
    refuse(el, `${name}="${short(target)}"`, /^\s*javascript:/i.test(target) ? "script" : "loads");
    return undefined;
  }
  if (name === "xml:space") return [name, value === "preserve" ? "preserve" : "default"];
  // The drawing program's notes, namespace declarations (toms writes its own), data-… attributes.
  if (ns !== null || name.startsWith("xmlns")) return undefined;
  if (name === "style") {
    const safe = safeStyleAttribute(value, "svg");
    if (!safe) {
      refuse(el, "style", "unsupported");
      return undefined;
    }
    for (const r of safe.refused) refuse(el, r.what, r.reason);
    return safe.css === "" ? undefined : ["style", safe.css];
  }
  if (!attributes.has(name)) {
    // Filters are not drawn by toms (docs/theme.md promises a word about them); an attribute pointing elsewhere says so.
    const external = /url\s*\(/i.test(value) && /url\s*\(/i.test(value.replace(/url\(\s*(["']?)#[A-Za-z_][\w.:-]*\1\s*\)/gi, ""));
    if (external || name === "filter") refuse(el, `${name}="${short(value)}"`, external ? "loads" : "unsupported");
    return undefined;
  }
  if (/javascript:|expression\s*\(/i.test(value)) {
    refuse(el, `${name}="${short(value)}"`, "script");
    return undefined;
  }
  // Presentation attributes are read as CSS: url() only to a part of the drawing, no escapes.
  if (value.includes("\\")) {
    refuse(el, `${name}="${short(value)}"`, "escape");
    return undefined;
  }
  if (/url\s*\(/i.test(value) && value.replace(/url\(\s*(["']?)#[A-Za-z_][\w.:-]*\1\s*\)/gi, "").match(/url\s*\(/i)) {
    refuse(el, `${name}="${short(value)}"`, "loads");
    return undefined;
  }
  return [name, value];
}

/** The largest width or height of an SVG logo's root kept as written, in pixels (as a PNG's sides). */
const maxSvgSide = 4096;

// The size of the drawing, from its viewBox; a drawing with only width and height in pixels gets the viewBox they
// mean, so that it scales into the letterhead. Neither: the browser would draw it at 300 × 150 pixels, cut off.
function drawingSize(out: Out, root: Element): { width: number; height: number } {
  const get = (name: string) => out.attributes.find(([n]) => n === name)?.[1];
  const viewBox = get("viewBox")
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  // A width or height beyond any page (width="100000000") is left out: the viewBox keeps the drawing's proportions, and
  // the letterhead and running header size the logo.
  const oversized = [get("width"), get("height")].some((v) => v !== undefined && Number.parseFloat(v) > maxSvgSide);
  const fitted = <T>(size: T): T => {
    if (oversized) out.attributes = out.attributes.filter(([n]) => n !== "width" && n !== "height");
    return size;
  };
  if (viewBox && viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2]! > 0 && viewBox[3]! > 0)
    return fitted({ width: viewBox[2]!, height: viewBox[3]! });
  const pixels = (value: string | undefined) => (value && /^\s*\d+(\.\d+)?\s*(px)?\s*$/.test(value) ? Number.parseFloat(value) : undefined);
  const [width, height] = [pixels(get("width")), pixels(get("height"))];
  if (width && height) {
    out.attributes = out.attributes.filter(([n]) => n !== "viewBox");
    out.attributes.push(["viewBox", `0 0 ${width} ${height}`]);
    return fitted({ width, height });
  }
  const at = position(root);
  throw new Unusable("no-size", at.line, at.column);
}

// Reuse (<use>) repeats other parts, which may reuse others again: a few kilobytes could ask for billions of
// shapes. Counts what would be drawn, each reuse as what it repeats, and refuses a circle or too many.
function checkComplexity(out: Out, root: Element): void {
  const byId = new Map<string, Out>();
  const index = (node: Out) => {
    const id = node.attributes.find(([n]) => n === "id")?.[1];
    if (id !== undefined && !byId.has(id)) byId.set(id, node);
    for (const child of node.children) if (typeof child !== "string") index(child);
  };
  index(out);
  const counted = new Map<Out, number>();
  const at = position(root);
  const count = (node: Out, path: Set<Out>): number => {
    const known = counted.get(node);
    if (known !== undefined) return known;
    if (path.has(node)) throw new Unusable("too-complex", at.line, at.column);
    path.add(node);
    let total = 1;
    if (node.name === "use") {
      const target = byId.get(node.attributes.find(([n]) => n === "href")?.[1]?.slice(1) ?? "");
      if (target) total += count(target, path);
    }
    for (const child of node.children) if (typeof child !== "string") total += count(child, path);
    path.delete(node);
    if (total > maxSvgElements) throw new Unusable("too-complex", at.line, at.column);
    counted.set(node, total);
    return total;
  };
  count(out, new Set());
}

function serialize(node: Out, root = false): string {
  const attrs = node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join("");
  const open = `<${node.name}${root ? ` xmlns="${svgNs}"` : ""}${attrs}`;
  if (node.children.length === 0) return `${open}/>`;
  const inner = node.children.map((child) => (typeof child === "string" ? escapeText(child) : serialize(child))).join("");
  return `${open}>${inner}</${node.name}>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function short(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
