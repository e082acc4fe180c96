import fs from "node:fs";
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import type { Site } from "../model.js";
import { slug } from "../util/slug.js";
import { allAnnexes, type Annex } from "../resolve/annex.js";
import { annexMain } from "./annex-page.js";
import { fontFaceCss, siteFontFiles } from "./fonts.js";
import { formatDate, strings, type Strings } from "./i18n.js";
import { type AnnexFile, indexMain, type PublishedVersion } from "./index-page.js";
import { fillShell, pageShell, templateDir } from "./template.js";

/** One annex page as rendered, before it is written. */
export interface AnnexPage {
  annex: Annex;
  /** File name of the HTML page, e.g. "berlin.html". */
  html: string;
  /** File name of its PDF, e.g. "berlin.pdf". */
  pdf: string;
  /** File name a browser saves the PDF as. */
  download: string;
  /** The serialized page. */
  source: string;
  /** Title of the annex, for the PDF metadata. */
  title: string;
  /** Built from uncommitted content: the page and the PDF's running header say so. */
  draft: boolean;
}

/** Everything a build writes, as file name → content. */
export interface RenderedSite {
  pages: AnnexPage[];
  files: Map<string, string | Buffer>;
}

/** Options of rendering. */
export interface RenderOptions {
  /** Whether PDFs are made, so the pages link to them. */
  pdf: boolean;
  /** The published versions listed on the index page (the current one included), newest first. */
  versions?: PublishedVersion[];
  /** Built from content that is not committed: every page carries a banner saying it is not published. */
  draft?: boolean;
}

const stringify = unified().use(rehypeStringify);

/** Renders the combined annex and one annex per location, with their style sheet and fonts (the index page comes last, see renderIndex). */
export function renderSite(site: Site, options: RenderOptions): RenderedSite {
  const t = strings(site.lang);
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
    const source = page(site, t, title, main, draft);
    files.set(html, source);
    return { annex, html, pdf, download, source, title, draft };
  });
  // The bundled fonts' @font-face rules and stacks first: style.css sets every text in them (and nothing else).
  files.set("style.css", `${fontFaceCss()}\n${fs.readFileSync(new URL("style.css", templateDir), "utf8")}`);
  for (const [name, bytes] of siteFontFiles()) files.set(name, bytes);
  return { pages, files };
}

/** The index page: the annexes of this version (with the SHA-256 of each PDF) and the published versions. */
export function renderIndex(site: Site, annexes: AnnexFile[], options: RenderOptions): string {
  const t = strings(site.lang);
  return page(site, t, site.title, indexMain(site, annexes, t, options), options.draft === true);
}

function page(site: Site, t: Strings, title: string, main: ElementContent[], draft: boolean): string {
  const tree: Root = fillShell(pageShell(), site.lang, {
    title: [{ type: "text", value: title }],
    letterhead: letterhead(site),
    // First thing on the page (and in the PDF), before the title: nobody may take a draft for the signed text.
    main: draft ? [h("p.draft-banner", { role: "note" }, h("strong", t.draft)), ...main] : main,
    footer: footer(site, t),
  });
  return stringify.stringify(tree);
}

function letterhead(site: Site): Element[] {
  const { name, address, url } = site.organisation;
  return [h("p.organisation", url ? h("a", { href: url }, name) : name), ...(address.length > 0 ? [h("p.address", address.join(" · "))] : [])];
}

function footer(site: Site, t: Strings): Element[] {
  return [h("p", `${site.title} · ${t.version} ${site.version} · ${t.validFrom} ${formatDate(site.validFrom, site.lang)} · ${site.organisation.name}`)];
}
