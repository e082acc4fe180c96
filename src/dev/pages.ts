import type { Root } from "hast";
import { h } from "hastscript";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import type { Site } from "../model.js";
import { combinedId, selectAnnex } from "../resolve/annex.js";
import { strings } from "../render/i18n.js";
import type { AnnexPage } from "../render/pages.js";
import { renderAnnexPage, renderIndexTree, siteAssets } from "../render/site.js";
import { forgetTemplates } from "../render/template.js";
import { indexPage } from "./fingerprint.js";
import { previewMarkers, withPreviewHead } from "./preview-head.js";

const stringify = unified().use(rehypeStringify);

/** An annex page as the preview rendered it: for the browser (with the preview's script) and for printing (without). */
export interface RenderedPreview {
  page: AnnexPage & { tree: Root };
  html: string;
}

/**
 * The pages of the preview, rendered when a browser asks for one and kept until a save changes it (its fingerprint):
 * a save renders nothing, and an annex nobody looks at is never rendered. Pages say they are a preview (the draft
 * banner with another word) and carry the preview's script; the style sheet and fonts are the build's.
 */
export class PreviewPages {
  #site: Site | undefined;
  #fingerprints: ReadonlyMap<string, string> = new Map();
  readonly #rendered = new Map<string, { fingerprint: string; preview: RenderedPreview }>();
  #index: { fingerprint: string; html: string } | undefined;
  #assets: Map<string, string | Buffer> | undefined;

  constructor(readonly options: { pdf: boolean }) {}

  /** The document of the last check without errors, and its pages' fingerprints; pages that changed are forgotten. */
  update(site: Site, fingerprints: ReadonlyMap<string, string>): void {
    this.#site = site;
    this.#fingerprints = fingerprints;
    for (const [name, { fingerprint }] of this.#rendered) if (fingerprints.get(name) !== fingerprint) this.#rendered.delete(name);
  }

  /** The document the pages show (the last one without errors), if there was one. */
  get site(): Site | undefined {
    return this.#site;
  }

  /** Whether `name` ("berlin.html", "index.html") is a page of the preview. */
  has(name: string): boolean {
    return this.#fingerprints.has(name);
  }

  /** An annex page by its file name ("berlin.html"), rendered now unless it is rendered already; undefined for no such annex. */
  annex(name: string): RenderedPreview | undefined {
    const site = this.#site;
    const fingerprint = this.#fingerprints.get(name);
    if (!site || fingerprint === undefined || name === indexPage) return undefined;
    const kept = this.#rendered.get(name);
    if (kept?.fingerprint === fingerprint) return kept.preview;
    const id = name.replace(/\.html$/, "");
    const location = site.locations.find((l) => l.id === id);
    if (!location && id !== combinedId) return undefined;
    const page = renderAnnexPage(site, selectAnnex(site, location), { pdf: this.options.pdf, preview: true });
    const preview = { page, html: stringify.stringify(withPreviewHead(page.tree, name, fingerprint)) };
    this.#rendered.set(name, { fingerprint, preview });
    return preview;
  }

  /** The index page, listing the annexes (and their PDFs, unless --no-pdf). */
  index(): string | undefined {
    const site = this.#site;
    const fingerprint = this.#fingerprints.get(indexPage);
    if (!site || fingerprint === undefined) return undefined;
    if (this.#index?.fingerprint === fingerprint) return this.#index.html;
    const t = strings(site.lang);
    const annexes = [undefined, ...site.locations].map((l) => {
      const id = l?.id ?? combinedId;
      return { name: l?.name ?? t.combined, html: `${id}.html`, ...(this.options.pdf && { pdf: `${id}.pdf` }) };
    });
    const tree = renderIndexTree(site, annexes, { pdf: this.options.pdf, preview: true });
    const html = stringify.stringify(withPreviewHead(tree, indexPage, fingerprint));
    this.#index = { fingerprint, html };
    return html;
  }

  /** The style sheet and fonts by path ("style.css", "fonts/…"), read once. */
  assets(): ReadonlyMap<string, string | Buffer> {
    this.#assets ??= siteAssets();
    return this.#assets;
  }

  /** After a template was saved: templates, style sheet and rendered pages are read and rendered anew. */
  templatesChanged(): void {
    forgetTemplates();
    this.#assets = undefined;
    this.#rendered.clear();
    this.#index = undefined;
  }
}

/**
 * A page of the preview's own (no annex to show: the content has errors and never had none, a page that is not
 * there, a failure): a title and a paragraph, with the preview's script, which shows the problems over it and reloads
 * it after the next save.
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
  return stringify.stringify(tree);
}
