import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Location, Site } from "../model.js";
import type { Annex, AnnexEntry, AnnexGroup, AnnexSection } from "../resolve/annex.js";
import { appliesAt as appliesAtOf } from "../resolve/inherits.js";
import { inLanguage } from "../resolve/catalogues.js";
import { annexCoverage, type ControlInAnnex } from "../resolve/coverage.js";
import { sectionReviewed } from "../resolve/review.js";
import { formatDate, type Strings } from "./i18n.js";
import { linkAddress } from "./link-address.js";
import { renderProse } from "./render-prose.js";

/** Links of an annex page to its siblings: the PDF next to it (when built), the version's changes page (when it has one). */
export interface AnnexLinks {
  pdf?: { href: string; download: string };
  /**
   * The changes page, linked from the version's entry of the change history: `href` next to the page, `pdfHref` the
   * address the PDF links instead (absolute, from site_url; without it the PDF shows the version unlinked).
   */
  changes?: { href: string; label: string; pdfHref?: string };
}

/** What every part of one annex page needs to know. */
interface Context {
  site: Site;
  annex: Annex;
  t: Strings;
  links: AnnexLinks;
}

/** The <main> content of one annex page: title block, location(s), contents, preamble, numbered measures, history. */
export function annexMain(site: Site, annex: Annex, t: Strings, links: AnnexLinks): ElementContent[] {
  const ctx: Context = { site, annex, t, links };
  // Heading ranks: h1 title; h2 blocks; groups h2, or h3 under the optional measures title.
  const groupRank = site.measuresTitle ? 3 : 2;
  return [
    h("h1", site.title),
    ...(site.subtitle ? [h("p.subtitle", site.subtitle)] : []),
    documentFacts(ctx),
    ...(links.pdf ? [h("p.pdf-link", [h("a", { href: links.pdf.href, download: links.pdf.download, type: "application/pdf" }, t.savePdf)])] : []),
    ...(site.locations.length > 0 ? [locationBlock(ctx)] : []),
    contents(ctx),
    ...(site.preamble ? [h("section.preamble", { id: "preamble" }, renderProse(site.preamble, 2, { id: "preamble", t }))] : []),
    h("section.measures", { id: "measures" }, [
      ...(site.measuresTitle ? [h("h2", site.measuresTitle)] : []),
      ...annex.groups.flatMap((g) => group(g, ctx, groupRank)),
    ]),
    ...coverageAppendix(ctx),
    ...changeHistory(ctx),
  ];
}

function documentFacts({ site, annex, t }: Context): Element {
  return h("dl.facts", [
    h("div", [h("dt", t.label(t.version)), h("dd", site.version)]),
    h("div", [h("dt", t.label(t.validFrom)), h("dd", h("time", { dateTime: site.validFrom }, formatDate(site.validFrom, site.lang)))]),
    // One scope: no location to name.
    ...(site.locations.length > 0 ? [h("div", [h("dt", t.label(t.location)), h("dd", annex.location ? annex.location.name : t.combined)])] : []),
  ]);
}

function locationBlock({ site, annex, t }: Context): Element {
  const single = annex.location !== undefined;
  const shown = annex.location ? [annex.location] : site.locations;
  return h("section.locations", { id: "locations" }, [h("h2", single ? t.location : t.locations), ...shown.map((l) => locationCard(l, site, t, single))]);
}

function locationCard(location: Location, site: Site, t: Strings, single: boolean): Element {
  const inherited = (location.inherits ?? []).map((id) => site.locations.find((l) => l.id === id)?.name ?? id);
  const name = location.url ? [h("a", { href: location.url }, location.name), linkAddress(location.url)] : [location.name];
  return h("div.location", { id: `location-${location.id}` }, [
    single ? h("p.location-name", h("strong", name)) : h("h3", name),
    ...(location.operator ? [h("p.operator", [`${t.label(t.operator)} `, location.operator])] : []),
    ...(inherited.length > 0 ? [h("p.inherits", [`${t.label(t.inherits)} `, inherited.join(", ")])] : []),
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
      ...annex.groups.flatMap((g) => {
        const sections = g.sections.flatMap((s) => (s.section.heading ? [entry(`section-${s.section.id}`, numbered(s.label, s.section.title))] : []));
        // The sections of a site without groups are the top level of the contents too.
        return g.group.implicit ? sections : [entry(`group-${g.group.id}`, numbered(g.label, g.group.title), sections)];
      }),
      ...(site.coverageAppendix && site.catalogues.length > 0 ? [entry("coverage", t.coverage.title)] : []),
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

// A number and a title as headings and the contents show them: "(1) Vertraulichkeit", "1.2 Zugang", or the title.
function numbered(label: string | undefined, title: string): string {
  return label ? `${label} ${title}` : title;
}

function heading(rank: number, label: string | undefined, title: string): Element {
  return h(`h${rank}`, label ? [h("span.number", label), " ", title] : [title]);
}

function group(g: AnnexGroup, ctx: Context, rank: number): Element[] {
  // A site without groups: its sections take the groups' place and rank.
  if (g.group.implicit) return g.sections.map((s) => section(s, ctx, rank));
  return [
    h("section.group", { id: `group-${g.group.id}` }, [
      heading(rank, g.label, g.group.title),
      ...(g.group.intro ? [h("div.intro", renderProse(g.group.intro, rank + 1, { id: `group-${g.group.id}-intro`, t: ctx.t }))] : []),
      ...g.sections.map((s) =>
        s.section.heading ? section(s, ctx, rank + 1) : h("div.section-body", { id: `section-${s.section.id}` }, body(s, ctx, rank + 1)),
      ),
    ]),
  ];
}

function section(s: AnnexSection, ctx: Context, rank: number): Element {
  const { t } = ctx;
  const who = s.section.responsible;
  return h("section.section", { id: `section-${s.section.id}` }, [
    heading(rank, s.label, s.section.title),
    ...(who ? [h("p.responsible", [`${t.label(t.responsibleLabel)} `, t.responsible[who]])] : []),
    ...body(s, ctx, rank + 1),
  ]);
}

// A section's introduction and measures (as a matrix in a combined annex that asks for one); a line saying so when
// nothing applies at this location.
function body(s: AnnexSection, ctx: Context, rank: number): ElementContent[] {
  const { site, annex, t } = ctx;
  // The oldest review of the measures shown here: the line never claims more than the least recent review.
  const reviewed = site.showReviewed ? sectionReviewed(s.entries.map((e) => e.measure)) : undefined;
  const intro = [
    ...(reviewed ? [h("p.label.reviewed", [`${t.label(t.lastReviewed)} `, h("time", { dateTime: reviewed }, formatDate(reviewed, site.lang))])] : []),
    ...(s.section.intro ? [h("div.intro", renderProse(s.section.intro, rank, { id: `section-${s.section.id}-intro`, t }))] : []),
  ];
  if (annex.location === undefined && site.combinedView === "matrix" && site.locations.length > 0) return [...intro, ...matrix(s, ctx, rank)];
  const measures = s.entries.map((e) => measure(e, s, ctx, rank));
  const none = measures.length === 0 && annex.location ? [h("p.not-applicable", t.nothingHere(annex.location.name))] : [];
  return [...intro, ...measures, ...none];
}

function measure(e: AnnexEntry, s: AnnexSection, { site, annex, t }: Context, rank: number): Element {
  const m = e.measure;
  const name = (id: string) => site.locations.find((l) => l.id === id)?.name ?? id;
  const elsewhere = annex.location === undefined ? [...(m.notApplicable?.at ?? [])] : [];
  const classes = ["measure", ...(m.placeholder ? ["placeholder"] : []), ...(e.notApplicable !== undefined ? ["is-not-applicable"] : [])];
  return h(`div.${classes.join(".")}`, { id: `measure-${m.id}` }, [
    ...(m.title ? [h(`h${Math.min(6, rank)}`, m.title)] : []),
    // Before the text, on the page and in the PDF: a placeholder is not a measure anybody takes.
    ...(m.placeholder ? [h("p.placeholder-mark", { role: "note" }, h("strong", t.placeholder))] : []),
    // In the order of site.yaml, whatever order the measure lists them in: the order says nothing.
    ...(annex.location === undefined && m.locations
      ? [h("p.applies-to", `${t.label(t.appliesTo)} ${inSiteOrder(site, m.locations).map(name).join(", ")}`)]
      : []),
    ...(e.notApplicable !== undefined ? [h("p.label.not-applicable-reason", [h("strong", t.label(t.notApplicable)), ` ${e.notApplicable}`])] : []),
    ...(elsewhere.length > 0
      ? [
          h("p.label.not-applicable-reason", [
            h("strong", t.label(t.notApplicableAt)),
            ` ${elsewhere.map(([id, reason]) => `${name(id)} (${reason})`).join("; ")}`,
          ]),
        ]
      : []),
    ...(m.status && e.notApplicable === undefined ? [h("p.label.status", { dataStatus: m.status }, t.status[m.status])] : []),
    // Who carries it out, where the section does not already say so.
    ...(m.responsible && m.responsible !== (s.section.responsible ?? "processor")
      ? [h("p.label.responsible", [`${t.label(t.responsibleLabel)} `, t.responsible[m.responsible]])]
      : []),
    ...renderProse(m.prose, Math.min(6, m.title ? rank + 1 : rank), { id: `measure-${m.id}`, t }),
  ]);
}

// A section of the combined annex as a table: a row per measure (its title, else its text), a column per location,
// each cell saying whether it applies there: ✓ (or its status), "n/a" with a note number (the reasons are listed
// under the table, so they are read in print too), or –.
function matrix(s: AnnexSection, { site, t }: Context, rank: number): ElementContent[] {
  const wide = site.locations.length > 6;
  const notes: { id: string; text: string }[] = [];
  const cell = (e: AnnexEntry, location: { id: string; name: string }): ElementContent[] => {
    const m = e.measure;
    const reason = m.notApplicable?.everywhere ?? m.notApplicable?.at.get(location.id);
    if (reason !== undefined) {
      // One note per measure and reason: "not applicable anywhere" is one note, not one per column.
      const text = m.notApplicable?.everywhere !== undefined ? `${m.title ?? m.id}: ${reason}` : `${m.title ?? m.id}, ${location.name}: ${reason}`;
      let note = notes.find((n) => n.text === text);
      if (!note) notes.push((note = { id: `note-${s.section.id}-${notes.length + 1}`, text }));
      return [h("span.cell-na", t.matrix.notApplicable), h("sup", h("a", { href: `#${note.id}` }, String(notes.indexOf(note) + 1)))];
    }
    const applies = m.locations === undefined || [...appliesAtOf(site, location.id)].some((l) => m.locations?.includes(l));
    if (!applies) return [h("span.cell-absent", t.matrix.absent)];
    return m.status ? [h("span.cell-status", t.status[m.status])] : [h("span.cell-applies", t.matrix.applies)];
  };
  const rows = s.entries.map((e) =>
    h("tr", { id: `measure-${e.measure.id}` }, [
      h("th", { scope: "row" }, [
        ...(e.measure.placeholder ? [h("p.placeholder-mark", { role: "note" }, h("strong", t.placeholder))] : []),
        ...(e.measure.title ? [e.measure.title] : renderProse(e.measure.prose, Math.min(6, rank), { id: `measure-${e.measure.id}`, t })),
      ]),
      ...site.locations.map((l) => h("td", cell(e, l))),
    ]),
  );
  return [
    h(`table.matrix${wide ? ".matrix-wide" : ""}`, [
      h("caption", t.matrix.caption(s.section.title)),
      h("thead", h("tr", [h("th", { scope: "col" }, t.matrix.measure), ...site.locations.map((l) => h("th.location-column", { scope: "col" }, l.name))])),
      h("tbody", rows),
    ]),
    ...(notes.length > 0
      ? [
          h(
            `ol.matrix-notes.digits-${String(notes.length).length}`,
            notes.map((n) => h("li", { id: n.id }, [h("strong", t.label(t.notApplicable)), ` ${n.text}`])),
          ),
        ]
      : []),
    // The texts of the measures with titles follow the table: a matrix row shows only the title.
    ...s.entries
      .filter((e) => e.measure.title)
      .map((e) =>
        h(e.measure.placeholder ? "div.measure.placeholder" : "div.measure", { id: `measure-${e.measure.id}-text` }, [
          h(`h${Math.min(6, rank)}`, e.measure.title as string),
          ...(e.measure.placeholder ? [h("p.placeholder-mark", { role: "note" }, h("strong", t.placeholder))] : []),
          ...renderProse(e.measure.prose, Math.min(6, rank + 1), { id: `measure-${e.measure.id}-text`, t }),
        ]),
      ),
  ];
}

function inSiteOrder(site: Site, ids: string[]): string[] {
  const position = (id: string) => site.locations.findIndex((l) => l.id === id);
  return [...ids].sort((a, b) => position(a) - position(b));
}

// The appendix of coverage (coverage_appendix): per catalogue site.yaml names, each control and the measures of this
// annex that cover it, linked; "not applicable" with the reason, or "no measure" where there is a gap.
function coverageAppendix({ site, annex, t }: Context): Element[] {
  if (!site.coverageAppendix || site.catalogues.length === 0) return [];
  const where = new Map(annex.groups.flatMap((g) => g.sections.flatMap((s) => s.measures.map((m) => [m.id, s] as const))));
  const measureLink = (id: string, title: string | undefined): Element => {
    const s = where.get(id);
    // The section, numbered as in this annex, and the measure's title: "a) Betrieb: Datensicherung".
    const section = s ? numbered(s.label, s.section.title) : undefined;
    const label = section && title ? `${section}: ${title}` : (section ?? title ?? id);
    return h("li", h("a", { href: `#measure-${id}` }, label));
  };
  const cell = (row: ControlInAnnex): ElementContent[] => {
    if (row.state === "covered")
      return [
        h(
          "ul.covering",
          row.measures.map((m) => measureLink(m.id, m.title)),
        ),
      ];
    if (row.state === "not-applicable") return [h("strong", t.label(t.notApplicable)), { type: "text", value: ` ${row.reason ?? ""}` }];
    return [h("span.coverage-gap", t.coverage.none)];
  };
  return [
    h("section.coverage", { id: "coverage" }, [
      h("h2", t.coverage.title),
      ...annexCoverage(site, annex).flatMap(({ catalogue, controls }) => {
        const citation = catalogue.source?.citation ? inLanguage(catalogue.source.citation, site.lang) : undefined;
        const url = catalogue.source?.url;
        return [
          h("h3", { id: `coverage-${catalogue.id}` }, inLanguage(catalogue.title, site.lang)),
          ...(citation || url
            ? [
                h("p.coverage-source", [
                  `${t.label(t.coverage.source)} `,
                  ...(citation ? [citation] : []),
                  ...(url ? [citation ? " " : "", h("a", { href: url }, url)] : []),
                ]),
              ]
            : []),
          h("table.coverage-table", [
            h("thead", h("tr", [h("th", { scope: "col" }, t.coverage.control), h("th", { scope: "col" }, t.coverage.measures)])),
            h(
              "tbody",
              controls.map((row) => {
                const ref = row.control.ref ? inLanguage(row.control.ref, site.lang) : undefined;
                const name = row.control.name ? inLanguage(row.control.name, site.lang) : undefined;
                return h("tr", { dataState: row.state }, [
                  h("th", { scope: "row" }, [
                    h("span.control-name", [ref ? `${ref} ` : "", name ?? inLanguage(row.control.title, site.lang)]),
                    ...(name ? [h("span.control-title", inLanguage(row.control.title, site.lang))] : []),
                  ]),
                  h("td", cell(row)),
                ]);
              }),
            ),
          ]),
        ];
      }),
    ]),
  ];
}
function changeHistory({ site, t, links }: Context): Element[] {
  // The version's own entry leads to what changed in detail; a link to a page of the site is marked (site-link) so
  // that the PDF, which cannot follow a link to a file next to it, gets the page's public address or no link.
  const version = (v: string) =>
    v === site.version && links.changes
      ? h("a.site-link", { href: links.changes.href, ariaLabel: links.changes.label, ...(links.changes.pdfHref && { dataPdfHref: links.changes.pdfHref }) }, v)
      : v;
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
                h("td", version(c.version)),
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
