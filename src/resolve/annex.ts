import type { Group, Location, Measure, Section, Site } from "../model.js";

/** The id of the combined annex (every location). */
export const combinedId = "all";

/** A section as shown in one annex: its letter and the measures that apply there. */
export interface AnnexSection {
  section: Section;
  /** "a", "b" …; undefined for a section shown without heading. */
  letter: string | undefined;
  measures: Measure[];
}

/** A group as shown in one annex. */
export interface AnnexGroup {
  group: Group;
  number: number;
  sections: AnnexSection[];
}

/** What one annex shows: for one location, or for all (location undefined). */
export interface Annex {
  /** "all" for the combined annex, else the location id. */
  id: string;
  location: Location | undefined;
  groups: AnnexGroup[];
}

/** Selects the measures that apply at a location (or all of them for the combined annex); every group and section stays. */
export function selectAnnex(site: Site, location: Location | undefined): Annex {
  const applies = (m: Measure) => location === undefined || m.locations === undefined || m.locations.includes(location.id);
  return {
    id: location?.id ?? combinedId,
    location,
    groups: site.groups.map((group, g) => {
      let lettered = 0;
      return {
        group,
        number: g + 1,
        sections: group.sections.map((section) => ({
          section,
          letter: section.heading ? letter(lettered++) : undefined,
          measures: section.measures.filter(applies),
        })),
      };
    }),
  };
}

/** The annexes a site builds: the combined one first, then one per location in site.yaml order. */
export function allAnnexes(site: Site): Annex[] {
  return [selectAnnex(site, undefined), ...site.locations.map((l) => selectAnnex(site, l))];
}

/** a, b, … z, aa, ab … */
export function letter(index: number): string {
  let n = index;
  let s = "";
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
