import type { Element, ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import type { Site, Theme } from "../model.js";
import { formatDate, siteStrings } from "../render/i18n.js";
import { fillShell, template } from "../render/template.js";
import type { AnnexPage } from "../render/pages.js";
import type { BundledFace } from "../render/fonts.js";
import { runningFaces, runningFontCss } from "./running-fonts.js";
import { splitWords } from "./text-check.js";

/** Chromium's header and footer templates of one annex, as HTML, and the bundled faces they use. */
export interface RunningTemplates {
  header: string;
  footer: string;
  /** The faces the templates inline; the printed page must have loaded them (see running-fonts.ts). */
  fonts: BundledFace[];
  /** The words they write (see runningWords). */
  words: ReadonlySet<string>;
}

/**
 * The running header (document title and location; version and date of validity) and footer (organisation with
 * address; "Seite X von Y"). Chromium's own `date` and `title` spans are not used: its date is the clock's
 * and in en-US, so every value is written here, escaped by the serializer.
 */
export function runningTemplates(site: Site, page: AnnexPage): RunningTemplates {
  const t = siteStrings(site);
  const where = page.running ?? page.annex.location?.name ?? t.combined;
  const header = fillShell(template("pdf-header.html", true), site.lang, {
    title: [text(site.title)],
    location: [text(where)],
    // A draft (or a preview, a draft shown live) says so on every page, where the version is: it is not a version anyone can sign.
    version: page.draft
      ? [text(`${t.version} ${site.version} · `), h("span.draft", page.preview ? t.preview : t.draft)]
      : [text(`${t.version} ${site.version}`)],
    valid: [text(`${t.validFrom} ${formatDate(site.validFrom, site.lang)}`)],
  });
  const { name, address } = site.organisation;
  const footer = fillShell(template("pdf-footer.html", true), site.lang, {
    organisation: [h("strong", name), ...address.map((line): ElementContent => ({ type: "text", value: ` · ${line}` }))],
    page: pageOf(t.pageOf),
  });
  if (site.theme) withTheme(header, site.theme);
  // The words before the fonts go in: their style sheet (data: addresses of a few hundred kB) holds none.
  const words = treeWords([header, footer]);
  const headerFonts = withFonts(header);
  const footerFonts = withFonts(footer);
  return { header: toHtml(header), footer: toHtml(footer), fonts: [...new Set([...headerFonts, ...footerFonts])], words };
}

// The theme's accent for the header's rule, and its logo at the header's start. Chromium loads nothing for the
// header (see running-fonts.ts), so the logo is inlined as a data: address; the header is printed, never published.
function withTheme(header: Root, theme: Theme): void {
  const rules: string[] = [];
  if (theme.accent) rules.push(`.toms-header { border-bottom-color: ${theme.accent.rule}; }`);
  const box = theme.logo && findClass(header, "toms-header");
  if (theme.logo && box) {
    const type = theme.logo.name === "logo.svg" ? "image/svg+xml" : "image/png";
    box.children.unshift(h("img.logo", { src: `data:${type};base64,${theme.logo.bytes.toString("base64")}`, alt: "" }));
    rules.push(
      ".toms-header .logo { flex: none; display: block; height: 7mm; width: auto; max-width: 40mm; object-fit: contain; object-position: left bottom; }",
      ".toms-header .where { flex: 1 1 auto; }",
    );
  }
  if (rules.length > 0) header.children.push(h("style", rules.join("\n")));
}

function findClass(node: Root | Element, name: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    const classes = child.properties.className;
    if (Array.isArray(classes) && classes.includes(name)) return child;
    const found = findClass(child, name);
    if (found) return found;
  }
  return undefined;
}

// Puts the bundled faces a template's text needs (digits for Chromium's page numbers included) into the template.
function withFonts(tree: Root): BundledFace[] {
  const faces = runningFaces(`${textOf(tree)}0123456789`);
  tree.children.unshift(h("style", runningFontCss(faces, ".toms-header, .toms-footer")));
  return faces;
}

function textOf(node: Root | ElementContent): string {
  if (node.type === "text") return node.value;
  return "children" in node ? node.children.map((child) => (child.type === "doctype" ? "" : textOf(child))).join("") : "";
}

function text(value: string): ElementContent {
  return { type: "text", value };
}

// "Seite X von Y" in the document's language with Chromium's pageNumber/totalPages spans for X and Y.
// The phrase comes from the UI strings with two markers put in, so word order stays the language's.
function pageOf(phrase: (page: number, pages: number) => string): ElementContent[] {
  const [current, total] = [918273, 918274];
  const text = phrase(current, total);
  return text
    .split(/(918273|918274)/)
    .filter(Boolean)
    .map((part): ElementContent => {
      if (part === String(current)) return h("span.pageNumber");
      if (part === String(total)) return h("span.totalPages");
      return { type: "text", value: part };
    });
}

/** The words the running header and footer write (a page's number and count aside, which the browser fills in). */
export function runningWords(templates: RunningTemplates): ReadonlySet<string> {
  return templates.words;
}

// Each text by itself: the templates' parts are laid out apart (the address, the page's number), inline or not. Texts
// side by side are one text, as they are in the HTML the browser reads.
function treeWords(trees: Root[]): Set<string> {
  const words = new Set<string>();
  const walk = (node: Root | Element) => {
    let run = "";
    const flush = () => {
      for (const word of splitWords(run)) words.add(word);
      run = "";
    };
    for (const child of node.children) {
      if (child.type === "text") {
        run += child.value;
        continue;
      }
      flush();
      if (child.type === "element" && child.tagName !== "style") walk(child);
    }
    flush();
  };
  for (const tree of trees) walk(tree);
  return words;
}
