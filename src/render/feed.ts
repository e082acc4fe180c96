import type { Element, Root } from "xast";
import { toXml } from "xast-util-to-xml";
import { x } from "xastscript";
import { renderedProse } from "../diff/rendering.js";
import { shownParagraphs } from "../diff/shown.js";
import type { Site } from "../model.js";
import { formatDate, siteStrings } from "./i18n.js";
import type { PublishedVersion } from "./pages.js";

/**
 * The site's Atom feed (RFC 4287, feed.xml): one entry per published version, newest first, so that a customer can
 * subscribe to the annex they signed and hear of each new version. An entry's id is the version's address
 * (`<site_url><version>/`), the same in every build; it is updated as of the version's valid_from, titled with the
 * version, summarized by its entry of the change history (as text), and links its changes page (the first version,
 * which has none, links its place on the index page). `versions` are listed newest first, as the index lists them.
 */
export function atomFeed(site: Site, versions: readonly PublishedVersion[], siteUrl: string): string {
  const t = siteStrings(site);
  const at = (path: string) => new URL(path, siteUrl).href;
  const updated = (v: PublishedVersion) => `${v.validFrom}T00:00:00Z`;
  const entries = versions.map((v): Element => {
    const entry = site.changes.find((c) => c.version === v.version);
    const link = v.changes ? at(`${encodeURIComponent(v.version)}/${v.changes.html}`) : at(`#version-${encodeURIComponent(v.version)}`);
    return x("entry", [
      x("id", at(`${encodeURIComponent(v.version)}/`)),
      x("title", `${t.version} ${v.version} – ${t.validFrom} ${formatDate(v.validFrom, site.lang)}`),
      x("updated", updated(v)),
      x("link", { rel: "alternate", type: "text/html", href: link }),
      ...(entry ? [x("summary", plainText(entry.summary.markdown))] : []),
    ]);
  });
  const newest = [...versions].map(updated).sort().at(-1) as string;
  const { name, url } = site.organisation;
  const tree: Root = {
    type: "root",
    children: [
      { type: "instruction", name: "xml", value: 'version="1.0" encoding="utf-8"' },
      { type: "text", value: "\n" },
      x("feed", { xmlns: "http://www.w3.org/2005/Atom", "xml:lang": site.lang }, [
        x("id", siteUrl),
        x("title", site.title),
        ...(site.subtitle ? [x("subtitle", site.subtitle)] : []),
        x("updated", newest),
        x("link", { rel: "self", type: "application/atom+xml", href: at("feed.xml") }),
        x("link", { rel: "alternate", type: "text/html", href: siteUrl }),
        x("author", [x("name", name), ...(url ? [x("uri", url)] : [])]),
        x("generator", "toms"),
        ...entries,
      ]),
    ],
  };
  return `${toXml(tree, { closeEmptyElements: true })}\n`;
}

// The text a reader of the annex sees of a piece of Markdown: its blocks, a blank line apart.
function plainText(markdown: string): string {
  return shownParagraphs(renderedProse(markdown).nodes).join("\n\n");
}
