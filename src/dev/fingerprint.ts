import { createHash } from "node:crypto";
import type { Measure, Site } from "../model.js";
import { allAnnexes } from "../resolve/annex.js";

/** The index page's name among the pages of a preview. */
export const indexPage = "index.html";

// Where things are written (files, lines, columns, YAML nodes) is not what a page shows: moving a measure within its
// file, or a comment added above it, changes no page. Every other field is taken, so a field added to the model
// later counts without anyone remembering to list it here.
const unshown = new Set(["yaml", "place", "file", "line", "column", "indent", "endLine", "endColumn"]);
const shown = (key: string, value: unknown) => (unshown.has(key) ? undefined : value);

/**
 * A hash per page (`all.html`, `<location>.html`, `index.html`) of everything the page shows: the site's fields
 * (title, version, locations, history …, on every page), and of the annex its groups, sections and the measures that
 * apply there (ids, titles, texts, locations, reuse). A page whose hash did not change after a save is the same page:
 * it is neither rendered nor reloaded. Cheap next to rendering: each measure is serialized once, whatever number of
 * annexes show it.
 */
export function pageFingerprints(site: Site, salt = ""): Map<string, string> {
  const { groups: _, ...fields } = site;
  const siteJson = JSON.stringify(fields, shown);
  const measures = new Map<Measure, string>();
  const measureJson = (m: Measure) => {
    let json = measures.get(m);
    if (json === undefined) measures.set(m, (json = JSON.stringify(m, shown)));
    return json;
  };
  const hashes = new Map<string, string>();
  for (const annex of allAnnexes(site)) {
    const hash = createHash("sha1")
      .update(salt)
      .update(siteJson)
      .update(JSON.stringify({ id: annex.id, location: annex.location }, shown));
    for (const g of annex.groups) {
      // The group and section without their lists (the annex says which of their sections and measures it shows).
      const { sections: _s, ...group } = g.group;
      hash.update(`\0group ${g.number} ${JSON.stringify(group, shown)}`);
      for (const s of g.sections) {
        const { measures: _m, ...section } = s.section;
        hash.update(`\0section ${s.letter ?? ""} ${JSON.stringify(section, shown)}`);
        for (const m of s.measures) hash.update("\0").update(measureJson(m));
      }
    }
    hashes.set(`${annex.id}.html`, hash.digest("hex"));
  }
  // The index lists the annexes with the site's title, version and date: all of them are among the site's fields.
  hashes.set(indexPage, createHash("sha1").update(salt).update(siteJson).digest("hex"));
  return hashes;
}

/** The pages whose hash differs between two sets (added and removed pages too), sorted. */
export function changedPages(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
