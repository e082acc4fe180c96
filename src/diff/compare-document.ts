import { createHash } from "node:crypto";
import type { Group, Location, Site } from "../model.js";
import type { DocumentChange } from "./changes.js";
import { diffSequences } from "./sequence.js";
import { sameProse } from "./rendering.js";
import { shellMarkup, shellText } from "../theme/shell-text.js";

type Value = string | undefined;

/**
 * The content folder's templates/ as every page and PDF shows them: the page template's own words (outside the slots
 * toms fills) and its elements and attributes, and the style sheet; each a change of every annex, in every language
 * (one template serves them all). Its words are given before and after; markup and style sheet are named only.
 */
function templates(base: Site | undefined, head: Site | undefined, out: DocumentChange[]): void {
  const change = appearance(out);
  const text = (s: Site | undefined) => (s?.theme?.shell ? shellText(s.theme.shell) : undefined);
  const markup = (s: Site | undefined) => (s?.theme?.shell ? shellMarkup(s.theme.shell) : undefined);
  // Spacing of the source does not show; anything else in a style sheet may change what is readable.
  const style = (s: Site | undefined) => s?.theme?.style?.replace(/\s+/g, " ").trim();
  change("templates.page.text", text(base), text(head), true);
  change("templates.page.markup", markup(base), markup(head), false);
  change("templates.style", style(base), style(head), false);
}

/**
 * site.yaml's theme and site_url, as every page and PDF shows them: the logo in every letterhead, compared by what is
 * published (its file type and bytes; an SVG as toms made it safe), not by its path, so the same picture moved is no
 * change; and named only (a picture cannot be quoted). The accent colour as toms uses it (its shades: "#8B0000" is
 * "#8b0000"); site_url as toms uses it (ending in "/"), the address the PDFs link each version's changes page at.
 */
function look(base: Site | undefined, head: Site | undefined, out: DocumentChange[]): void {
  const change = appearance(out);
  const logo = (s: Site | undefined) => {
    const l = s?.theme?.logo;
    return l && `${l.name} ${createHash("sha256").update(l.bytes).digest("hex")}`;
  };
  change("theme.logo", logo(base), logo(head), false);
  // Its shades for text and labels follow from it.
  change("theme.accent", base?.theme?.accent?.rule, head?.theme?.accent?.rule, true);
  change("site_url", base?.siteUrl, head?.siteUrl, true);
}

// Reports a value of the whole look (added, removed or changed), with its values where `shown`, else named only.
function appearance(out: DocumentChange[]) {
  return (field: string, before: Value, after: Value, shown: boolean): void => {
    if (before === after) return;
    const kind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    out.push({ kind, field, ...(shown && before !== undefined && { before }), ...(shown && after !== undefined && { after }) });
  };
}

/**
 * Compares what site.yaml says (version, dates, organisation, preamble, look and address, templates, groups, locations,
 * history) in reading order.
 */
export function compareSite(base: Site | undefined, head: Site | undefined): DocumentChange[] {
  const out: DocumentChange[] = [];
  const field = (name: string, before: Value, after: Value, prose = false) => {
    if (prose ? sameProse(before, after) : before === after) return;
    const kind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    out.push({ kind, field: name, ...(before !== undefined && { before }), ...(after !== undefined && { after }), ...(prose && { prose }) });
  };
  field("version", base?.version, head?.version);
  field("valid_from", base?.validFrom, head?.validFrom);
  field("title", base?.title, head?.title);
  field("subtitle", base?.subtitle, head?.subtitle);
  field("lang", base?.lang, head?.lang);
  field("organisation.name", base?.organisation.name, head?.organisation.name);
  field("organisation.address", base?.organisation.address.join("\n"), head?.organisation.address.join("\n"));
  field("organisation.url", base?.organisation.url, head?.organisation.url);
  field("preamble", base?.preamble?.markdown, head?.preamble?.markdown, true);
  field("measures_title", base?.measuresTitle, head?.measuresTitle);
  field("numbering", base?.numbering, head?.numbering);
  field(
    "location_label",
    base?.locationLabel && `${base.locationLabel.one} / ${base.locationLabel.other}`,
    head?.locationLabel && `${head.locationLabel.one} / ${head.locationLabel.other}`,
  );
  field("combined_view", base?.combinedView, head?.combinedView);
  look(base, head, out);
  templates(base, head, out);
  field("show_reviewed", base && String(base.showReviewed), head && String(head.showReviewed));
  field("coverage_appendix", base && String(base.coverageAppendix), head && String(head.coverageAppendix));
  // The catalogues, their words and what is declared not applicable are part of the annex where it shows the coverage.
  if (base?.coverageAppendix || head?.coverageAppendix) {
    const named = (s: Site | undefined) => s?.catalogues.map((c) => c.id).join(", ") || undefined;
    field("catalogues", named(base), named(head));
    const declared = (s: Site | undefined) =>
      s?.controlsNotApplicable
        .map((n) => `${n.cover.catalogue}:${n.cover.control}${n.locations ? ` (${n.locations.join(", ")})` : ""}: ${n.reason}`)
        .join("\n") || undefined;
    field("not_applicable", declared(base), declared(head));
    const ids = new Set([...(base?.catalogues ?? []), ...(head?.catalogues ?? [])].map((c) => c.id));
    for (const id of ids) {
      const words = (s: Site | undefined) => {
        const catalogue = s?.catalogues.find((c) => c.id === id);
        return catalogue && JSON.stringify({ title: catalogue.title, source: catalogue.source, controls: catalogue.controls });
      };
      if (base?.catalogues.some((c) => c.id === id) && head?.catalogues.some((c) => c.id === id)) field(`catalogues.${id}`, words(base), words(head));
    }
  }
  keyed(
    out,
    "groups",
    base?.groups ?? [],
    head?.groups ?? [],
    (name, b: Group | undefined, a: Group | undefined) => {
      field(`${name}.title`, b?.title, a?.title);
      field(`${name}.intro`, b?.intro?.markdown, a?.intro?.markdown, true);
    },
    (g) => g.title,
  );
  keyed(
    out,
    "locations",
    base?.locations ?? [],
    head?.locations ?? [],
    (name, b: Location | undefined, a: Location | undefined) => {
      field(`${name}.name`, b?.name, a?.name);
      field(`${name}.operator`, b?.operator, a?.operator);
      field(`${name}.url`, b?.url, a?.url);
      field(`${name}.inherits`, b?.inherits?.join(", "), a?.inherits?.join(", "));
      field(`${name}.description`, b?.description?.markdown, a?.description?.markdown, true);
      const certifications = (l: Location | undefined) => l?.certifications.map((c) => (c.url ? `${c.name} <${c.url}>` : c.name)).join("\n");
      field(`${name}.certifications`, certifications(b), certifications(a));
    },
    (l) => l.name,
  );
  const history = (s: Site | undefined) => (s?.changes ?? []).map((c) => ({ id: c.version, text: `${c.version} (${c.date}): ${c.summary.markdown.trim()}` }));
  keyed(
    out,
    "changes",
    history(base),
    history(head),
    (name, b, a) => field(name, b?.text, a?.text),
    (c) => c.text,
    false,
  );
  return out;
}

/** Compares the sections (by id): added, removed, title, introduction, group, and order within the group. */
export function compareSections(base: Site | undefined, head: Site | undefined): DocumentChange[] {
  const out: DocumentChange[] = [];
  const sections = (site: Site | undefined) => (site?.groups ?? []).flatMap((g) => g.sections.map((s) => ({ id: s.id, group: g.id, section: s })));
  keyed(
    out,
    "sections",
    sections(base),
    sections(head),
    (name, b, a) => {
      const field = (f: string, before: Value, after: Value, prose = false) => {
        if (prose ? sameProse(before, after) : before === after) return;
        out.push({
          kind: "changed",
          field: `${name}.${f}`,
          ...(before !== undefined && { before }),
          ...(after !== undefined && { after }),
          ...(prose && { prose }),
        });
      };
      field("title", b?.section.title, a?.section.title);
      field("intro", b?.section.intro?.markdown, a?.section.intro?.markdown, true);
      field("group", b?.group, a?.group);
      field("heading", String(b?.section.heading), String(a?.section.heading));
      field("responsible", b?.section.responsible ?? "processor", a?.section.responsible ?? "processor");
    },
    (s) => `${s.section.title} (group ${s.group})`,
  );
  return out;
}

/**
 * Compares two lists of things with ids: reports added and removed ones, a changed order
 * (when `ordered`), and lets `each` compare those on both sides.
 */
function keyed<T extends { id: string }>(
  out: DocumentChange[],
  list: string,
  before: T[],
  after: T[],
  each: (name: string, before: T | undefined, after: T | undefined) => void,
  label: (item: T) => string,
  ordered = true,
): void {
  const beforeIds = before.map((t) => t.id);
  const afterIds = after.map((t) => t.id);
  for (const item of after) if (!beforeIds.includes(item.id)) out.push({ kind: "added", field: `${list}.${item.id}`, after: label(item) });
  for (const item of before) if (!afterIds.includes(item.id)) out.push({ kind: "removed", field: `${list}.${item.id}`, before: label(item) });
  const kept = (ids: string[], other: string[]) => ids.filter((id) => other.includes(id));
  if (ordered) {
    const runs = diffSequences(kept(beforeIds, afterIds), kept(afterIds, beforeIds));
    if (runs.some((r) => r.type !== "equal"))
      out.push({ kind: "moved", field: list, before: kept(beforeIds, afterIds).join(", "), after: kept(afterIds, beforeIds).join(", ") });
  }
  for (const item of after) {
    const was = before.find((t) => t.id === item.id);
    if (was) each(`${list}.${item.id}`, was, item);
  }
}
