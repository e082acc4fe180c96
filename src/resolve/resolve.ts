import path from "node:path";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import type { LoadedContent } from "../load/load.js";
import type { YamlFile } from "../load/yaml-file.js";
import type { Group, Measure, Prose, Section, Site } from "../model.js";
import { isFields, list, text } from "../util/guards.js";
import { didYouMean } from "../util/suggest.js";
import { placeAt } from "../validate/yaml-path.js";
import { contentPath } from "./paths.js";
import { fileProse, yamlProse } from "./prose.js";
import { resolveSite } from "./site.js";

/** A measure as written, before its `ref` is followed. */
interface Written {
  measure: Omit<Measure, "prose"> & { prose?: Prose };
  ref?: string;
  file: YamlFile;
  index: number;
}

/** Builds the document model from the loaded files and reports every broken cross-reference; undefined when site.yaml is unusable. */
export function resolve(content: LoadedContent, diagnostics: Diagnostics): Site | undefined {
  const site = resolveSite(content, diagnostics);
  const groups = new Map(site?.groups.map((g) => [g.id, g]));
  const locationIds = site?.locations.map((l) => l.id) ?? [];
  const sectionIds = new Map<string, Place>();
  const measures = new Map<string, Written>();
  const order = new Map<Section, number>();
  const writtenOf = new Map<Section, Written[]>();
  const rel = (place: Place) => `${path.relative(content.root, place.file).split(path.sep).join("/")}:${place.line}`;

  for (const file of content.sections) {
    const value = file.value;
    if (!isFields(value)) continue;
    const id = text(value.id);
    if (id !== undefined) {
      const previous = sectionIds.get(id);
      if (previous) diagnostics.add("duplicate-id", placeAt(file, ["id"]), `The section id "${id}" is already used in ${rel(previous)}.`);
      else sectionIds.set(id, placeAt(file, ["id"]));
    }
    const groupId = text(value.group);
    const group = groupId === undefined ? undefined : groups.get(groupId);
    if (site && groupId !== undefined && !group) {
      diagnostics.add("group-ref", placeAt(file, ["group"]), `There is no group "${groupId}" in site.yaml${didYouMean(groupId, groups.keys())}.`);
    }
    const intro = value.intro_file !== undefined ? proseFromFile(content, file, ["intro_file"], diagnostics) : yamlProse(file, ["intro"]);
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
      if (!isFields(entry) || typeof entry.id !== "string") return;
      const place = placeAt(file, ["measures", index, "id"]);
      const previous = measures.get(entry.id);
      if (previous) {
        diagnostics.add("duplicate-id", place, `The measure id "${entry.id}" is already used in ${rel(previous.measure.place)}.`);
        return;
      }
      const locations = Array.isArray(entry.locations) ? entry.locations.filter((l): l is string => typeof l === "string") : undefined;
      locations?.forEach((location, i) => {
        if (site && !locationIds.includes(location)) {
          const where = placeAt(file, ["measures", index, "locations", i]);
          diagnostics.add("location-ref", where, `Unknown location "${location}"${didYouMean(location, locationIds)}.`);
        }
      });
      let prose: Prose | undefined;
      if (typeof entry.text === "string") prose = yamlProse(file, ["measures", index, "text"]);
      else if (typeof entry.file === "string") prose = proseFromFile(content, file, ["measures", index, "file"], diagnostics);
      const item: Written = {
        measure: {
          id: entry.id,
          ...(typeof entry.title === "string" && { title: entry.title }),
          ...(locations && { locations }),
          ...(prose && { prose }),
          place,
        },
        ...(typeof entry.ref === "string" && { ref: entry.ref }),
        file,
        index,
      };
      measures.set(entry.id, item);
      written.push(item);
    });
    writtenOf.set(section, written);
    if (group) {
      group.sections.push(section);
      order.set(section, typeof value.order === "number" ? value.order : Number.POSITIVE_INFINITY);
    }
  }

  resolveRefs(measures, diagnostics);
  for (const group of site?.groups ?? []) {
    group.sections.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const section of group.sections) {
      section.measures = (writtenOf.get(section) ?? []).flatMap((w) => (w.measure.prose ? [w.measure as Measure] : []));
    }
  }
  if (site) checkStructure(content, site, measures, diagnostics);
  return site;
}

function proseFromFile(content: LoadedContent, file: YamlFile, pointer: (string | number)[], diagnostics: Diagnostics): Prose | undefined {
  const written = pointer.reduce<unknown>((v, k) => (isFields(v) || Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined), file.value);
  if (typeof written !== "string") return undefined;
  const target = contentPath(content, file.path, written, placeAt(file, pointer), diagnostics);
  const markdown = target === undefined ? undefined : content.reader.read(target);
  return target === undefined || markdown === undefined ? undefined : fileProse(target, markdown);
}

// Follows each `ref` to the measure that carries the text; refs of refs are followed, cycles reported.
function resolveRefs(measures: Map<string, Written>, diagnostics: Diagnostics): void {
  const ids = [...measures.keys()];
  for (const item of measures.values()) {
    if (item.ref === undefined) continue;
    const chain = [item.measure.id];
    let target: Written | undefined = item;
    while (target?.ref !== undefined) {
      const next = measures.get(target.ref);
      if (!next) {
        if (target === item) {
          const place = placeAt(item.file, ["measures", item.index, "ref"]);
          diagnostics.add("measure-ref", place, `There is no measure "${item.ref}" to reuse${didYouMean(item.ref, ids)}.`);
        }
        target = undefined;
        break;
      }
      if (chain.includes(next.measure.id)) {
        if (next === item) {
          const place = placeAt(item.file, ["measures", item.index, "ref"]);
          diagnostics.add("ref-cycle", place, `The measures ${[...chain, next.measure.id].map((c) => `"${c}"`).join(" → ")} reuse each other in a circle, so none of them has a text.`);
        }
        target = undefined;
        break;
      }
      chain.push(next.measure.id);
      target = next;
    }
    if (!target?.measure.prose) continue;
    item.measure.prose = target.measure.prose;
    item.measure.reuses = target.measure.id;
    const own = item.measure.locations;
    const source = target.measure.locations;
    if (own === undefined) {
      if (source) item.measure.locations = [...source];
    } else if (source) {
      const wider = own.filter((l) => !source.includes(l));
      if (wider.length > 0) {
        const place = placeAt(item.file, ["measures", item.index, "locations"]);
        diagnostics.add(
          "ref-locations",
          place,
          `"${item.measure.id}" reuses "${target.measure.id}", which applies only to ${source.map((s) => `"${s}"`).join(", ")}, but lists ${wider.map((s) => `"${s}"`).join(", ")} as well.`,
        );
      }
    }
  }
}

// Checks that need the whole document: groups without sections, headless sections, locations no measure names.
function checkStructure(content: LoadedContent, site: Site, measures: Map<string, Written>, diagnostics: Diagnostics): void {
  const siteFile = content.site as YamlFile;
  const groupIndex = (group: Group) => list((siteFile.value as { groups?: unknown }).groups).findIndex((g) => isFields(g) && g.id === group.id);
  for (const group of site.groups) {
    if (group.sections.length === 0) {
      diagnostics.add("empty-group", placeAt(siteFile, ["groups", groupIndex(group), "id"]), `The group "${group.id}" has no section; every group needs at least one section file naming it in "group".`);
    }
    if (group.sections.length > 1) {
      for (const section of group.sections.filter((s) => !s.heading)) {
        const file = content.sections.find((f) => f.path === section.file) as YamlFile;
        diagnostics.add("section-heading", placeAt(file, ["heading"]), `The section "${section.id}" hides its heading, but its group "${group.id}" has ${group.sections.length} sections; only a group's single section may do so.`);
      }
    }
  }
  const named = new Set([...measures.values()].flatMap((w) => w.measure.locations ?? []));
  list((siteFile.value as { locations?: unknown }).locations).forEach((entry, i) => {
    if (!isFields(entry) || typeof entry.id !== "string" || named.has(entry.id)) return;
    diagnostics.add(
      "unused-location",
      placeAt(siteFile, ["locations", i, "id"]),
      `No measure names the location "${entry.id}"; its annex holds only the measures that apply everywhere.`,
    );
  });
}
