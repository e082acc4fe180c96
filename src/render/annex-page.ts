import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Location, Site } from "../model.js";
import type { Annex, AnnexGroup, AnnexSection } from "../resolve/annex.js";
import { formatDate, type Strings } from "./i18n.js";
import { linkAddress } from "./link-address.js";
import { renderProse } from "./render-prose.js";

/** Links of an annex page to its siblings: the PDF next to it (when built). */
export interface AnnexLinks {
  pdf?: { href: string; download: string };
}

/** What every part of one annex page needs to know. */
interface Context {
  site: Site;
  annex: Annex;
  t: Strings;
}

/** The <main> content of one annex page: title block, location(s), contents, preamble, numbered measures, history. */
export function annexMain(site: Site, annex: Annex, t: Strings, links: AnnexLinks): ElementContent[] {
  const ctx: Context = { site, annex, t };
  // Heading ranks: h1 title; h2 blocks; groups h2, or h3 under the optional measures title.
  const groupRank = site.measuresTitle ? 3 : 2;
  return [
    h("h1", site.title),
    ...(site.subtitle ? [h("p.subtitle", site.subtitle)] : []),
    documentFacts(ctx),
    ...(links.pdf ? [h("p.pdf-link", [h("a", { href: links.pdf.href, download: links.pdf.download, type: "application/pdf" }, t.savePdf)])] : []),
    locationBlock(ctx),
    contents(ctx),
    ...(site.preamble ? [h("section.preamble", { id: "preamble" }, renderProse(site.preamble, 2, { id: "preamble", t }))] : []),
    h("section.measures", { id: "measures" }, [
      ...(site.measuresTitle ? [h("h2", site.measuresTitle)] : []),
      ...annex.groups.map((g) => group(g, ctx, groupRank)),
    ]),
    ...changeHistory(ctx),
  ];
}

function documentFacts({ site, annex, t }: Context): Element {
  return h("dl.facts", [
    h("div", [h("dt", t.label(t.version)), h("dd", site.version)]),
    h("div", [h("dt", t.label(t.validFrom)), h("dd", h("time", { dateTime: site.validFrom }, formatDate(site.validFrom, site.lang)))]),
    h("div", [h("dt", t.label(t.location)), h("dd", annex.location ? annex.location.name : t.combined)]),
  ]);
}

function locationBlock({ site, annex, t }: Context): Element {
  const single = annex.location !== undefined;
  const shown = annex.location ? [annex.location] : site.locations;
  return h("section.locations", { id: "locations" }, [h("h2", single ? t.location : t.locations), ...shown.map((l) => locationCard(l, t, single))]);
}

function locationCard(location: Location, t: Strings, single: boolean): Element {
  const name = location.url ? [h("a", { href: location.url }, location.name), linkAddress(location.url)] : [location.name];
  return h("div.location", { id: `location-${location.id}` }, [
    single ? h("p.location-name", h("strong", name)) : h("h3", name),
    ...(location.operator ? [h("p.operator", [`${t.label(t.operator)} `, location.operator])] : []),
    ...(location.description ? renderProse(location.description, single ? 3 : 4, { id: `location-${location.id}`, t }) : []),
    ...(location.certifications.length > 0
      ? [
          h(
            "ul.certifications",
            location.certifications.map((c) => h("li", c.url ? [h("a", { href: c.url }, c.name), linkAddress(c.url)] : c.name)),
          ),
        ]
      : []),
  ]);
}

/** The table of contents; each entry carries an empty `.toc-page` the PDF stage fills with the page number. */
function contents({ site, annex, t }: Context): Element {
  const entry = (target: string, label: string, children: Element[] = []) =>
    h("li", [
      h("a", { href: `#${target}` }, [h("span.toc-label", label), h("span.toc-page", { dataTarget: target })]),
      ...(children.length > 0 ? [h("ol", children)] : []),
    ]);
  const preambleTitle = site.preamble ? firstHeadingText(renderProse(site.preamble, 2, { id: "preamble", t })) : undefined;
  return h("nav.toc", { id: "contents", ariaLabelledby: "contents-title" }, [
    h("h2", { id: "contents-title" }, t.contents),
    h("ol", [
      ...(preambleTitle ? [entry("preamble", preambleTitle)] : []),
      ...annex.groups.map((g) =>
        entry(
          `group-${g.group.id}`,
          `(${g.number}) ${g.group.title}`,
          g.sections.flatMap((s) => (s.letter ? [entry(`section-${s.section.id}`, `${s.letter}) ${s.section.title}`)] : [])),
        ),
      ),
      ...(site.changes.length > 0 ? [entry("changes", t.changes)] : []),
    ]),
  ]);
}

function firstHeadingText(nodes: ElementContent[]): string | undefined {
  const heading = nodes.find((n) => n.type === "element" && /^h[1-6]$/.test(n.tagName));
  return heading ? textOf(heading) : undefined;
}

/** The text content of a hast node. */
export function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  return "children" in node ? node.children.map(textOf).join("") : "";
}

function group(g: AnnexGroup, ctx: Context, rank: number): Element {
  return h("section.group", { id: `group-${g.group.id}` }, [
    h(`h${rank}`, [h("span.number", `(${g.number})`), " ", g.group.title]),
    ...(g.group.intro ? [h("div.intro", renderProse(g.group.intro, rank + 1, { id: `group-${g.group.id}-intro`, t: ctx.t }))] : []),
    ...g.sections.map((s) => (s.letter ? section(s, ctx, rank + 1) : h("div.section-body", { id: `section-${s.section.id}` }, body(s, ctx, rank + 1)))),
  ]);
}

function section(s: AnnexSection, ctx: Context, rank: number): Element {
  return h("section.section", { id: `section-${s.section.id}` }, [
    h(`h${rank}`, [h("span.number", `${s.letter})`), " ", s.section.title]),
    ...body(s, ctx, rank + 1),
  ]);
}

// A section's introduction and measures; a line saying so when none applies at this location.
function body(s: AnnexSection, { site, annex, t }: Context, rank: number): ElementContent[] {
  const name = (id: string) => site.locations.find((l) => l.id === id)?.name ?? id;
  const measures = s.measures.map((m) =>
    h(m.placeholder ? "div.measure.placeholder" : "div.measure", { id: `measure-${m.id}` }, [
      ...(m.title ? [h(`h${Math.min(6, rank)}`, m.title)] : []),
      // Before the text, on the page and in the PDF: a placeholder is not a measure anybody takes.
      ...(m.placeholder ? [h("p.placeholder-mark", { role: "note" }, h("strong", t.placeholder))] : []),
      // In the order of site.yaml, whatever order the measure lists them in: the order says nothing.
      ...(annex.location === undefined && m.locations
        ? [h("p.applies-to", `${t.label(t.appliesTo)} ${inSiteOrder(site, m.locations).map(name).join(", ")}`)]
        : []),
      ...renderProse(m.prose, Math.min(6, m.title ? rank + 1 : rank), { id: `measure-${m.id}`, t }),
    ]),
  );
  const none = measures.length === 0 && annex.location ? [h("p.not-applicable", t.nothingHere(annex.location.name))] : [];
  return [...(s.section.intro ? [h("div.intro", renderProse(s.section.intro, rank, { id: `section-${s.section.id}-intro`, t }))] : []), ...measures, ...none];
}

function inSiteOrder(site: Site, ids: string[]): string[] {
  const position = (id: string) => site.locations.findIndex((l) => l.id === id);
  return [...ids].sort((a, b) => position(a) - position(b));
}

function changeHistory({ site, t }: Context): Element[] {
  if (site.changes.length === 0) return [];
  return [
    h("section.changes", { id: "changes" }, [
      h("h2", t.changes),
      h("table", [
        h("thead", h("tr", [h("th", { scope: "col" }, t.version), h("th", { scope: "col" }, t.date), h("th", { scope: "col" }, t.summary)])),
        h(
          "tbody",
          // Newest first, whatever order site.yaml lists them in (toms diff does not count their order as a change).
          [...site.changes]
            .sort(newestFirst)
            .map((c) =>
              h("tr", [
                h("td", c.version),
                h("td", h("time", { dateTime: c.date }, formatDate(c.date, site.lang))),
                h("td", renderProse(c.summary, 3, { id: `change-${c.version}`, t })),
              ]),
            ),
        ),
      ]),
    ]),
  ];
}

function newestFirst(a: { date: string; version: string }, b: { date: string; version: string }): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return b.version.localeCompare(a.version, "en", { numeric: true });
}
