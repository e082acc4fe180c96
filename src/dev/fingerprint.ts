import { createHash } from "node:crypto";
import type { Measure, Site } from "../model.js";
import { allAnnexes } from "../resolve/annex.js";
import { renderIndex } from "../render/site.js";
import { indexAnnexes, indexPage } from "./index-page.js";

// Where things are written (files, lines, columns, YAML nodes) is not what a page shows: moving a measure within its
// file, or a comment added above it, changes no page. Every other field is taken, so a field added to the model
// later counts without anyone remembering to list it here.
const unshown = new Set(["yaml", "place", "file", "line", "column", "indent", "endLine", "endColumn"]);
const shown = (key: string, value: unknown) => (unshown.has(key) ? undefined : value);

/**
 * A hash per page (`all.html`, `<location>.html`, `index.html`) of everything the page shows, so that a page whose
 * hash did not change after a save is the same page: it is neither rendered nor reloaded. An annex page shows the
 * site's fields (title, version, preamble, history …), its groups and sections, and the measures that apply there;
 * the combined annex also every location and the locations each measure applies to, a location's annex only its own
 * location. The index page is small: it is rendered, and its HTML hashed. Cheap next to rendering the annexes: each
 * measure is hashed once (twice with its locations), whatever number of annexes show it.
 */
export function pageFingerprints(site: Site, salt = ""): Map<string, string> {
  const { groups: _g, locations: _l, ...fields } = site;
  const siteJson = JSON.stringify(fields, shown);
  const locationsJson = JSON.stringify(site.locations, shown);
  const hashes = new Map<string, string>();
  const measures = { combined: new Map<Measure, string>(), located: new Map<Measure, string>() };
  for (const annex of allAnnexes(site)) {
    const combined = annex.location === undefined;
    const parts = [salt, siteJson, annex.id, combined ? locationsJson : JSON.stringify(annex.location, shown)];
    const kept = combined ? measures.combined : measures.located;
    for (const g of annex.groups) {
      // The group and section without their lists (the annex says which of their sections and measures it shows).
      const { sections: _s, ...group } = g.group;
      parts.push(`group ${g.number} ${JSON.stringify(group, shown)}`);
      for (const s of g.sections) {
        const { measures: _m, ...section } = s.section;
        parts.push(`section ${s.label ?? ""} ${JSON.stringify(section, shown)}`);
        // Every measure the section lists here: those that apply, and those listed as not applicable with the reason.
        for (const { measure: m, notApplicable } of s.entries) {
          let hash = kept.get(m);
          if (hash === undefined) kept.set(m, (hash = measureHash(m, combined)));
          parts.push(notApplicable === undefined ? hash : `${hash} n/a ${notApplicable}`);
        }
      }
    }
    hashes.set(`${annex.id}.html`, createHash("sha1").update(parts.join("\0")).digest("hex"));
  }
  const index = renderIndex(site, indexAnnexes(site, true), { pdf: true, preview: true });
  hashes.set(indexPage, createHash("sha1").update(salt).update(index).digest("hex"));
  return hashes;
}

/** The pages whose hash differs between two sets (added and removed pages too), sorted. */
export function changedPages(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

// The bulk of the work (thousands of measures), hashed on its own so an annex's text to hash is short: its text and
// place taken out, the rest (id, title, reuse, and any plain field added later) serialized without a replacer
// (several times faster). Where it applies is shown in the combined annex only.
function measureHash(m: Measure, withLocations: boolean): string {
  const { prose, place: _p, locations, reviewed, notApplicable, ...rest } = m;
  // The review date without where it is written; the reasons per location as a list (JSON writes a Map as {}).
  const fields = { ...rest, reviewed: reviewed?.date, notApplicable: notApplicable && { ...notApplicable, at: [...notApplicable.at] } };
  return createHash("sha1")
    .update(JSON.stringify(withLocations ? { ...fields, locations } : fields))
    .update("\0")
    .update(prose.markdown)
    .digest("base64");
}
