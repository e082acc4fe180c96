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
        const reason = atRuleProblem(node);
        if (reason) refuse(node, `@${node.name}`, reason);
        else walk(node);
      } else if (node.type === "rule") {
        walk(node);
      } else if (node.type === "decl") {
        const reason = declarationProblem(node, use);
        if (reason) refuse(node, `${node.prop}: ${shortValue(node.value)}`, reason);
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

function declarationProblem(decl: Declaration, use: CssUse): RefusalReason | undefined {
  const prop = decl.prop.toLowerCase();
  const value = decl.value;
  if (prop === "behavior" || prop === "-moz-binding" || /expression\s*\(|javascript:/i.test(value)) return "script";
  if (prop.includes("\\") || value.includes("\\")) return "escape";
  if (fetching.test(value) && !(use === "svg" && onlyOwnReferences(value))) return "loads";
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
