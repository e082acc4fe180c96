import type { Root } from "hast";
import { h } from "hastscript";
import { serializePage } from "../render/serialize.js";
import type { Site } from "../model.js";
import { type Annex, combinedId, selectAnnex } from "../resolve/annex.js";
import type { AnnexPage, RenderOptions } from "../render/pages.js";
import { annexPageTree, renderAnnexPage, renderIndexTree, siteAssets } from "../render/site.js";
import { forgetTemplates } from "../render/template.js";
import { indexAnnexes, indexPage } from "./index-page.js";
import { addPreviewHead, previewMarkers } from "./preview-head.js";

/**
 * The pages of the preview, rendered when a browser asks for one and kept until a save changes it (its fingerprint):
 * a save renders nothing, and an annex nobody looks at is never rendered. Pages say they are a preview (the draft
 * banner with another word) and carry the preview's script; the style sheet and fonts are the build's.
 */
export class PreviewPages {
  #site: Site | undefined;
  #translations: readonly Site[] = [];
  #fingerprints: ReadonlyMap<string, string> = new Map();
  readonly #served = new Map<string, { fingerprint: string; made: string }>();
  readonly #printed = new Map<string, { fingerprint: string; made: AnnexPage }>();
  #index: { fingerprint: string; html: string } | undefined;
  #assets: { theme: Site["theme"]; files: Map<string, string | Buffer> } | undefined;

  constructor(readonly options: { pdf: boolean }) {}

  /** The document of the last check without errors, and its pages' fingerprints; pages that changed are forgotten. */
  update(site: Site, fingerprints: ReadonlyMap<string, string>, translations: readonly Site[] = []): void {
    this.#site = site;
    this.#translations = translations;
    this.#fingerprints = fingerprints;
    for (const cache of [this.#served, this.#printed]) {
      for (const [name, { fingerprint }] of cache) if (fingerprints.get(name) !== fingerprint) cache.delete(name);
    }
  }

  /** The document the pages show (the last one without errors), if there was one. */
  get site(): Site | undefined {
    return this.#site;
  }

  /** The document in the language of a page ("berlin.html" the site's own, "en/berlin.html" its English translation). */
  siteOf(name: string): Site | undefined {
    const folder = name.includes("/") ? name.slice(0, name.indexOf("/")) : undefined;
    return folder === undefined ? this.#site : this.#translations.find((t) => t.lang === folder);
  }

  /** An annex page as served (with the preview's script) by its file name ("berlin.html"), rendered now unless it is already; undefined for no such annex. */
  html(name: string): string | undefined {
    return this.#kept(this.#served, name, (site, annex, fingerprint, options) =>
      serializePage(addPreviewHead(annexPageTree(site, annex, options).tree, name, fingerprint)),
    );
  }

  /** An annex page as printed (no script) by the name of its page, rendered now unless it is already. */
  printable(name: string): AnnexPage | undefined {
    // Named as served (en/berlin.html): the printer finds the style sheet from there as a browser does.
    return this.#kept(this.#printed, name, (site, annex, _, options) => ({
      ...renderAnnexPage(site, annex, options),
      html: name,
      pdf: name.replace(/\.html$/, ".pdf"),
    }));
  }

  // What is made of an annex page, kept while the page's fingerprint stays.
  #kept<T>(
    cache: Map<string, { fingerprint: string; made: T }>,
    name: string,
    make: (site: Site, annex: Annex, fingerprint: string, options: RenderOptions) => T,
  ): T | undefined {
    const site = this.siteOf(name);
    const fingerprint = this.#fingerprints.get(name);
    if (!site || fingerprint === undefined || name === indexPage) return undefined;
    const kept = cache.get(name);
    if (kept?.fingerprint === fingerprint) return kept.made;
    const id = name.replace(/^.*\//, "").replace(/\.html$/, "");
    const location = site.locations.find((l) => l.id === id);
    if (!location && id !== combinedId) return undefined;
    const made = make(site, selectAnnex(site, location), fingerprint, { pdf: this.options.pdf, preview: true });
    cache.set(name, { fingerprint, made });
    return made;
  }

  /** The index page, listing the annexes (and their PDFs, unless --no-pdf). */
  index(): string | undefined {
    const site = this.#site;
    const fingerprint = this.#fingerprints.get(indexPage);
    if (!site || fingerprint === undefined) return undefined;
    if (this.#index?.fingerprint === fingerprint) return this.#index.html;
    const tree = renderIndexTree(site, indexAnnexes(site, this.options.pdf, this.#translations), { pdf: this.options.pdf, preview: true });
    const html = serializePage(addPreviewHead(tree, indexPage, fingerprint));
    this.#index = { fingerprint, html };
    return html;
  }

  /** The style sheet, fonts and logo by path ("style.css", "fonts/…", "logo.svg"), read again when the theme changed. */
  assets(): ReadonlyMap<string, string | Buffer> {
    const site = this.#site;
    if (!site) return new Map();
    const cached = this.#assets;
    const assets = cached !== undefined && cached.theme === site.theme ? cached : { theme: site.theme, files: siteAssets(site) };
    this.#assets = assets;
    return assets.files;
  }

  /** After a template was saved: templates, style sheet and rendered pages are read and rendered anew. */
  templatesChanged(): void {
    forgetTemplates();
    this.#assets = undefined;
    this.#served.clear();
    this.#printed.clear();
    this.#index = undefined;
  }
}

/**
 * A page of the preview's own, where there is no annex to show (the content has had errors from the start, a page that
 * is not there): a title and a paragraph, with the preview's script, which shows the problems over it and reloads it
 * after the next save.
 */
export function messagePage(title: string, message: string): string {
  const tree: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: "en" }, [
        h("head", [
          h("meta", { charset: "utf-8" }),
          h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
          h("link", { rel: "stylesheet", href: "/style.css" }),
          h("title", title),
          ...previewMarkers("*", ""),
        ]),
        h("body", [h("main", [h("h1", title), h("p", message), h("p", [h("a", { href: "/" }, "All annexes")])])]),
      ]),
    ],
  };
  return serializePage(tree);
}
