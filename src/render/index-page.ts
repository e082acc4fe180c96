import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Site } from "../model.js";
import { formatDate, type Strings } from "./i18n.js";
import type { AnnexPage, RenderOptions } from "./site.js";

/** A version published earlier, kept under dist/<version>/. */
export interface PublishedVersion {
  version: string;
  validFrom: string;
  /** Annex file names with the SHA-256 of each PDF. */
  files: { name: string; html: string; pdf?: string; sha256?: string }[];
}

/** The <main> of the index page: the document, its annexes (page and PDF), and earlier versions. */
export function indexMain(site: Site, pages: AnnexPage[], t: Strings, options: RenderOptions): ElementContent[] {
  return [
    h("h1", site.title),
    ...(site.subtitle ? [h("p.subtitle", site.subtitle)] : []),
    h("dl.facts", [
      h("div", [h("dt", t.label(t.version)), h("dd", site.version)]),
      h("div", [h("dt", t.label(t.validFrom)), h("dd", h("time", { dateTime: site.validFrom }, formatDate(site.validFrom, site.lang)))]),
    ]),
    h("section.annexes", [
      h("h2", t.annexes),
      h(
        "ul.annex-list",
        pages.map((p) => {
          const sha = options.hashes?.get(p.pdf);
          return h("li", [
            h("a", { href: p.html }, p.annex.location?.name ?? t.combined),
            ...(options.pdf ? [" · ", h("a", { href: p.pdf, download: p.download, type: "application/pdf" }, t.pdf)] : []),
            ...(sha ? [h("br"), h("code.sha256", { title: "SHA-256" }, `SHA-256 ${sha}`)] : []),
          ]);
        }),
      ),
    ]),
    ...versions(site, t, options),
  ];
}

function versions(site: Site, t: Strings, options: RenderOptions): Element[] {
  const list = options.versions ?? [];
  if (list.length === 0) return [];
  return [
    h("section.versions", [
      h("h2", t.versions),
      h("table", [
        h("thead", h("tr", [h("th", { scope: "col" }, t.version), h("th", { scope: "col" }, t.validFrom), h("th", { scope: "col" }, t.annexes)])),
        h(
          "tbody",
          list.map((v) =>
            h("tr", [
              h("td", v.version),
              h("td", h("time", { dateTime: v.validFrom }, formatDate(v.validFrom, site.lang))),
              h(
                "td",
                h(
                  "ul.annex-list",
                  v.files.map((f) =>
                    h("li", [
                      h("a", { href: `${v.version}/${f.html}` }, f.name),
                      ...(f.pdf ? [" · ", h("a", { href: `${v.version}/${f.pdf}` }, t.pdf)] : []),
                      ...(f.sha256 ? [h("br"), h("code.sha256", `SHA-256 ${f.sha256}`)] : []),
                    ]),
                  ),
                ),
              ),
            ]),
          ),
        ),
      ]),
    ]),
  ];
}
