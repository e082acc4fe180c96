import fs from "node:fs";
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";

import type { Site } from "../model.js";
import { slug } from "../util/slug.js";
import { type Annex, allAnnexes } from "../resolve/annex.js";
import { reportWords } from "../diff/report-words.js";
import { annexMain, type AnnexLinks } from "./annex-page.js";
import { changesFiles, changesMain } from "./changes-page.js";
import { linkAddress } from "./link-address.js";
import { fontFaceCss, siteFontFiles } from "./fonts.js";
import { formatDate, siteStrings, type Strings } from "./i18n.js";
import { indexMain } from "./index-page.js";
import { alternateLinks, languageFolder, languageSwitch } from "./languages.js";
import type { AnnexFile, AnnexPage, RenderedSite, RenderOptions } from "./pages.js";
import { serializePage } from "./serialize.js";
import { fillShell, pageShell, templateDir } from "./template.js";

/** Renders the combined annex and one annex per location, with their style sheet and fonts (the index page comes last, see renderIndex). */
export function renderSite(site: Site, options: RenderOptions): RenderedSite {
  const files = new Map<string, string | Buffer>();
  const pages = allAnnexes(site).map((annex): AnnexPage => {
    const { tree, ...page } = renderAnnexPage(site, annex, options);
    files.set(page.html, page.source);
    // The tree only where a printer will use it: a large site without PDFs keeps no page trees.
    return { ...page, ...(options.pdf && { tree }) };
  });
  for (const [name, bytes] of siteAssets(site)) files.set(name, bytes);
  return { pages, files };
}

/** One annex page, as a tree and serialized (the live preview renders the page a browser asks for, and only that). */
export function renderAnnexPage(site: Site, annex: Annex, options: RenderOptions): AnnexPage & { tree: Root } {
  const page = annexPageTree(site, annex, options);
  return { ...page, source: serializePage(page.tree) };
}

/** One annex page as a tree, not serialized (the live preview adds to it before it serializes it, once). */
export function annexPageTree(site: Site, annex: Annex, options: RenderOptions): Omit<AnnexPage, "source"> & { tree: Root } {
  const t = siteStrings(site);
  const name = annex.location?.name ?? t.combined;
  const html = `${annex.id}.html`;
  const pdf = `${annex.id}.pdf`;
  // File names keep dots (versions such as 2026.1).
  const download = `${slug(site.title, /[^a-z0-9.]+/g).slice(0, 80) || "annex"}-${annex.id}-${slug(site.version, /[^a-z0-9.]+/g)}${inTranslation(site)}.pdf`;
  const title = `${site.title} – ${name}`;
  const main = annexMain(site, annex, t, {
    ...(options.pdf && { pdf: { href: pdf, download } }),
    ...(options.changes && { changes: changesLink(site) }),
  });
  const mark = markOf(options);
  const tree = page(site, t, title, main, mark, html, options.languages);
  return { annex, html, pdf, download, tree, title, draft: mark !== undefined, ...(mark === "preview" && { preview: true }) };
}

/**
 * The changes page of a version (changes.html, printed to changes.pdf): what changed against `previous`, the
 * version before it. Set like the annexes (same shell, style sheet, letterhead), so it prints the same way.
 */
export function renderChangesPage(site: Site, previous: Site, options: RenderOptions): AnnexPage {
  const t = siteStrings(site);
  const w = reportWords(site.lang);
  const download = `${slug(site.title, /[^a-z0-9.]+/g).slice(0, 80) || "annex"}-changes-${slug(site.version, /[^a-z0-9.]+/g)}${inTranslation(site)}.pdf`;
  const title = `${site.title} – ${w.page.title(site.version)}`;
  const main = changesMain(site, previous, t, options.pdf ? { pdf: { href: changesFiles.pdf, download } } : {});
  const mark = markOf(options);
  const tree = page(site, t, title, main, mark, changesFiles.html, options.languages);
  // The combined annex stands for the page where the printer asks for an annex: the running header names the change.
  const annex = allAnnexes(site)[0] as AnnexPage["annex"];
  return {
    annex,
    html: changesFiles.html,
    pdf: changesFiles.pdf,
    download,
    ...(options.pdf && { tree }),
    source: serializePage(tree),
    title,
    draft: mark !== undefined,
    ...(mark === "preview" && { preview: true }),
    running: w.page.link(previous.version),
  };
}

/**
 * The page's HTML once its PDF is printed: the link to the PDF says how big it is ("als PDF speichern (173 kB)").
 * The PDF is printed from the page without it (the link is not printed, and the page it is printed from, its key,
 * is the one rendered before), so the size does not change what it measures. A page rendered without a tree (no
 * PDFs) stays as it is.
 */
export function withPdfSize(site: Site, page: AnnexPage, bytes: number): string {
  if (!page.tree) return page.source;
  const tree = structuredClone(page.tree);
  const t = siteStrings(site);
  let found = false;
  const visit = (node: Root | Element, inPdfLink: boolean) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      const classes = Array.isArray(child.properties.className) ? child.properties.className : [];
      if (inPdfLink && child.tagName === "a" && child.properties.type === "application/pdf") {
        child.children.push({ type: "text", value: ` (${t.fileSize(bytes)})` });
        found = true;
      } else visit(child, inPdfLink || classes.includes("pdf-link"));
    }
  };
  visit(tree, false);
  return found ? serializePage(tree) : page.source;
}

// The link of a version's history entry to its changes page: next to the annex, and for the PDF at the public address.
function changesLink(site: Site): NonNullable<AnnexLinks["changes"]> {
  const label = reportWords(site.lang).page.historyLink(site.version);
  const pdfHref = site.siteUrl ? new URL(`${encodeURIComponent(site.version)}/${languageFolder(site)}${changesFiles.html}`, site.siteUrl).href : undefined;
  return { href: changesFiles.html, label, ...(pdfHref && { pdfHref }) };
}

/** The files every version's pages load besides themselves: the style sheet, the bundled fonts and the theme's logo, by path. */
export function siteAssets(site: Site): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>([["style.css", styleSheet(site)]]);
  for (const [name, bytes] of siteFontFiles()) files.set(name, bytes);
  if (site.theme?.logo) files.set(site.theme.logo.name, site.theme.logo.bytes);
  return files;
}

/**
 * The site's style sheet: the bundled fonts' @font-face rules and stacks first (every text is set in them and
 * nothing else); then toms's style sheet, or the bundled fonts as defaults (templates/defaults.css) and the content
 * folder's templates/style.css; then the rules that keep the annex's text as written and what toms's look needs that
 * a content folder's style sheet may not say (templates/required.css); last the theme's accent colour.
 */
function styleSheet(site: Site): string {
  const theme = site.theme;
  const template = (name: string) => fs.readFileSync(new URL(name, templateDir), "utf8");
  const own = theme?.style === undefined ? template("style.css") : `${template("defaults.css")}\n${theme.style}`;
  const accent = theme?.accent
    ? `\n/* The accent colour of site.yaml's theme; links and headings in its shade that reads on the page (toms check says when it differs). */\n:root { --accent: ${theme.accent.rule}; --accent-text: ${theme.accent.text}; --accent-tint: ${theme.accent.tint}; }\n`
    : "";
  return `${fontFaceCss()}\n${own}\n${template("required.css")}${accent}`;
}

/** The index page: the annexes of this version (with the SHA-256 of each PDF) and the published versions. */
export function renderIndex(site: Site, annexes: AnnexFile[], options: RenderOptions): string {
  return serializePage(renderIndexTree(site, annexes, options));
}

/** The index page as a tree (the live preview adds its script to it). */
export function renderIndexTree(site: Site, annexes: AnnexFile[], options: RenderOptions): Root {
  const t = siteStrings(site);
  // One index for every language (it lists the annexes of each, in its own words): it links no index of another language.
  return page(site, t, site.title, indexMain(site, annexes, t, options), markOf(options), "index.html", options.languages ?? [site.lang]);
}

// A translation's PDF is saved under a name that says its language (…-berlin-2026.1-en.pdf), the main language's as ever.
function inTranslation(site: Site): string {
  return languageFolder(site) === "" ? "" : `-${slug(site.lang, /[^a-z0-9]+/g)}`;
}

// A preview is a draft (of the working tree, shown live): the same banner, another word.
function markOf(options: RenderOptions): "draft" | "preview" | undefined {
  return options.preview === true ? "preview" : options.draft === true ? "draft" : undefined;
}

// A page of the site: `file` is its name in its language's folder ("berlin.html"), `languages` those it is in.
function page(
  site: Site,
  t: Strings,
  title: string,
  main: ElementContent[],
  mark: "draft" | "preview" | undefined,
  file: string,
  languages?: readonly string[],
): Root {
  const tree: Root = fillShell(
    pageShell(site.theme?.shell),
    site.lang,
    {
      title: [{ type: "text", value: title }],
      letterhead: [...letterhead(site), ...languageSwitch(site, file, t, languages)],
      // First thing on the page (and in the PDF), before the title: nobody may take a draft for the signed text.
      main: mark ? [h("p.draft-banner", { role: "note" }, h("strong", t[mark])), ...main] : main,
      footer: footer(site, t),
    },
    alternateLinks(site, file, languages),
  );
  // A translation's pages are in a folder of the version's: its style sheet (and fonts) and logo are the version's.
  if (languageFolder(site) !== "") assetsFrom(tree, "../");
  return tree;
}

// Points the page's style sheet link and the letterhead's logo at the version's folder.
function assetsFrom(tree: Root, up: string): void {
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "link" && Array.isArray(child.properties.rel) && child.properties.rel.includes("stylesheet"))
        child.properties.href = `${up}${String(child.properties.href)}`;
      else if (child.tagName === "img" && Array.isArray(child.properties.className) && child.properties.className.includes("logo"))
        child.properties.src = `${up}${String(child.properties.src)}`;
      else visit(child);
    }
  };
  visit(tree);
}

function letterhead(site: Site): Element[] {
  const { name, address, url } = site.organisation;
  const sender = [
    h("p.organisation", url ? [h("a", { href: url }, name), linkAddress(url)] : name),
    ...(address.length > 0 ? [h("p.address", address.join(" · "))] : []),
  ];
  const logo = site.theme?.logo;
  if (!logo) return sender;
  // The organisation's name is written beside it: the picture adds nothing to read (an empty alt). Its size says
  // its shape before it loads (an SVG's in units of 100 high: a viewBox may be any size); the style sheet sizes it.
  const [width, height] = logo.name === "logo.png" ? [logo.width, logo.height] : [Math.max(1, Math.round((100 * logo.width) / logo.height)), 100];
  return [h("img.logo", { src: logo.name, alt: "", width, height }), h("div.sender", sender)];
}

function footer(site: Site, t: Strings): Element[] {
  return [h("p", `${site.title} · ${t.version} ${site.version} · ${t.validFrom} ${formatDate(site.validFrom, site.lang)} · ${site.organisation.name}`)];
}
