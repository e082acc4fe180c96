import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { LoadedContent } from "../load/load.js";
import type { Catalogue, Certification, Change, ControlNotApplicable, Group, Location, Prose, Site } from "../model.js";
import { isFields, list, text } from "../util/guards.js";
import { placeAt } from "../load/yaml-path.js";
import { proseFile } from "./paths.js";
import { yamlProse } from "../load/prose.js";
import { checkInherits, closestLocation } from "./inherits.js";
import { readCover } from "./catalogues.js";
import { closest } from "../util/suggest.js";
import { resolveTheme } from "./theme.js";

/** Folders of the site besides the versions' own: a version may not be named like one. */
const siteFolders = new Set(["fonts"]);

/** How many locations the combined annex's matrix has room for (see matrix-too-wide). */
export const matrixColumnsMost = 38;

/** Location ids that name the combined annex and the index page, so no location may take them. */
export const reservedLocationIds = new Set(["all", "index"]);

/**
 * Reads site.yaml into the document model (without sections yet); reports duplicate and reserved ids, bad paths,
 * and catalogues and controls that `catalogues` (every catalogue the content may name) does not have.
 */
export function resolveSite(content: LoadedContent, catalogues: Map<string, Catalogue>, diagnostics: Diagnostics): Site | undefined {
  const file = content.site;
  if (!file || !isFields(file.value)) return undefined;
  const value = file.value;
  const proseFromFile = (pointer: (string | number)[]): Prose | undefined => {
    const written = text(valueAt(value, pointer));
    return written === undefined ? undefined : proseFile(content, file.path, written, placeAt(file, pointer), diagnostics);
  };

  const seen = new Map<string, number>();
  const unique = (kind: "group" | "location", id: string, pointer: (string | number)[]): boolean => {
    const previous = seen.get(`${kind}:${id}`);
    if (previous !== undefined) {
      diagnostics.add(say["duplicate-id"].inSite({ kind, id, line: previous }), placeAt(file, pointer));
      return false;
    }
    seen.set(`${kind}:${id}`, placeAt(file, pointer).line);
    return true;
  };

  const groups: Group[] = [];
  // Without groups the sections are the top level: they go into one group that is never shown.
  if (value.groups === undefined) groups.push({ id: "", title: "", sections: [], implicit: true });
  list(value.groups).forEach((entry, i) => {
    const id = isFields(entry) ? text(entry.id) : undefined;
    if (!isFields(entry) || id === undefined || !unique("group", id, ["groups", i, "id"])) return;
    const intro = entry.intro_file !== undefined ? proseFromFile(["groups", i, "intro_file"]) : yamlProse(file, ["groups", i, "intro"]);
    groups.push({ id, title: text(entry.title) ?? id, ...(intro && { intro }), sections: [] });
  });

  const locations: Location[] = [];
  list(value.locations).forEach((entry, i) => {
    const id = isFields(entry) ? text(entry.id) : undefined;
    if (!isFields(entry) || id === undefined || !unique("location", id, ["locations", i, "id"])) return;
    if (reservedLocationIds.has(id)) {
      diagnostics.add(say["reserved-id"].reserved({ id }), placeAt(file, ["locations", i, "id"]));
    }
    const certifications: Certification[] = list(entry.certifications).flatMap((c) => {
      if (typeof c === "string") return [{ name: c }];
      if (isFields(c) && typeof c.name === "string") return [{ name: c.name, ...(typeof c.url === "string" && { url: c.url }) }];
      return [];
    });
    const description = yamlProse(file, ["locations", i, "description"]);
    locations.push({
      id,
      name: text(entry.name) ?? id,
      ...(typeof entry.operator === "string" && { operator: entry.operator }),
      ...(typeof entry.url === "string" && { url: entry.url }),
      ...(description && { description }),
      certifications,
      ...(Array.isArray(entry.inherits) && { inherits: entry.inherits.filter((l): l is string => typeof l === "string") }),
    });
  });
  checkInherits(file, locations, diagnostics);
  // A matrix's columns share the page's width (templates/style.css): past this many, not one letter of a location's
  // name fits its column (39 columns cut "m" off; measured with the bundled fonts, the widest Latin letters).
  if (value.combined_view === "matrix" && locations.length > matrixColumnsMost)
    diagnostics.add(say["matrix-too-wide"].tooWide({ count: locations.length, most: matrixColumnsMost }), placeAt(file, ["combined_view"]));

  // One entry per version: a second would be read as what that version changed, and toms diff as a replaced one.
  const firstEntry = new Map<string, number>();
  const changes: Change[] = list(value.changes).flatMap((entry, i) => {
    const summary = yamlProse(file, ["changes", i, "summary"]);
    if (!isFields(entry) || !summary) return [];
    const version = String(entry.version ?? "");
    const first = firstEntry.get(version);
    if (first === undefined) firstEntry.set(version, i);
    else
      diagnostics.add(
        say["duplicate-id"].change({ version, line: placeAt(file, ["changes", first, "version"]).line }),
        placeAt(file, ["changes", i, "version"]),
      );
    return [{ version, date: String(entry.date ?? ""), summary }];
  });

  // Each version is also a folder of the site next to its files (index.html, berlin.pdf …): it may not look like one.
  if (typeof value.version === "string" && /\.(html?|pdf|css|json|svg|png)$/i.test(value.version)) {
    diagnostics.add(say["invalid-value"].versionLikeFile({ version: value.version }), placeAt(file, ["version"]));
  } else if (typeof value.version === "string" && siteFolders.has(value.version.toLowerCase())) {
    // Compared without case: on macOS and Windows "Fonts/" and "fonts/" are one folder.
    diagnostics.add(say["invalid-value"].versionIsFolder({ version: value.version }), placeAt(file, ["version"]));
  }
  const named: Catalogue[] = [];
  list(value.catalogues).forEach((id, i) => {
    if (typeof id !== "string") return;
    const catalogue = catalogues.get(id);
    if (catalogue) named.push(catalogue);
    else
      diagnostics.add(
        say["catalogue-ref"].unknownCatalogue({ id, suggestion: closest(id, catalogues.keys()), known: [...catalogues.keys()] }),
        placeAt(file, ["catalogues", i]),
      );
  });
  const controlsNotApplicable: ControlNotApplicable[] = list(value.not_applicable).flatMap((entry, i) => {
    if (!isFields(entry) || typeof entry.control !== "string" || typeof entry.reason !== "string") return [];
    const cover = readCover(entry.control, catalogues, file, ["not_applicable", i, "control"], diagnostics);
    const at = Array.isArray(entry.locations) ? entry.locations.filter((l): l is string => typeof l === "string") : undefined;
    at?.forEach((id, j) => {
      if (Array.isArray(value.locations) && !locations.some((l) => l.id === id)) {
        diagnostics.add(say["location-ref"].unknown({ id, suggestion: closestLocation(id, locations) }), placeAt(file, ["not_applicable", i, "locations", j]));
      } else if (value.locations === undefined) {
        diagnostics.add(say["location-ref"].noLocations({ id }), placeAt(file, ["not_applicable", i, "locations", j]));
      }
    });
    return cover ? [{ cover, reason: entry.reason, ...(at && { locations: at }) }] : [];
  });

  const organisation = isFields(value.organisation) ? value.organisation : {};
  const preamble = value.preamble !== undefined ? proseFromFile(["preamble"]) : undefined;
  const theme = resolveTheme(content, file, value, diagnostics);
  return {
    title: text(value.title) ?? "",
    ...(typeof value.subtitle === "string" && { subtitle: value.subtitle }),
    lang: text(value.lang) ?? "en",
    organisation: {
      name: text(organisation.name) ?? "",
      address: list(organisation.address).filter((l): l is string => typeof l === "string"),
      ...(typeof organisation.url === "string" && { url: organisation.url }),
    },
    version: text(value.version) ?? "",
    validFrom: text(value.valid_from) ?? "",
    ...(preamble && { preamble }),
    ...(typeof value.measures_title === "string" && { measuresTitle: value.measures_title }),
    groups,
    locations,
    changes,
    numbering: value.numbering === "1.1" || value.numbering === "none" ? value.numbering : "(1) a)",
    ...(locationLabel(value.location_label) && { locationLabel: locationLabel(value.location_label) }),
    combinedView: value.combined_view === "matrix" ? "matrix" : "sections",
    ...(typeof value.review_interval_months === "number" &&
      Number.isInteger(value.review_interval_months) &&
      value.review_interval_months > 0 && {
        reviewIntervalMonths: value.review_interval_months,
      }),
    showReviewed: value.show_reviewed === true,
    catalogues: named,
    controlsNotApplicable,
    coverageAppendix: value.coverage_appendix === true,
    // One form of the address, so that feed ids and links made from it do not change with a trailing slash.
    ...(typeof value.site_url === "string" && { siteUrl: value.site_url.replace(/\/*$/, "/") }),
    ...(theme && { theme }),
    file: file.path,
  };
}

// The word for a location, singular and plural (a single word serves as both).
function locationLabel(value: unknown): { one: string; other: string } | undefined {
  if (typeof value === "string") return { one: value, other: value };
  if (isFields(value) && typeof value.one === "string" && typeof value.other === "string") return { one: value.one, other: value.other };
  return undefined;
}

function valueAt(value: unknown, pointer: (string | number)[]): unknown {
  let current = value;
  for (const token of pointer) current = isFields(current) || Array.isArray(current) ? (current as Record<string, unknown>)[token] : undefined;
  return current;
}
