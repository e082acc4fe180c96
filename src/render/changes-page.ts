import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { isBookkeeping, type AnnexChanges, type DocumentChange, type MeasureChange } from "../diff/changes.js";
import { compareSections, compareSite } from "../diff/compare-document.js";
import { compareAnnexes } from "../diff/compare-measures.js";
import { proseDifference } from "../diff/rendering.js";
import { attributeValue, fieldLabel, fieldNames, position, reportWords, type FieldNames, type ReportWords } from "../diff/report-words.js";
import type { Site } from "../model.js";
import { formatDate, type Strings } from "./i18n.js";
import { proseDiff, valueDiff } from "./prose-diff.js";
import { renderProse } from "./render-prose.js";

/** The file names of a version's changes page and its PDF, next to the version's annexes. */
export const changesFiles = { html: "changes.html", pdf: "changes.pdf" } as const;

/** What the changes page of a version compares and says. */
interface Context {
  site: Site;
  previous: Site;
  t: Strings;
  w: ReportWords;
  names: FieldNames;
}

/**
 * The <main> of a version's changes page, for a customer's lawyer: what changed against the version before, first in
 * the document as a whole (preamble, groups, locations, sections), then per annex (the combined one and each
 * location's), as `toms diff` compares them: measures added and removed with their text, changed ones with removed
 * words struck and added words marked, moved ones, and measures that now apply or no longer apply at a location.
 * The version's entry of the change history heads it.
 */
export function changesMain(site: Site, previous: Site, t: Strings, links: { pdf?: { href: string; download: string } }): ElementContent[] {
  const w = reportWords(site.lang);
  // A field is named as the reader of the earlier version knew it (the old title of a renamed group).
  const ctx: Context = { site, previous, t, w, names: fieldNames(site, previous) };
  const versions = { base: previous.version, head: site.version };
  const document = [...compareSite(previous, site).filter((c) => !isBookkeeping(c, versions)), ...compareSections(previous, site)];
  const annexes = compareAnnexes(previous, site);
  const entry = site.changes.find((c) => c.version === site.version);
  const annexName = (a: AnnexChanges) => (a.location === "all" ? t.combined : (a.name ?? a.location));
  const date = (iso: string) => formatDate(iso, site.lang);
  return [
    h("h1", w.page.title(site.version)),
    h("p.subtitle", site.title),
    h("dl.facts", [
      h("div", [h("dt", t.label(t.version)), h("dd", site.version)]),
      h("div", [h("dt", t.label(t.validFrom)), h("dd", h("time", { dateTime: site.validFrom }, date(site.validFrom)))]),
    ]),
    ...(links.pdf ? [h("p.pdf-link", [h("a", { href: links.pdf.href, download: links.pdf.download, type: "application/pdf" }, t.savePdf)])] : []),
    h("p.against", w.page.against(previous.version, date(previous.validFrom))),
    ...(entry ? [h("section.change-summary", { id: "summary" }, [h("h2", w.page.summary), ...renderProse(entry.summary, 3, { id: "summary", t })])] : []),
    h("p.legend", w.page.legend),
    h("nav.changes-contents", { ariaLabelledby: "changes-contents-title" }, [
      h("h2", { id: "changes-contents-title" }, w.page.contents),
      h("ul", [
        ...(document.length > 0 ? [h("li", [h("a", { href: "#document" }, w.page.document), ` (${w.page.changes(document.length)})`])] : []),
        ...annexes.map((a) => h("li", [h("a", { href: `#annex-${a.location}` }, annexName(a)), ` (${w.page.changes(a.changes.length)})`])),
      ]),
    ]),
    ...(document.length > 0
      ? [h("section.changed-annex", { id: "document" }, [h("h2", w.page.document), ...document.map((c) => documentChange(c, ctx))])]
      : []),
    ...annexes.map((a) =>
      h("section.changed-annex", { id: `annex-${a.location}` }, [
        h("h2", annexName(a)),
        ...(a.changes.length === 0 ? [h("p.no-change", w.page.noChange)] : a.changes.map((c) => measureChange(c, a, ctx))),
      ]),
    ),
  ];
}

// One change of a measure: what happened, the measure (title, else its place), and what its text says now.
function measureChange(change: MeasureChange, annex: AnnexChanges, ctx: Context): Element {
  const { w } = ctx;
  const kind =
    change.kind === "locations" && annex.location !== "all"
      ? change.locations?.after === undefined || change.locations.after.includes(annex.location)
        ? "enters"
        : "leaves"
      : change.kind;
  const name = change.title ?? change.place;
  const body: ElementContent[] = [];
  switch (change.kind) {
    case "added":
      body.push(...proseDiff(undefined, change.after));
      break;
    case "removed":
      body.push(...proseDiff(change.before, undefined));
      break;
    case "moved":
      body.push(
        h("p", [h("strong", `${w.page.from}: `), position(change.before ?? "", w), " → ", h("strong", `${w.page.to}: `), position(change.after ?? "", w)]),
      );
      break;
    case "locations": {
      const where = (ids: string[] | undefined) => (ids ? ids.map((id) => locationName(id, ctx)).join(", ") : w.everyLocation);
      // The site's own word for its locations (location_label), as its annexes say it.
      body.push(h("p", [h("strong", `${ctx.t.label(ctx.t.locations)} `), ...valueDiff(where(change.locations?.before), where(change.locations?.after))]));
      if (change.text !== undefined) body.push(...(kind === "enters" ? proseDiff(undefined, change.text) : proseDiff(change.text, undefined)));
      break;
    }
    case "changed": {
      if (change.titleChange) body.push(h("p", [h("strong", `${w.title}: `), ...valueDiff(change.titleChange.before, change.titleChange.after)]));
      for (const a of change.attributes ?? []) {
        const value = (v: string | undefined) => (v === undefined ? undefined : attributeValue(a.name, v, ctx.t));
        body.push(h("p", [h("strong", `${w.attribute[a.name]}: `), ...valueDiff(value(a.before), value(a.after))]));
      }
      if (change.placeholderChange) body.push(h("p", h("strong", w.placeholder[change.placeholderChange])));
      const difference = proseDifference(change.before, change.after);
      if (difference === "spacing") body.push(h("p.note", w.page.layoutOnly));
      if (difference !== "same") body.push(...proseDiff(change.before, change.after));
      break;
    }
  }
  return h(`div.change.change-${kind}`, [
    h("h3", [h("span.change-kind", `${w.label[kind]}: `), name]),
    ...(change.title !== undefined ? [h("p.change-place", change.place)] : []),
    h("div.change-text", body),
  ]);
}

// A change of the document around the measures: the field as a reader names it, and its old and new value.
function documentChange(change: DocumentChange, ctx: Context): Element {
  const { w } = ctx;
  const label = fieldLabel(change.field, w, ctx.names);
  const body: ElementContent[] = [];
  const list = /^(groups|locations|sections)$/.exec(change.field)?.[1] as "groups" | "locations" | "sections" | undefined;
  if (change.kind === "moved" && list) {
    const named = (ids: string | undefined) => (ids ?? "").split(", ").map((id) => ctx.names[list].get(id) ?? id);
    body.push(
      h("p", [h("strong", `${w.page.from}: `), named(change.before).join(", ")]),
      h("p", [h("strong", `${w.page.to}: `), named(change.after).join(", ")]),
    );
  } else if (change.prose) {
    body.push(...proseDiff(change.before, change.after));
  } else if (change.before === undefined && change.after === undefined) {
    // Named without its values (the markup of the page template, the style sheet): the label says it.
  } else if (change.kind === "changed" || !/^(groups|locations|sections)\.[^.]+$/.test(change.field)) {
    // A group, location or section added or removed whole is named by its label; its content shows in the annexes.
    body.push(h("p", valueDiff(change.before, change.after)));
  }
  return h(`div.change.change-${change.kind === "moved" ? "reordered" : change.kind}`, [
    h("h3", [h("span.change-kind", `${w.label[change.kind === "moved" ? "reordered" : change.kind]}: `), label]),
    ...(body.length > 0 ? [h("div.change-text", body)] : []),
  ]);
}

function locationName(id: string, ctx: Context): string {
  return ctx.site.locations.find((l) => l.id === id)?.name ?? ctx.previous.locations.find((l) => l.id === id)?.name ?? id;
}
