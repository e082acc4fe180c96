import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Site } from "../model.js";
import { formatDate, ownName, siteStrings, strings, type Strings } from "./i18n.js";
import type { AnnexFile, AnnexPage, PublishedVersion, RenderOptions } from "./pages.js";
import { reportWords } from "../diff/report-words.js";

/**
 * A rendered version as the index page lists it: each annex's name, page, and its PDF with the PDF's SHA-256; in a
 * site of several languages, then each translation's annexes (named in their language, in its folder).
 */
export function listedVersion(
  site: Site,
  pages: AnnexPage[],
  pdfs: ReadonlyMap<string, { record: { sha256: string } }>,
  translated: readonly { site: Site; pages: AnnexPage[] }[] = [],
): PublishedVersion {
  const files = (doc: Site, list: AnnexPage[], lang?: string): AnnexFile[] => {
    const t = siteStrings(doc);
    return list.map((p) => {
      const pdf = pdfs.get(p.pdf);
      return {
        ...(lang && { lang }),
        name: p.annex.location?.name ?? t.combined,
        html: p.html,
        ...(pdf && { pdf: p.pdf, download: p.download, sha256: pdf.record.sha256 }),
      };
    });
  };
  return {
    version: site.version,
    validFrom: site.validFrom,
    files: [...files(site, pages), ...translated.flatMap((tr) => files(tr.site, tr.pages, tr.site.lang))],
  };
}

/** The <main> of the index page: the document, its annexes (page and PDF), and the published versions. */
export function indexMain(site: Site, annexes: AnnexFile[], t: Strings, options: RenderOptions): ElementContent[] {
  const current = (options.versions ?? []).find((v) => v.version === site.version);
  // With the archive, the versions below list each PDF's SHA-256 once.
  const withSha = (options.versions ?? []).length === 0;
  return [
    h("h1", site.title),
    ...(site.subtitle ? [h("p.subtitle", site.subtitle)] : []),
    h("dl.facts", [
      h("div", [h("dt", t.label(t.version)), h("dd", site.version)]),
      h("div", [h("dt", t.label(t.validFrom)), h("dd", h("time", { dateTime: site.validFrom }, formatDate(site.validFrom, site.lang)))]),
    ]),
    h("section.annexes", [
      h("h2", t.annexes),
      ...inLanguages(site, annexes, "h3", (files, lang) => [
        h(
          "ul.annex-list",
          files.map((a) =>
            h("li", [
              h("a", { href: a.html }, a.name),
              ...(a.pdf ? [" · ", pdfLink(a.pdf, a.name, strings(lang), options, a.download)] : []),
              ...(withSha && a.sha256 ? [h("br"), h("code.sha256", { title: "SHA-256" }, `SHA-256 ${a.sha256}`)] : []),
            ]),
          ),
        ),
        // What changed in this version, at the root next to the annexes.
        ...changesLink(current, "", lang, site, options),
      ]),
    ]),
    ...versions(site, t, options),
  ];
}

/**
 * The annexes of a version, grouped by language when the site has several: each group headed by its language's
 * name in its own words and marked with its language (a screen reader reads "English" and the English names in
 * English). A site of one language gets its list alone.
 */
function inLanguages(
  site: Site,
  files: readonly AnnexFile[],
  heading: "h3" | "h4",
  list: (files: AnnexFile[], lang: string) => ElementContent[],
): ElementContent[] {
  const langs = [site.lang, ...new Set(files.flatMap((f) => (f.lang ? [f.lang] : [])))];
  if (langs.length === 1) return list([...files], site.lang);
  return langs.map((lang) => {
    const own = lang === site.lang;
    return h("div.language", { ...(!own && { lang }) }, [
      h(heading, ownName(lang)),
      ...list(
        files.filter((f) => (f.lang ?? site.lang) === lang),
        lang,
      ),
    ]);
  });
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
          ...inLanguages(site, v.files, "h4", (files, lang) => [
            h(
              "ul.annex-list",
              files.map((f) =>
                h("li", [
                  h("a", { href: `${v.version}/${f.html}` }, f.name),
                  ...(f.pdf
                    ? [" · ", pdfLink(`${v.version}/${f.pdf}`, `${f.name}, ${strings(lang).version} ${v.version}`, strings(lang), options, downloadName(v, f))]
                    : []),
                  ...(f.sha256 ? [h("br"), h("code.sha256", `SHA-256 ${f.sha256}`)] : []),
                ]),
              ),
            ),
            ...changesLink(v, `${v.version}/`, lang, site, options),
          ]),
        ]),
      ),
    ]),
  ];
}

// The name a published version's PDF is saved as: the one it was built with, or (a record from before toms kept it)
// its file name with the version and a translation's language, so that the English and the German all.pdf differ.
function downloadName(v: PublishedVersion, f: AnnexFile): string | undefined {
  if (f.download) return f.download;
  if (!f.pdf) return undefined;
  const stem = (f.pdf.split("/").at(-1) ?? f.pdf).replace(/\.pdf$/i, "");
  return `${stem}-${v.version}${f.lang ? `-${f.lang}` : ""}.pdf`.replace(/[^A-Za-z0-9._-]+/g, "-");
}

// The name a changes PDF is saved as: its file name with the version and a translation's language ("changes-2027.2-en.pdf").
function changesDownload(pdf: string, version: string, lang: string, site: Site): string {
  const stem = (pdf.split("/").at(-1) ?? pdf).replace(/\.pdf$/i, "");
  return `${stem}-${version}${lang === site.lang ? "" : `-${lang}`}.pdf`.replace(/[^A-Za-z0-9._-]+/g, "-");
}

// The link to a version's changes page in a language (and its PDF), named by the version it compares with.
function changesLink(v: PublishedVersion | undefined, folder: string, lang: string, site: Site, options: RenderOptions): Element[] {
  const changes = lang === site.lang ? v?.changes : v?.translatedChanges?.find((c) => c.lang === lang);
  if (!v || !changes) return [];
  const { html, pdf, since } = changes;
  const t = strings(lang);
  const name = reportWords(lang).page.link(since);
  return [
    h("p.changes-link", [
      h("a", { href: `${folder}${html}` }, name),
      ...(pdf
        ? [" · ", pdfLink(`${folder}${pdf}`, folder ? `${name}, ${t.version} ${v.version}` : name, t, options, changesDownload(pdf, v.version, lang, site))]
        : []),
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
