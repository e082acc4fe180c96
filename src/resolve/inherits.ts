import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { YamlFile } from "../load/yaml-file.js";
import { placeAt } from "../load/yaml-path.js";
import type { Location, Site } from "../model.js";
import { isFields, list } from "../util/guards.js";
import { closest } from "../util/suggest.js";

/**
 * Checks the `inherits` of every location: each names a location of site.yaml (did you mean …), and no location
 * inherits from itself through others (a circle would make every one of them inherit from all).
 */
export function checkInherits(file: YamlFile, locations: Location[], diagnostics: Diagnostics): void {
  const ids = locations.map((l) => l.id);
  const entries = list((file.value as { locations?: unknown }).locations);
  const indexOf = (id: string) => entries.findIndex((e) => isFields(e) && e.id === id);
  for (const location of locations) {
    (location.inherits ?? []).forEach((id, i) => {
      if (!ids.includes(id)) {
        diagnostics.add(
          say["location-ref"].unknown({ id, suggestion: closestLocation(id, locations) }),
          placeAt(file, ["locations", indexOf(location.id), "inherits", i]),
        );
      }
    });
  }
  const reported = new Set<string>();
  for (const location of locations) {
    const circle = circleFrom(location.id, locations);
    if (!circle || circle.some((id) => reported.has(id))) continue;
    circle.forEach((id) => reported.add(id));
    diagnostics.add(say["inherit-cycle"].circle({ chain: [...circle, circle[0] as string] }), placeAt(file, ["locations", indexOf(location.id), "inherits"]));
  }
}

// The circle of inheritance `id` is part of (its members in order, starting at `id`), if any.
function circleFrom(id: string, locations: Location[]): string[] | undefined {
  const byId = new Map(locations.map((l) => [l.id, l]));
  const path: string[] = [];
  const walk = (at: string): string[] | undefined => {
    if (at === id && path.length > 0) return [...path];
    if (path.includes(at)) return undefined;
    path.push(at);
    for (const next of byId.get(at)?.inherits ?? []) {
      const found = walk(next);
      if (found) return found;
    }
    path.pop();
    return undefined;
  };
  return walk(id);
}

/** The locations whose measures apply at `id`: itself and every location it inherits from, also through others. */
export function appliesAt(site: Site, id: string): Set<string> {
  const found = new Set<string>();
  const add = (at: string) => {
    if (found.has(at)) return;
    found.add(at);
    for (const next of site.locations.find((l) => l.id === at)?.inherits ?? []) add(next);
  };
  add(id);
  return found;
}

/** The location id a misspelt one is closest to, by id or by name ("verwaltungsgebaeude" → the location named "Verwaltungsgebäude"). */
export function closestLocation(word: string, locations: Location[]): string | undefined {
  const byId = closest(
    word,
    locations.map((l) => l.id),
  );
  if (byId) return byId;
  const names = new Map(locations.map((l) => [asId(l.name), l.id]));
  const byName = closest(word, names.keys());
  return byName === undefined ? undefined : names.get(byName);
}

// A name as an id would spell it: lower case, umlauts and ß written out, anything else a hyphen.
function asId(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
