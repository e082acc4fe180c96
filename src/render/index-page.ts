import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Site } from "../model.js";
import { formatDate, siteStrings, type Strings } from "./i18n.js";
import type { AnnexFile, AnnexPage, PublishedVersion, RenderOptions } from "./pages.js";
import { reportWords } from "../diff/report-words.js";

/** A rendered version as the index page lists it: each annex's name, page, and its PDF with the PDF's SHA-256. */
export function listedVersion(site: Site, pages: AnnexPage[], pdfs: ReadonlyMap<string, { record: { sha256: string } }>): PublishedVersion {
  const t = siteStrings(site);
  return {
    version: site.version,
    validFrom: site.validFrom,
    files: pages.map((p) => {
      const pdf = pdfs.get(p.pdf);
      return { name: p.annex.location?.name ?? t.combined, html: p.html, ...(pdf && { pdf: p.pdf, download: p.download, sha256: pdf.record.sha256 }) };
    }),
  };
}

/** The <main> of the index page: the document, its annexes (page and PDF), and the published versions. */
export function indexMain(site: Site, annexes: AnnexFile[], t: Strings, options: RenderOptions): ElementContent[] {
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
        annexes.map((a) => {
          // With the archive, the versions below list each PDF's SHA-256 once.
          const sha = (options.versions ?? []).length === 0 ? a.sha256 : undefined;
          return h("li", [
            h("a", { href: a.html }, a.name),
            ...(a.pdf ? [" · ", pdfLink(a.pdf, a.name, t, options, a.download)] : []),
            ...(sha ? [h("br"), h("code.sha256", { title: "SHA-256" }, `SHA-256 ${sha}`)] : []),
          ]);
        }),
      ),
      // What changed in this version, at the root next to the annexes.
      ...changesLink(
        (options.versions ?? []).find((v) => v.version === site.version),
        "",
        site,
        t,
        options,
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
          h("h3", [
            `${t.version} `,
            h("span.version-number", v.version),
            " · ",
            t.label(t.validFrom),
            " ",
            h("time", { dateTime: v.validFrom }, formatDate(v.validFrom, site.lang)),
          ]),
          h(
            "ul.annex-list",
            v.files.map((f) =>
              h("li", [
                h("a", { href: `${v.version}/${f.html}` }, f.name),
                ...(f.pdf ? [" · ", pdfLink(`${v.version}/${f.pdf}`, `${f.name}, ${t.version} ${v.version}`, t, options)] : []),
                ...(f.sha256 ? [h("br"), h("code.sha256", `SHA-256 ${f.sha256}`)] : []),
              ]),
            ),
          ),
          ...changesLink(v, `${v.version}/`, site, t, options),
        ]),
      ),
    ]),
  ];
}

// The link to a version's changes page (and its PDF), named by the version it compares with.
function changesLink(v: PublishedVersion | undefined, folder: string, site: Site, t: Strings, options: RenderOptions): Element[] {
  if (!v?.changes) return [];
  const { html, pdf, since } = v.changes;
  const name = reportWords(site.lang).page.link(since);
  return [
    h("p.changes-link", [
      h("a", { href: `${folder}${html}` }, name),
      ...(pdf ? [" · ", pdfLink(`${folder}${pdf}`, folder ? `${name}, ${t.version} ${v.version}` : name, t, options)] : []),
    ]),
  ];
}

/**
 * A link to a PDF: "PDF (173 kB)" on the page, and for a screen reader's list of links, where six links named "PDF"
 * cannot be told apart, what it is of: "Rechenzentrum Berlin als PDF (173 kB)" (the visible words are part of it,
 * WCAG 2.5.3). Without a known size (the live preview, which prints on demand), just "PDF" and the name.
 */
function pdfLink(href: string, name: string, t: Strings, options: RenderOptions, download?: string): Element {
  const bytes = options.pdfSizes?.get(href);
  const size = bytes === undefined ? undefined : t.fileSize(bytes);
  return h(
    "a",
    { href, ...(download && { download }), type: "application/pdf", ariaLabel: size ? t.pdfOf(name, size) : `${name}: ${t.pdf}` },
    size ? `${t.pdf} (${size})` : t.pdf,
  );
}
