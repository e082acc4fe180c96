import fs from "node:fs";
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import type { Site } from "../model.js";
import { slug } from "../util/slug.js";
import { allAnnexes } from "../resolve/annex.js";
import { annexMain } from "./annex-page.js";
import { linkAddress } from "./link-address.js";
import { fontFaceCss, siteFontFiles } from "./fonts.js";
import { formatDate, siteStrings, type Strings } from "./i18n.js";
import { indexMain } from "./index-page.js";
import type { AnnexFile, AnnexPage, RenderedSite, RenderOptions } from "./pages.js";
import { fillShell, pageShell, templateDir } from "./template.js";

const stringify = unified().use(rehypeStringify);

/** Renders the combined annex and one annex per location, with their style sheet and fonts (the index page comes last, see renderIndex). */
export function renderSite(site: Site, options: RenderOptions): RenderedSite {
  const t = siteStrings(site);
  const files = new Map<string, string | Buffer>();
  const pages = allAnnexes(site).map((annex): AnnexPage => {
    const name = annex.location?.name ?? t.combined;
    const html = `${annex.id}.html`;
    const pdf = `${annex.id}.pdf`;
    // File names keep dots (versions such as 2026.1).
    const download = `${slug(site.title, /[^a-z0-9.]+/g).slice(0, 80) || "annex"}-${annex.id}-${slug(site.version, /[^a-z0-9.]+/g)}.pdf`;
    const title = `${site.title} – ${name}`;
    const main = annexMain(site, annex, t, options.pdf ? { pdf: { href: pdf, download } } : {});
    const draft = options.draft === true;
    const tree = page(site, t, title, main, draft);
    const source = stringify.stringify(tree);
    files.set(html, source);
    // The tree only where a printer will use it: a large site without PDFs keeps no page trees.
    return { annex, html, pdf, download, ...(options.pdf && { tree }), source, title, draft };
  });
  files.set("style.css", styleSheet(site));
  for (const [name, bytes] of siteFontFiles()) files.set(name, bytes);
  if (site.theme?.logo) files.set(site.theme.logo.name, site.theme.logo.bytes);
  return { pages, files };
}

/**
 * The site's style sheet: the bundled fonts' @font-face rules and stacks first (every text is set in them and
 * nothing else); then toms's style sheet, or the content folder's templates/style.css followed by the few rules that
 * keep the annex's text as written (templates/required.css); last the theme's accent colour.
 */
function styleSheet(site: Site): string {
  const theme = site.theme;
  const template = (name: string) => fs.readFileSync(new URL(name, templateDir), "utf8");
  const own = theme?.style === undefined ? template("style.css") : `${theme.style}\n${template("required.css")}`;
  const accent = theme?.accent
    ? `\n/* The accent colour of site.yaml's theme; links and headings in its shade that reads on the page (toms check says when it differs). */\n:root { --accent: ${theme.accent.rule}; --accent-text: ${theme.accent.text}; --accent-tint: ${theme.accent.tint}; }\n`
    : "";
  return `${fontFaceCss()}\n${own}${accent}`;
}

/** The index page: the annexes of this version (with the SHA-256 of each PDF) and the published versions. */
export function renderIndex(site: Site, annexes: AnnexFile[], options: RenderOptions): string {
  const t = siteStrings(site);
  return stringify.stringify(page(site, t, site.title, indexMain(site, annexes, t, options), options.draft === true));
}

function page(site: Site, t: Strings, title: string, main: ElementContent[], draft: boolean): Root {
  const tree: Root = fillShell(pageShell(site.theme?.shell), site.lang, {
    title: [{ type: "text", value: title }],
    letterhead: letterhead(site),
    // First thing on the page (and in the PDF), before the title: nobody may take a draft for the signed text.
    main: draft ? [h("p.draft-banner", { role: "note" }, h("strong", t.draft)), ...main] : main,
    footer: footer(site, t),
  });
  return tree;
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
