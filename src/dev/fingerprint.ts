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
  const hashes = new Map<string, string>();
  for (const annex of allAnnexes(site)) {
    const parts = [salt, siteJson, JSON.stringify({ id: annex.id, location: annex.location }, shown)];
    for (const g of annex.groups) {
      // The group and section without their lists (the annex says which of their sections and measures it shows).
      const { sections: _s, ...group } = g.group;
      parts.push(`group ${g.number} ${JSON.stringify(group, shown)}`);
      for (const s of g.sections) {
        const { measures: _m, ...section } = s.section;
        parts.push(`section ${s.letter ?? ""} ${JSON.stringify(section, shown)}`);
        for (const m of s.measures) {
          let hash = measures.get(m);
          if (hash === undefined) measures.set(m, (hash = measureHash(m)));
          parts.push(hash);
        }
      }
    }
    hashes.set(`${annex.id}.html`, createHash("sha1").update(parts.join("\0")).digest("hex"));
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

// The bulk of the work (thousands of measures), done once per measure whatever number of annexes show it: its text and
// place taken out, the rest (id, title, locations, reuse, and any plain field added later) serialized without a
// replacer (several times faster), hashed on its own so an annex's text to hash is short.
function measureHash(m: Measure): string {
  const { prose, place: _, ...rest } = m;
  return createHash("sha1").update(JSON.stringify(rest)).update("\0").update(prose.markdown).digest("base64");
}
