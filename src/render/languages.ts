import type { Element } from "hast";
import { h } from "hastscript";
import type { Site } from "../model.js";
import { ownName, type Strings } from "./i18n.js";

// A site in several languages (site.yaml's translations): the annexes of its own language are at the top of a
// version's folder, each translation's in a folder named by its language (en/berlin.html). Every page links the same
// page in the other languages: in its head for search engines and browsers (hreflang), and visibly (the switch).

/** The languages of a site, its own first; just its own for a site in one language. */
export function languagesOf(site: Site): string[] {
  return site.languages ? [site.languages.main, ...site.languages.translations] : [site.lang];
}

/** The folder of a language's pages in a version's folder: "" for the site's own language, "en/" for a translation. */
export function languageFolder(site: Site, lang: string = site.lang): string {
  return !site.languages || lang === site.languages.main ? "" : `${lang}/`;
}

/** The address of a file of the version's folder (e.g. "en/berlin.html") from a page in `folder` ("" or "en/"). */
export function fromFolder(folder: string, target: string): string {
  if (folder === "") return target;
  return target.startsWith(folder) ? target.slice(folder.length) : `../${target}`;
}

/** The address of the same page (`file`, e.g. "berlin.html") in another language, from this site's page. */
export function pageIn(site: Site, lang: string, file: string): string {
  return fromFolder(languageFolder(site), `${languageFolder(site, lang)}${file}`);
}

/**
 * The head's links to the page in every language (`languages`: those that have it, default all of the site's), the
 * page itself included, as search engines ask; none for a site in one language.
 */
export function alternateLinks(site: Site, file: string, languages: readonly string[] = languagesOf(site)): Element[] {
  if (!site.languages || languages.length < 2) return [];
  return languages.map((lang) => h("link", { rel: "alternate", hreflang: lang, href: pageIn(site, lang, file) }));
}

/**
 * The switch between the languages of a page: each language in its own words, the current one marked, the others
 * linked to the same page in them. Only on screen: a printed annex is in its language alone.
 */
export function languageSwitch(site: Site, file: string, t: Strings, languages: readonly string[] = languagesOf(site)): Element[] {
  if (!site.languages || languages.length < 2) return [];
  return [
    h(
      "nav.languages",
      { ariaLabel: t.language },
      h(
        "ul",
        languages.map((lang) =>
          h(
            "li",
            lang === site.lang
              ? h("span", { lang, ariaCurrent: "true" }, ownName(lang))
              : h("a", { href: pageIn(site, lang, file), hreflang: lang, lang }, ownName(lang)),
          ),
        ),
      ),
    ),
  ];
}
