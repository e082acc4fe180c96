import path from "node:path";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { LoadedContent } from "../load/load.js";
import type { YamlFile } from "../load/yaml-file.js";
import type { Group, Measure, NotApplicable, Prose, Responsible, Reviewed, Section, Site, Status } from "../model.js";
import { isFields, list, text } from "../util/guards.js";
import { closest } from "../util/suggest.js";
import { placeAt } from "../load/yaml-path.js";
import { proseFile } from "./paths.js";
import { yamlProse } from "../load/prose.js";
import { closestLocation } from "./inherits.js";
import { resolveRefs, type Written } from "./refs.js";
import { resolveSite } from "./site.js";
import { readCovers, resolveCatalogues } from "./catalogues.js";
import { isDate } from "../util/dates.js";
import { relativePosix } from "../util/paths.js";

/**
 * The ids an earlier version of the content had, with the file each was written in (absolute paths): with them, an
 * id used twice is reported at the occurrence that is new (`toms diff` knows the base of a pull request).
 */
export interface KnownIds {
  sections: ReadonlyMap<string, string>;
  measures: ReadonlyMap<string, string>;
}

/** Builds the document model from the loaded files and reports every broken cross-reference; undefined when site.yaml is unusable. */
export function resolve(content: LoadedContent, diagnostics: Diagnostics, known?: KnownIds): Site | undefined {
  const catalogues = resolveCatalogues(content, diagnostics);
  const site = resolveSite(content, catalogues, diagnostics);
  const groups = new Map(site?.groups.map((g) => [g.id, g]));
  const locationIds = site?.locations.map((l) => l.id) ?? [];
  const sectionIds = new Map<string, Place>();
  const measures = new Map<string, Written>();
  const order = new Map<Section, number>();
  const writtenOf = new Map<Section, Written[]>();
  const at = (place: Place) => ({ file: relativePosix(content.root, place.file), line: place.line });
  const siteValue = isFields(content.site?.value) ? content.site.value : {};
  // A list site.yaml does not have cannot be looked up: its own error says so, each reference need not.
  const groupsListed = site !== undefined && Array.isArray(siteValue.groups);
  const locationsListed = site !== undefined && Array.isArray(siteValue.locations);
  // site.yaml without groups: the sections are the top level (one group that is not shown).
  const implicit = site?.groups.find((g) => g.implicit);
  // site.yaml without locations: one scope; a measure may then name none.
  const oneScope = site !== undefined && siteValue.locations === undefined;
  const locationProblem = (id: string) =>
    oneScope ? say["location-ref"].noLocations({ id }) : say["location-ref"].unknown({ id, suggestion: closestLocation(id, site?.locations ?? []) });
  let strayGroup = false;

  for (const file of content.sections) {
    const value = file.value;
    if (!isFields(value)) continue;
    const id = text(value.id);
    if (id !== undefined) {
      const previous = sectionIds.get(id);
      const here = placeAt(file, ["id"]);
      if (previous) {
        const [reported, other] = newOccurrence(known?.sections.get(id), previous, here);
        diagnostics.add(say["duplicate-id"].section({ id, ...at(other) }), reported);
      } else sectionIds.set(id, here);
    }
    const groupId = text(value.group);
    let group = groupId === undefined ? implicit : groups.get(groupId);
    if (implicit && groupId !== undefined) {
      group = undefined;
      strayGroup = true;
      diagnostics.add(say["group-ref"].noGroups({ id: groupId }), placeAt(file, ["group"]));
    } else if (groupsListed && groupId !== undefined && !group) {
      strayGroup = true;
      diagnostics.add(say["group-ref"].unknown({ id: groupId, suggestion: closest(groupId, groups.keys()) }), placeAt(file, ["group"]));
    } else if (groupsListed && groupId === undefined && value.group === undefined && id !== undefined && Array.isArray(value.measures)) {
      // Only for a file that is otherwise a section: a file of other things has its own errors.
      strayGroup = true;
      diagnostics.add(say["group-ref"].missing(), placeAt(file, ["id"]));
    }
    const intro =
      typeof value.intro_file === "string"
        ? proseFile(content, file.path, value.intro_file, placeAt(file, ["intro_file"]), diagnostics)
        : yamlProse(file, ["intro"]);
    const sectionReviewed = reviewedAt(value.reviewed, file, ["reviewed"], true);
    const sectionCovers = readCovers(value.covers, catalogues, file, ["covers"], diagnostics);
    const section: Section = {
      id: id ?? path.basename(file.path),
      title: text(value.title) ?? "",
      heading: value.heading !== false,
      ...(intro && { intro }),
      measures: [],
      file: file.path,
      ...(isResponsible(value.responsible) && value.responsible !== "processor" && { responsible: value.responsible }),
      ...(typeof value.owner === "string" && { owner: value.owner }),
      ...(sectionReviewed && { reviewed: sectionReviewed }),
      place: placeAt(file, ["id"]),
    };
    const written: Written[] = [];
    list(value.measures).forEach((entry, index) => {
      if (!isFields(entry)) return;
      if (typeof entry.id !== "string") return;
      const place = placeAt(file, ["measures", index, "id"]);
      const previous = measures.get(entry.id);
      if (previous) {
        const [reported, other] = newOccurrence(known?.measures.get(entry.id), previous.measure.place, place);
        diagnostics.add(say["duplicate-id"].measure({ id: entry.id, ...at(other) }), reported);
        return;
      }
      const locations = Array.isArray(entry.locations) ? entry.locations.filter((l): l is string => typeof l === "string") : undefined;
      locations?.forEach((location, i) => {
        if ((locationsListed || oneScope) && !locationIds.includes(location)) {
          diagnostics.add(locationProblem(location), placeAt(file, ["measures", index, "locations", i]));
        }
      });
      const notApplicable = readNotApplicable(entry.not_applicable);
      for (const [location] of notApplicable?.at ?? []) {
        const where = placeAt(file, ["measures", index, "not_applicable", location], "key");
        if ((locationsListed || oneScope) && !locationIds.includes(location)) diagnostics.add(locationProblem(location), where);
        else if (locations?.includes(location)) diagnostics.add(say["not-applicable"].alsoApplies({ location }), where);
      }
      if (notApplicable?.everywhere !== undefined && locations) {
        diagnostics.add(say["not-applicable"].everywhereWithLocations(), placeAt(file, ["measures", index, "not_applicable"]));
      }
      const responsible = isResponsible(entry.responsible) ? entry.responsible : section.responsible;
      const owner = typeof entry.owner === "string" ? entry.owner : section.owner;
      const reviewed = reviewedAt(entry.reviewed, file, ["measures", index, "reviewed"], false) ?? section.reviewed;
      const ownCovers = readCovers(entry.covers, catalogues, file, ["measures", index, "covers"], diagnostics);
      const covers = [...sectionCovers, ...ownCovers.filter((c) => !sectionCovers.some((s) => s.catalogue === c.catalogue && s.control === c.control))];
      let prose: Prose | undefined;
      if (typeof entry.text === "string") prose = yamlProse(file, ["measures", index, "text"]);
      else if (typeof entry.file === "string") prose = proseFile(content, file.path, entry.file, placeAt(file, ["measures", index, "file"]), diagnostics);
      const item: Written = {
        measure: {
          id: entry.id,
          ...(typeof entry.title === "string" && { title: entry.title }),
          ...(locations && { locations }),
          ...(prose && { prose }),
          ...(isStatus(entry.status) && entry.status !== "implemented" && { status: entry.status }),
          ...(notApplicable && { notApplicable }),
          // The processor only when said against a section that names another party: the page must say so then.
          ...(responsible && (responsible !== "processor" || section.responsible !== undefined) && { responsible }),
          ...(owner !== undefined && { owner }),
          ...(reviewed && { reviewed }),
          covers,
          ...(entry.placeholder === true && { placeholder: true }),
          place,
        },
        ...(typeof entry.ref === "string" && { ref: entry.ref }),
        ...(isStatus(entry.status) && { ownStatus: true as const }),
        ...(isResponsible(entry.responsible) && { ownResponsible: true as const }),
        file,
        index,
      };
      measures.set(entry.id, item);
      written.push(item);
      // Once per placeholder, where it is marked: the measures that reuse its text are marked too, but not warned about.
      if (entry.placeholder === true) diagnostics.add(say.placeholder.unwritten({ id: entry.id }), placeAt(file, ["measures", index, "placeholder"]));
    });
    writtenOf.set(section, written);
    if (group) {
      group.sections.push(section);
      order.set(section, typeof value.order === "number" ? value.order : Number.POSITIVE_INFINITY);
    }
  }

  const complete = everyMeasureRead(content);
  resolveRefs(measures, complete, diagnostics);
  for (const group of site?.groups ?? []) {
    group.sections.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const section of group.sections) {
      section.measures = (writtenOf.get(section) ?? []).flatMap((w) => (w.measure.prose ? [w.measure as Measure] : []));
    }
  }
  if (site) checkStructure(content, site, { sectionsKnown: complete && !strayGroup }, diagnostics);
  return site;
}

// Where an id used twice is reported, and the other place its message names: at the later occurrence, unless only
// the later one is in the file where an earlier version had the id, which makes the first one the new one.
function newOccurrence(knownFile: string | undefined, first: Place, later: Place): [reported: Place, other: Place] {
  const firstIsNew = knownFile !== undefined && later.file === knownFile && first.file !== knownFile;
  return firstIsNew ? [first, later] : [later, first];
}

// A review date as written at `pointer`, when it is one (the schema reports one that is not).
function reviewedAt(value: unknown, file: YamlFile, pointer: (string | number)[], fromSection: boolean): Reviewed | undefined {
  return typeof value === "string" && isDate(value) ? { date: value, place: placeAt(file, pointer), fromSection } : undefined;
}

function isStatus(value: unknown): value is Status {
  return value === "implemented" || value === "partial" || value === "planned" || value === "not-implemented";
}

function isResponsible(value: unknown): value is Responsible {
  return value === "processor" || value === "operator" || value === "customer";
}

// not_applicable as written: a reason (nowhere), or a reason per location id.
function readNotApplicable(value: unknown): NotApplicable | undefined {
  if (typeof value === "string") return { everywhere: value, at: new Map() };
  if (!isFields(value)) return undefined;
  const at = new Map(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
  return at.size > 0 ? { at } : undefined;
}

// Whether every section file was read and every measure in it has an id: only then is a missing
// group section or measure really missing, not merely in a file toms could not read.
function everyMeasureRead(content: LoadedContent): boolean {
  return (
    content.failed.length === 0 &&
    content.sections.every(
      (file) =>
        isFields(file.value) &&
        (typeof file.value.group === "string" || file.value.group === undefined) &&
        Array.isArray(file.value.measures) &&
        file.value.measures.every((m) => isFields(m) && typeof m.id === "string"),
    )
  );
}

// Checks that need the whole document: groups without sections (when every section could be read and
// named a known group) and headless sections.
function checkStructure(content: LoadedContent, site: Site, seen: { sectionsKnown: boolean }, diagnostics: Diagnostics): void {
  const siteFile = content.site as YamlFile;
  const groupIndex = (group: Group) => list((siteFile.value as { groups?: unknown }).groups).findIndex((g) => isFields(g) && g.id === group.id);
  for (const group of site.groups) {
    if (group.implicit) continue;
    if (group.sections.length === 0 && seen.sectionsKnown) {
      diagnostics.add(say["empty-group"].noSection({ id: group.id }), placeAt(siteFile, ["groups", groupIndex(group), "id"]));
    }
    if (group.sections.length > 1) {
      for (const section of group.sections.filter((s) => !s.heading)) {
        const file = content.sections.find((f) => f.path === section.file) as YamlFile;
        diagnostics.add(say["section-heading"].hidden({ id: section.id, group: group.id, count: group.sections.length }), placeAt(file, ["heading"]));
      }
    }
  }
}

/**
 * Warns about locations no measure names. Called last, on content without errors: until then the warning is
 * mostly an echo of an error (a misspelt location id, a measure that could not be read, a Markdown error).
 */
export function warnUnusedLocations(content: LoadedContent, site: Site, diagnostics: Diagnostics): void {
  const siteFile = content.site as YamlFile;
  // Named by a measure (its locations, or where it does not apply), or inheriting the measures of another.
  const named = new Set([
    ...site.groups.flatMap((g) => g.sections.flatMap((s) => s.measures.flatMap((m) => [...(m.locations ?? []), ...(m.notApplicable?.at.keys() ?? [])]))),
    ...site.locations.filter((l) => (l.inherits ?? []).length > 0).map((l) => l.id),
  ]);
  list((siteFile.value as { locations?: unknown }).locations).forEach((entry, i) => {
    if (!isFields(entry) || typeof entry.id !== "string" || named.has(entry.id)) return;
    diagnostics.add(say["unused-location"].unused({ id: entry.id }), placeAt(siteFile, ["locations", i, "id"]));
  });
}
