import path from "node:path";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { LoadedContent } from "../load/load.js";
import type { YamlFile } from "../load/yaml-file.js";
import type { Group, Measure, Prose, Section, Site } from "../model.js";
import { isFields, list, text } from "../util/guards.js";
import { closest } from "../util/suggest.js";
import { placeAt } from "../load/yaml-path.js";
import { proseFile } from "./paths.js";
import { yamlProse } from "../load/prose.js";
import { resolveRefs, type Written } from "./refs.js";
import { resolveSite } from "./site.js";
import { relativePosix } from "../util/paths.js";

/** Builds the document model from the loaded files and reports every broken cross-reference; undefined when site.yaml is unusable. */
export function resolve(content: LoadedContent, diagnostics: Diagnostics): Site | undefined {
  const site = resolveSite(content, diagnostics);
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
  let strayGroup = false;

  for (const file of content.sections) {
    const value = file.value;
    if (!isFields(value)) continue;
    const id = text(value.id);
    if (id !== undefined) {
      const previous = sectionIds.get(id);
      if (previous) diagnostics.add(say["duplicate-id"].section({ id, ...at(previous) }), placeAt(file, ["id"]));
      else sectionIds.set(id, placeAt(file, ["id"]));
    }
    const groupId = text(value.group);
    const group = groupId === undefined ? undefined : groups.get(groupId);
    if (groupsListed && groupId !== undefined && !group) {
      strayGroup = true;
      diagnostics.add(say["group-ref"].unknown({ id: groupId, suggestion: closest(groupId, groups.keys()) }), placeAt(file, ["group"]));
    }
    const intro =
      typeof value.intro_file === "string"
        ? proseFile(content, file.path, value.intro_file, placeAt(file, ["intro_file"]), diagnostics)
        : yamlProse(file, ["intro"]);
    const section: Section = {
      id: id ?? path.basename(file.path),
      title: text(value.title) ?? "",
      heading: value.heading !== false,
      ...(intro && { intro }),
      measures: [],
      file: file.path,
    };
    const written: Written[] = [];
    list(value.measures).forEach((entry, index) => {
      if (!isFields(entry)) return;
      if (typeof entry.id !== "string") return;
      const place = placeAt(file, ["measures", index, "id"]);
      const previous = measures.get(entry.id);
      if (previous) {
        diagnostics.add(say["duplicate-id"].measure({ id: entry.id, ...at(previous.measure.place) }), place);
        return;
      }
      const locations = Array.isArray(entry.locations) ? entry.locations.filter((l): l is string => typeof l === "string") : undefined;
      locations?.forEach((location, i) => {
        if (locationsListed && !locationIds.includes(location)) {
          const where = placeAt(file, ["measures", index, "locations", i]);
          diagnostics.add(say["location-ref"].unknown({ id: location, suggestion: closest(location, locationIds) }), where);
        }
      });
      let prose: Prose | undefined;
      if (typeof entry.text === "string") prose = yamlProse(file, ["measures", index, "text"]);
      else if (typeof entry.file === "string") prose = proseFile(content, file.path, entry.file, placeAt(file, ["measures", index, "file"]), diagnostics);
      const item: Written = {
        measure: {
          id: entry.id,
          ...(typeof entry.title === "string" && { title: entry.title }),
          ...(locations && { locations }),
          ...(prose && { prose }),
          ...(entry.placeholder === true && { placeholder: true }),
          place,
        },
        ...(typeof entry.ref === "string" && { ref: entry.ref }),
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

// Whether every section file was read and every measure in it has an id: only then is a missing
// group section or measure really missing, not merely in a file toms could not read.
function everyMeasureRead(content: LoadedContent): boolean {
  return (
    content.failed.length === 0 &&
    content.sections.every(
      (file) =>
        isFields(file.value) &&
        typeof file.value.group === "string" &&
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
  const named = new Set(site.groups.flatMap((g) => g.sections.flatMap((s) => s.measures.flatMap((m) => m.locations ?? []))));
  list((siteFile.value as { locations?: unknown }).locations).forEach((entry, i) => {
    if (!isFields(entry) || typeof entry.id !== "string" || named.has(entry.id)) return;
    diagnostics.add(say["unused-location"].unused({ id: entry.id }), placeAt(siteFile, ["locations", i, "id"]));
  });
}
