import postcss, { type AtRule, type ChildNode, type Container, type Declaration } from "postcss";
import type { Refusal, RefusalReason } from "./refusal.js";

/**
 * Where a style sheet is used: `page` for a content folder's templates/style.css (the style sheet of every page and
 * PDF), `svg` for the styles inside an SVG logo, which may point to its own gradients and clip paths (url(#id)).
 */
export type CssUse = "page" | "svg";

/** A style sheet made safe, and what was taken out of it; or where it cannot be read. */
export type SafeCss = { ok: true; css: string; refused: Refusal[] } | { ok: false; line: number; column: number };

// At-rules that only group or describe rules; everything else is refused (@import and @font-face load files, the
// rest is unknown to the pages).
const groupingAtRules = new Set([
  "media",
  "supports",
  "page",
  "keyframes",
  "-webkit-keyframes",
  "layer",
  "container",
  "counter-style",
  "property",
  "font-feature-values",
  "charset",
]);

// Selectors with a pseudo-element, in the modern (::x) or the old (:before) form.
const pseudoElement = /::|:(?:before|after|first-line|first-letter|marker|selection|placeholder|backdrop)\b/i;

// Functions that make the browser fetch something: a picture, a font, another document.
const fetching = /(?:^|[^a-z0-9_-])(url|src|image|image-set|-webkit-image-set|cross-fade|element|-moz-element)\s*\(/i;

/**
 * Takes out of a style sheet whatever could load a file, run code or add text: @import, @font-face and unknown
 * at-rules, declarations with url() and other fetching functions (in an SVG, url(#id) of its own parts stays),
 * expression() and bindings of old browsers, backslash escapes in values (they could spell url( unseen), and
 * `content` other than none/normal/"" (it would add words nobody wrote). Keeps everything else as written.
 */
export function safeCss(css: string, use: CssUse): SafeCss {
  let root: postcss.Root;
  try {
    root = postcss.parse(css);
  } catch (error) {
    const { line, column } = error as { line?: number; column?: number };
    return { ok: false, line: line ?? 1, column: column ?? 1 };
  }
  const refused: Refusal[] = [];
  const refuse = (node: ChildNode, what: string, reason: RefusalReason) => {
    refused.push({ line: node.source?.start?.line ?? 1, column: node.source?.start?.column ?? 1, what, reason });
    node.remove();
  };
  const walk = (container: Container) => {
    // A copy: refusing removes nodes from the list being walked.
    for (const node of [...(container.nodes ?? [])]) {
      if (node.type === "atrule") {
        const reason = atRuleProblem(node) ?? (use === "page" ? pageAtRuleProblem(node) : undefined);
        if (reason) refuse(node, `@${node.name}`, reason);
        else walk(node);
      } else if (node.type === "rule") {
        // A pseudo-element of a content folder's sheet styles part of a word or line (::first-line, ::first-letter),
        // a list's marker or drawn boxes: each could hide or add what the checks of the whole element do not see.
        if (use === "page" && pseudoElement.test(node.selector)) refuse(node, node.selector, "layout");
        else walk(node);
      } else if (node.type === "decl") {
        const reason = declarationProblem(node, use, container);
        if (reason) refuse(node, `${node.prop}: ${shortValue(node.value)}`, reason);
        else if (use === "page" && node.important) {
          // The declaration stays, without the flag: toms's required rules, which use it, always win.
          const at = node.source?.start;
          refused.push({ line: at?.line ?? 1, column: at?.column ?? 1, what: `!important of ${node.prop}: ${shortValue(node.value)}`, reason: "important" });
          node.important = false;
          node.raws.important = undefined;
        }
      }
    }
  };
  walk(root);
  return { ok: true, css: root.toString(), refused };
}

/** The declarations of a style attribute made safe (see safeCss), or undefined when they cannot be read. */
export function safeStyleAttribute(value: string, use: CssUse): { css: string; refused: Refusal[] } | undefined {
  const safe = safeCss(`x{${value}}`, use);
  if (!safe.ok) return undefined;
  const rule = postcss.parse(safe.css).first;
  const declarations = rule?.type === "rule" ? (rule.nodes ?? []).filter((n): n is Declaration => n.type === "decl") : [];
  return { css: declarations.map((d) => `${d.prop}:${d.value}${d.important ? " !important" : ""}`).join(";"), refused: safe.refused };
}

function atRuleProblem(rule: AtRule): RefusalReason | undefined {
  const name = rule.name.toLowerCase();
  if (name === "import") return "loads";
  if (name === "font-face") return "font";
  if (!groupingAtRules.has(name)) return "unsupported";
  if (rule.params.includes("\\")) return "escape";
  if (fetching.test(rule.params)) return "loads";
  return undefined;
}

// In a content folder's style sheet: no animations (@keyframes), no counter styles (their symbols would add words), no
// registered properties, and only the plain @page (required.css, after it, sets the page's size and margins).
function pageAtRuleProblem(rule: AtRule): RefusalReason | undefined {
  const name = rule.name.toLowerCase();
  // Only print may differ from the screen: it is what the checks after printing read. A rule for the screen alone (or
  // for a width, or a container's size) could hide on the web page what the PDF shows.
  if (name === "media" && rule.params.trim().toLowerCase() !== "print") return "layout";
  if (name === "container") return "layout";
  if (name === "counter-style") return "text";
  if (name === "keyframes" || name === "-webkit-keyframes" || name === "property") return "unsupported";
  if (name === "page" && rule.params.trim() !== "") return "layout";
  return undefined;
}

function declarationProblem(decl: Declaration, use: CssUse, parent: Container): RefusalReason | undefined {
  const prop = decl.prop.toLowerCase();
  const value = decl.value;
  if (prop === "behavior" || prop === "-moz-binding" || /expression\s*\(|javascript:/i.test(value)) return "script";
  if (prop.includes("\\") || value.includes("\\")) return "escape";
  if (fetching.test(value) && !(use === "svg" && onlyOwnReferences(value))) return "loads";
  if (use === "page") return pageDeclarationProblem(prop, value, parent);
  if (prop === "content" && !/^\s*(none|normal|""|'')\s*$/i.test(value)) return "text";
  return undefined;
}

// Whether every fetching function of an SVG style value is url(#id): a reference to a part of the same drawing.
function onlyOwnReferences(value: string): boolean {
  const rest = value.replace(/url\(\s*(["']?)#[A-Za-z_][\w.:-]*\1\s*\)/gi, "");
  return !fetching.test(rest);
}

function shortValue(value: string): string {
  const flat = value.replace(/\s+/g, " ");
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

// ---- What a content folder's style sheet may say (use "page"): nothing may move, cover or hide a word of the annex.

const globalKeywords = new Set(["inherit", "initial", "unset", "revert", "revert-layer"]);
/** The families toms bundles (templates/fonts.css), by name or by their stacks' variables. */
const bundledFamilies = new Set(["source serif 4", "source sans 3", "source code pro", "dejavu sans", "dejavu sans mono"]);
const bundledStacks = /^var\(\s*--toms-(serif|sans|mono)\s*\)$/i;

const length = /^(\d*\.?\d+)(px|pt|pc|mm|cm|in|q|em|rem|ex|ch|lh|rlh|vw|vh|vmin|vmax|%)?$/i;

// The parts of a value at its top level: words, numbers, functions with their arguments, separated by spaces or commas.
function tokens(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of value.trim()) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (depth === 0 && (/\s/.test(ch) || ch === ",")) {
      if (current) out.push(current);
      current = "";
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

// Keywords a value may be, in each property limited to them.
const keywordProperties: Record<string, readonly string[]> = {
  display: [
    "block",
    "inline",
    "inline-block",
    "flex",
    "inline-flex",
    "grid",
    "inline-grid",
    "flow-root",
    "table",
    "inline-table",
    "table-row",
    "table-cell",
    "table-row-group",
    "table-header-group",
    "table-footer-group",
    "table-column",
    "table-column-group",
    "table-caption",
  ],
  "font-style": ["normal", "italic", "oblique"],
  "text-align": ["left", "right", "center", "justify", "start", "end"],
  "text-align-last": ["auto", "left", "right", "center", "justify", "start", "end"],
  "text-transform": ["none", "uppercase", "lowercase", "capitalize", "full-width"],
  "vertical-align": ["baseline", "sub", "super", "top", "text-top", "middle", "bottom", "text-bottom"],
  // Not nowrap: a line that may not wrap runs out of a narrow box over its neighbour.
  "white-space": ["normal", "pre-wrap", "pre-line", "break-spaces"],
  "flex-direction": ["row", "column"],
  "flex-wrap": ["nowrap", "wrap"],
};

// Properties whose value is free (colours, borders, the break of pages, how words wrap): none moves, covers or hides text.
const freeProperties = new Set([
  "color",
  "background",
  "background-color",
  "background-image",
  "background-position",
  "background-size",
  "background-repeat",
  "background-clip",
  "background-origin",
  "border",
  "border-top",
  "border-right",
  "border-bottom",
  "border-left",
  "border-width",
  "border-style",
  "border-color",
  "border-radius",
  "border-top-width",
  "border-right-width",
  "border-bottom-width",
  "border-left-width",
  "border-top-style",
  "border-right-style",
  "border-bottom-style",
  "border-left-style",
  "border-top-color",
  "border-right-color",
  "border-bottom-color",
  "border-left-color",
  "border-top-left-radius",
  "border-top-right-radius",
  "border-bottom-left-radius",
  "border-bottom-right-radius",
  "border-collapse",
  "box-sizing",
  "box-decoration-break",
  "-webkit-box-decoration-break",
  "caption-side",
  "empty-cells",
  "table-layout",
  "text-decoration-style",
  "text-decoration-color",
  "text-underline-position",
  "text-decoration-skip-ink",
  "font-variant",
  "font-variant-numeric",
  "font-variant-caps",
  "font-variant-ligatures",
  "font-feature-settings",
  "font-kerning",
  "font-synthesis",
  "font-optical-sizing",
  "hyphens",
  "-webkit-hyphens",
  "overflow-wrap",
  "word-wrap",
  "word-break",
  "line-break",
  "orphans",
  "widows",
  "tab-size",
  "break-before",
  "break-after",
  "break-inside",
  "page-break-before",
  "page-break-after",
  "page-break-inside",
  "print-color-adjust",
  "-webkit-print-color-adjust",
  "color-scheme",
  "accent-color",
  "caret-color",
  "cursor",
  "text-size-adjust",
  "-webkit-text-size-adjust",
  "justify-content",
  "align-items",
  "align-self",
  "align-content",
  "justify-items",
  "justify-self",
  "place-items",
  "place-content",
  "object-fit",
  "object-position",
]);
// Properties that take lengths which must not be negative (a negative margin or indent pulls text onto other text).
const nonNegativeProperties = new Set([
  "margin",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "margin-block",
  "margin-inline",
  "margin-block-start",
  "margin-block-end",
  "margin-inline-start",
  "margin-inline-end",
  "padding",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "padding-block",
  "padding-inline",
  "padding-block-start",
  "padding-block-end",
  "padding-inline-start",
  "padding-inline-end",
  "min-height",
  "gap",
  "row-gap",
  "column-gap",
  "border-spacing",
  "text-indent",
  "letter-spacing",
  "word-spacing",
  "flex-grow",
  "flex-shrink",
]);
const lengthKeywords = new Set([
  "auto",
  "none",
  "normal",
  "fit-content",
  "min-content",
  "max-content",
  "-webkit-fill-available",
  "stretch",
  "thin",
  "medium",
  "thick",
  "hanging",
  "each-line",
]);
// Properties whose value may come from a custom property: any colour or border reads; a length would escape the checks.
const varProperties = new Set([
  "color",
  "background",
  "background-color",
  "border",
  "border-top",
  "border-right",
  "border-bottom",
  "border-left",
  "border-color",
  "border-top-color",
  "border-right-color",
  "border-bottom-color",
  "border-left-color",
  "text-decoration-color",
  "accent-color",
  "caret-color",
]);

function isNonNegative(value: string): boolean {
  return tokens(value).every((t) => globalKeywords.has(t.toLowerCase()) || lengthKeywords.has(t.toLowerCase()) || length.test(t));
}

// A size as em, rem or % (the other units by their size in a 10.5–17px body), between `low` and `high` times the text's.
function relativeSize(value: string, low: number, high: number, unitless: boolean): boolean {
  const match = length.exec(value.trim());
  if (!match) return false;
  const n = Number(match[1]);
  const unit = (match[2] ?? "").toLowerCase();
  if (unit === "") return unitless && n >= low && n <= high;
  if (unit === "em" || unit === "rem") return n >= low && n <= high;
  if (unit === "%") return n >= low * 100 && n <= high * 100;
  if (unitless) return false; // line-height in pt or px: it could be less than the text it sets.
  if (unit === "pt") return n >= 6 && n <= 48;
  if (unit === "px") return n >= 8 && n <= 64;
  if (unit === "mm") return n >= 2 && n <= 17;
  return false;
}

const fontSizeKeywords = new Set(["xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "smaller", "larger"]);

/** Why a declaration of a content folder's style sheet is not kept (see docs/theme.md), or undefined. */
function pageDeclarationProblem(prop: string, value: string, parent: Container): RefusalReason | undefined {
  const v = value.trim().toLowerCase();
  if (prop.startsWith("--")) return prop.toLowerCase().startsWith("--toms-") ? "font" : undefined;
  // Nothing of a content folder's: a pseudo-element without it draws nothing (an empty one could cover text).
  if (prop === "content") return /^\s*(none|normal|""|'')\s*$/i.test(value) ? "layout" : "text";
  if (prop === "font-family") {
    return families(value).every(
      (t) => globalKeywords.has(t.toLowerCase()) || bundledStacks.test(t) || bundledFamilies.has(t.replace(/^(["'])(.*)\1$/, "$2").toLowerCase()),
    )
      ? undefined
      : "font";
  }
  if (/var\(/i.test(value) && !varProperties.has(prop)) return "layout";
  // all: unset would take back what the defaults and toms's rules set.
  if (prop === "all") return "layout";
  if (globalKeywords.has(v)) return undefined;
  if (freeProperties.has(prop)) return undefined;
  const keywords = keywordProperties[prop];
  if (keywords) return keywords.includes(v) ? undefined : "layout";
  // A list's numbers are the author's words, and a marker on a paragraph would be words nobody wrote: lists keep
  // toms's look.
  if (prop === "list-style" || prop === "list-style-type" || prop === "list-style-position" || prop === "list-style-image") return "text";
  if (nonNegativeProperties.has(prop)) return isNonNegative(value) ? undefined : "layout";
  switch (prop) {
    case "font-size":
      return fontSizeKeywords.has(v) || relativeSize(v, 0.5, 4, false) ? undefined : "layout";
    case "line-height":
      // At least 1.2: below it, the background of a word in the next line could reach over this line's letters.
      return v === "normal" || relativeSize(v, 1.2, 10, true) ? undefined : "layout";
    case "font-weight":
      return /^(normal|bold|bolder|lighter|[1-9]00)$/.test(v) ? undefined : "layout";
    case "text-decoration":
    case "text-decoration-line":
      // No lengths (a line as thick as the text would cover it), and no line through: words struck through read as
      // removed from the annex (toms's own marks of the changes page are in required.css).
      return tokens(v).every((t) => !length.test(t)) && !/line-through/.test(v) ? undefined : "layout";
    case "text-decoration-thickness":
      return v === "auto" || v === "from-font" || emAtMost(v, 0.15) || /^(0|0?\.\d+|1(\.\d+)?)(px|pt)$/.test(v) ? undefined : "layout";
    case "text-underline-offset":
      return v === "auto" || emAtMost(v, 0.5) ? undefined : "layout";
    case "width":
    case "min-width":
    case "max-width":
    case "flex-basis":
      // No box too narrow for a word: with the text in it wrapping anywhere, a narrower one would let the letters run
      // over its neighbour.
      return isNonNegative(value) && !tooNarrow(v) ? undefined : "layout";
    case "flex": {
      // Grow and shrink factors, and a basis no narrower than a box of text may be.
      const [grow, shrink, basis] = tokens(v);
      const factor = (t: string | undefined) => t === undefined || /^\d*\.?\d+$/.test(t);
      if (v === "none" || v === "auto") return undefined;
      const basisOk = basis === undefined || basis === "auto" || basis === "content" || (isNonNegative(basis) && !tooNarrow(basis));
      return factor(grow) && factor(shrink) && basisOk && tokens(v).length <= 3 ? undefined : "layout";
    }
    case "height":
    case "max-height":
      // The logo's height (a picture: nothing inside it to cut off); any other box's could cut its text off or let it
      // run over what follows.
      return onlyPictures(parent) && isNonNegative(value) ? undefined : "layout";
    case "size":
      return parent.type === "atrule" && (parent as AtRule).name.toLowerCase() === "page" ? undefined : "layout";
    case "overflow":
    case "overflow-x":
    case "overflow-y":
      return v === "visible" ? undefined : "layout";
  }
  return "layout";
}

// A length below 3em (or its like in other units): too narrow for a box of text.
function tooNarrow(value: string): boolean {
  return tokens(value).some((t) => {
    const match = length.exec(t);
    if (!match) return false;
    const n = Number(match[1]);
    const unit = (match[2] ?? "").toLowerCase();
    const least: Record<string, number> = { "": 0.001, em: 3, rem: 3, "%": 10, px: 40, pt: 30, mm: 10, cm: 1, in: 0.4, ch: 5, vw: 10 };
    return n < (least[unit] ?? Number.POSITIVE_INFINITY);
  });
}

// A length in em of at most `high` (a line's decoration or its offset, which must stay near the line).
function emAtMost(value: string, high: number): boolean {
  const match = /^(\d*\.?\d+)em$/.exec(value);
  return match !== null && Number(match[1]) <= high;
}

// Whether every selector of a rule names the logo or a picture in its last part (`.letterhead .logo`, `img`).
function onlyPictures(parent: Container): boolean {
  if (parent.type !== "rule") return false;
  return (parent as postcss.Rule).selectors.every((selector) => {
    const last =
      selector
        .trim()
        .split(/[\s>+~]+/)
        .pop() ?? "";
    return /^img\b|\.logo\b/i.test(last) && !/::?(before|after)/i.test(last);
  });
}

// The families of a font-family value: split at commas outside quotes and parentheses.
function families(value: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote = "";
  let depth = 0;
  for (const ch of value) {
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      out.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  out.push(current.trim());
  return out;
}
