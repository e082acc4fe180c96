import type { Group, Location, Measure, Section, Site } from "../model.js";
import { appliesAt } from "./inherits.js";

/** The id of the combined annex (every location). */
export const combinedId = "all";

/** A measure as one annex shows it: applying, or listed as not applicable there with the reason. */
export interface AnnexEntry {
  measure: Measure;
  /** Why it does not apply in this annex; undefined when it applies. */
  notApplicable?: string;
}

/** A section as shown in one annex: its number and the measures that apply there (or are declared not to). */
export interface AnnexSection {
  section: Section;
  /** Its number as shown: "a)", "1.1", or "(1)" at the top level of a site without groups; undefined without heading or number. */
  label: string | undefined;
  /** The measures that apply here. */
  measures: Measure[];
  /** Every measure the annex lists in this section, in file order: those that apply and those not applicable here. */
  entries: AnnexEntry[];
}

/** A group as shown in one annex. */
export interface AnnexGroup {
  group: Group;
  number: number;
  /** Its number as shown ("(1)", "1"), or undefined (numbering "none", or the group of a site without groups). */
  label: string | undefined;
  sections: AnnexSection[];
}

/** What one annex shows: for one location, or for all (location undefined). */
export interface Annex {
  /** "all" for the combined annex, else the location id. */
  id: string;
  location: Location | undefined;
  groups: AnnexGroup[];
}

/**
 * Selects what an annex shows: for a location, the measures that apply there (naming it, or a location it inherits
 * from, or none) and those declared not applicable there; for the combined annex, every measure. Every group and
 * section stays, numbered as site.yaml's numbering says.
 */
export function selectAnnex(site: Site, location: Location | undefined): Annex {
  const here = location ? appliesAt(site, location.id) : undefined;
  const entry = (m: Measure): AnnexEntry | undefined => {
    if (m.notApplicable?.everywhere !== undefined) return { measure: m, notApplicable: m.notApplicable.everywhere };
    if (!location || !here) return { measure: m };
    const reason = m.notApplicable?.at.get(location.id);
    if (reason !== undefined) return { measure: m, notApplicable: reason };
    return m.locations === undefined || m.locations.some((l) => here.has(l)) ? { measure: m } : undefined;
  };
  return {
    id: location?.id ?? combinedId,
    location,
    groups: site.groups.map((group, g) => {
      let lettered = 0;
      return {
        group,
        number: g + 1,
        label: group.implicit ? undefined : groupLabel(site, g + 1),
        sections: group.sections.map((section) => {
          const entries = section.measures.flatMap((m) => entry(m) ?? []);
          // The sections of a site without groups are its top level: numbered like groups.
          const position = section.heading ? lettered++ : undefined;
          return {
            section,
            label: position === undefined ? undefined : group.implicit ? groupLabel(site, position + 1) : sectionLabel(site, g + 1, position),
            measures: entries.filter((e) => e.notApplicable === undefined).map((e) => e.measure),
            entries,
          };
        }),
      };
    }),
  };
}

/** The annexes a site builds: the combined one first, then one per location in site.yaml order (none for one scope). */
export function allAnnexes(site: Site): Annex[] {
  return [selectAnnex(site, undefined), ...site.locations.map((l) => selectAnnex(site, l))];
}

// "(1)" or "1", without the punctuation the annex adds; undefined with numbering "none".
function groupLabel(site: Site, n: number): string | undefined {
  return site.numbering === "none" ? undefined : site.numbering === "1.1" ? `${n}` : `(${n})`;
}

// "a)", or "1.2", or undefined with numbering "none".
function sectionLabel(site: Site, group: number, index: number): string | undefined {
  if (site.numbering === "none") return undefined;
  return site.numbering === "1.1" ? `${group}.${index + 1}` : `${letter(index)})`;
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
