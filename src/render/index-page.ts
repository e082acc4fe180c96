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
          // With the archive, the versions below list each PDF's SHA-256 once.
          const sha = (options.versions ?? []).length === 0 ? options.hashes?.get(p.pdf) : undefined;
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
  // One block per version, each annex with its stable links and the SHA-256 a customer can check a signed PDF against.
  return [
    h("section.versions", [
      h("h2", t.versions),
      ...list.map((v) =>
        h("div.version", { id: `version-${v.version}` }, [
          h("h3", [`${t.version} `, h("span.version-number", v.version), " · ", t.label(t.validFrom), " ", h("time", { dateTime: v.validFrom }, formatDate(v.validFrom, site.lang))]),
          h(
            "ul.annex-list",
            v.files.map((f) =>
              h("li", [
                h("a", { href: `${v.version}/${f.html}` }, f.name),
                ...(f.pdf ? [" · ", h("a", { href: `${v.version}/${f.pdf}`, type: "application/pdf" }, t.pdf)] : []),
                ...(f.sha256 ? [h("br"), h("code.sha256", `SHA-256 ${f.sha256}`)] : []),
              ]),
            ),
          ),
        ]),
      ),
    ]),
  ];
}
