import type { Measure, Site } from "../model.js";
import { allAnnexes, combinedId, type Annex } from "../resolve/annex.js";
import type { AnnexChanges, MeasureAttribute, MeasureChange } from "./changes.js";
import { diffSequences } from "./sequence.js";
import { sameProse } from "./rendering.js";

/** A measure where one annex shows it. */
interface Shown {
  measure: Measure;
  section: string;
  place: string;
  /** Group, section and measure index: the reading order. */
  order: [number, number, number];
  /** Why it does not apply in this annex, when it is listed as not applicable. */
  notApplicable?: string;
}

/** Compares every annex of BASE with the same annex at HEAD (a missing side has no measures), combined annex first. */
export function compareAnnexes(base: Site | undefined, head: Site | undefined): AnnexChanges[] {
  const baseAnnexes = new Map((base ? allAnnexes(base) : []).map((a) => [a.id, a]));
  const headAnnexes = new Map((head ? allAnnexes(head) : []).map((a) => [a.id, a]));
  const ids = [combinedId, ...(head?.locations ?? []).map((l) => l.id), ...(base?.locations ?? []).map((l) => l.id)];
  const baseAll = shownIn(baseAnnexes.get(combinedId));
  const headAll = shownIn(headAnnexes.get(combinedId));
  // Review dates and covered controls are part of the annex only where it shows them, on either side.
  const shows = { reviewed: !!(base?.showReviewed || head?.showReviewed), covers: !!(base?.coverageAppendix || head?.coverageAppendix) };
  return [...new Set(ids)].map((id) => {
    const location = head?.locations.find((l) => l.id === id) ?? base?.locations.find((l) => l.id === id);
    const changes = compareAnnex(shownIn(baseAnnexes.get(id)), shownIn(headAnnexes.get(id)), id === combinedId, baseAll, headAll, shows);
    return { location: id, ...(location && { name: location.name }), changes };
  });
}

function compareAnnex(
  before: Map<string, Shown>,
  after: Map<string, Shown>,
  combined: boolean,
  baseAll: Map<string, Shown>,
  headAll: Map<string, Shown>,
  shows: { reviewed: boolean; covers: boolean },
): MeasureChange[] {
  const found: { change: MeasureChange; order: number[] }[] = [];
  const add = (shown: Shown, change: Omit<MeasureChange, "measure" | "section" | "place">) =>
    found.push({
      change: {
        measure: shown.measure.id,
        section: shown.section,
        place: shown.place,
        ...(shown.measure.title !== undefined && { title: shown.measure.title }),
        ...change,
        ...(shown.measure.reuses !== undefined && { reuses: shown.measure.reuses }),
      },
      order: [...shown.order, kindRank[change.kind]],
    });
  // A measure that is in the document on both sides but enters or leaves this annex did so through its locations.
  const moveBetweenAnnexes = (id: string) =>
    !combined && baseAll.has(id) && headAll.has(id) && !sameLocations(baseAll.get(id)?.measure, headAll.get(id)?.measure);
  for (const [id, now] of after) {
    if (before.has(id)) continue;
    if (moveBetweenAnnexes(id)) add(now, locationsChange(baseAll.get(id)?.measure, now.measure, now.measure.prose.markdown));
    else add(now, { kind: "added", after: now.measure.prose.markdown });
  }
  for (const [id, was] of before) {
    if (after.has(id)) continue;
    if (moveBetweenAnnexes(id)) add(was, locationsChange(was.measure, headAll.get(id)?.measure, was.measure.prose.markdown));
    else add(was, { kind: "removed", before: was.measure.prose.markdown });
  }
  const reordered = reorderedWithinSections(before, after);
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) continue;
    if (was.section !== now.section || reordered.has(id)) {
      const position = (s: Shown) => (was.section === now.section ? `${s.place}, measure ${s.order[2] + 1}` : s.place);
      add(now, { kind: "moved", before: position(was), after: position(now) });
    }
    const titleChanged = was.measure.title !== now.measure.title;
    const attributes = attributeChanges(was, now, shows);
    // The mark is printed with the measure: taking it off changes the annex even where the text stays.
    const markChanged = was.measure.placeholder !== now.measure.placeholder;
    if (titleChanged || markChanged || attributes.length > 0 || !sameProse(was.measure.prose.markdown, now.measure.prose.markdown)) {
      add(now, {
        kind: "changed",
        before: was.measure.prose.markdown,
        after: now.measure.prose.markdown,
        ...(attributes.length > 0 && { attributes }),
        ...(markChanged && { placeholderChange: now.measure.placeholder ? "placeholder" : "written" }),
        ...(titleChanged && {
          titleChange: {
            ...(was.measure.title !== undefined && { before: was.measure.title }),
            ...(now.measure.title !== undefined && { after: now.measure.title }),
          },
        }),
      });
    }
    if (combined && !sameLocations(was.measure, now.measure)) add(now, locationsChange(was.measure, now.measure));
  }
  return found.sort((a, b) => compareOrder(a.order, b.order) || (a.change.measure < b.change.measure ? -1 : 1)).map((f) => f.change);
}

// What else the annex says of a measure: its status, who carries it out, and whether (and why) it does not apply here;
// its review date and the controls it covers where the annex shows them.
function attributeChanges(was: Shown, now: Shown, shows: { reviewed: boolean; covers: boolean }): NonNullable<MeasureChange["attributes"]> {
  const found: NonNullable<MeasureChange["attributes"]> = [];
  const compare = (name: MeasureAttribute, before: string | undefined, after: string | undefined) => {
    if (before !== after) found.push({ name, ...(before !== undefined && { before }), ...(after !== undefined && { after }) });
  };
  compare("status", was.measure.status ?? "implemented", now.measure.status ?? "implemented");
  compare("responsible", was.measure.responsible ?? "processor", now.measure.responsible ?? "processor");
  compare("not_applicable", was.notApplicable, now.notApplicable);
  if (shows.reviewed) compare("reviewed", was.measure.reviewed?.date, now.measure.reviewed?.date);
  const covers = (m: Measure) => m.covers.map((c) => `${c.catalogue}:${c.control}`).join(", ") || undefined;
  if (shows.covers) compare("covers", covers(was.measure), covers(now.measure));
  return found;
}

const kindRank = { removed: 0, added: 1, locations: 2, moved: 3, changed: 4 } as const;

function locationsChange(was: Measure | undefined, now: Measure | undefined, text?: string): Omit<MeasureChange, "measure" | "section" | "place"> {
  const describe = (m: Measure | undefined) => (m?.locations ? m.locations.join(", ") : "every location");
  return {
    kind: "locations",
    before: describe(was),
    after: describe(now),
    locations: { ...(was?.locations && { before: was.locations }), ...(now?.locations && { after: now.locations }) },
    ...(text !== undefined && { text }),
  };
}

/** Whether two measures apply at the same set of locations (order does not matter). */
export function sameLocations(a: Measure | undefined, b: Measure | undefined): boolean {
  const key = (m: Measure | undefined) => (m?.locations ? [...new Set(m.locations)].sort().join("\n") : "*");
  return key(a) === key(b);
}

// Measures that stayed in their section but changed places with others there: those outside the longest kept order.
function reorderedWithinSections(before: Map<string, Shown>, after: Map<string, Shown>): Set<string> {
  const moved = new Set<string>();
  const bySection = (side: Map<string, Shown>, other: Map<string, Shown>) => {
    const sections = new Map<string, string[]>();
    for (const [id, s] of side) if (other.get(id)?.section === s.section) sections.set(s.section, [...(sections.get(s.section) ?? []), id]);
    return sections;
  };
  const afterSections = bySection(after, before);
  for (const [section, ids] of bySection(before, after)) {
    for (const run of diffSequences(ids, afterSections.get(section) ?? [])) if (run.type === "removed") run.items.forEach((id) => moved.add(id));
  }
  return moved;
}

function shownIn(annex: Annex | undefined): Map<string, Shown> {
  const shown = new Map<string, Shown>();
  for (const g of annex?.groups ?? []) {
    g.sections.forEach((s, si) => {
      const place = [g.label, s.label, s.section.title].filter(Boolean).join(" ");
      s.entries.forEach(({ measure, notApplicable }, mi) =>
        shown.set(measure.id, { measure, section: s.section.id, place, order: [g.number, si, mi], ...(notApplicable !== undefined && { notApplicable }) }),
      );
    });
  }
  return shown;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
