import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { YamlFile } from "../load/yaml-file.js";
import type { Measure, Prose } from "../model.js";
import { didYouMean } from "../util/suggest.js";
import { placeAt } from "../validate/yaml-path.js";

/** A measure as written, before its `ref` is followed. */
export interface Written {
  measure: Omit<Measure, "prose"> & { prose?: Prose };
  ref?: string;
  file: YamlFile;
  index: number;
}

/**
 * Follows each `ref` to the measure that carries the text; refs of refs are followed. Reports each
 * circle once (at its first member), and refs to unknown measures only when `complete` (every
 * measure could be read, so "unknown" is certain). Then gives each measure that reuses another its
 * locations (see narrowLocations).
 */
export function resolveRefs(measures: Map<string, Written>, complete: boolean, diagnostics: Diagnostics): void {
  const ids = [...measures.keys()];
  const inCircle = new Set<string>();
  const resolved: Written[] = [];
  for (const item of measures.values()) {
    if (item.ref === undefined) continue;
    const chain = [item.measure.id];
    let target: Written | undefined = item;
    while (target?.ref !== undefined) {
      const next = measures.get(target.ref);
      if (!next) {
        if (target === item && complete) {
          const place = placeAt(item.file, ["measures", item.index, "ref"]);
          diagnostics.add("measure-ref", place, `There is no measure "${item.ref}" to reuse${didYouMean(item.ref, ids)}.`);
        }
        target = undefined;
        break;
      }
      if (chain.includes(next.measure.id)) {
        if (next === item && !inCircle.has(item.measure.id)) {
          chain.forEach((id) => inCircle.add(id));
          const place = placeAt(item.file, ["measures", item.index, "ref"]);
          const message =
            chain.length === 1
              ? `The measure "${item.measure.id}" reuses itself, so it has no text; give it a text or reuse another measure.`
              : `The measures ${[...chain, next.measure.id].map((c) => `"${c}"`).join(" → ")} reuse each other in a circle, so none of them has a text.`;
          diagnostics.add("ref-cycle", place, message);
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
    resolved.push(item);
  }
  narrowLocations(measures, resolved, diagnostics);
}

/**
 * A measure that reuses another takes the locations of the measure it names, or narrows them; widening is an
 * error. The measure it names may itself reuse a third: then its locations are those it has after the same rule,
 * so no link of a chain a → b → c can widen what the one after it allows.
 */
function narrowLocations(measures: Map<string, Written>, resolved: Written[], diagnostics: Diagnostics): void {
  const done = new Set<Written>();
  // Measures whose locations came from the measure they reuse (none of their own).
  const inherited = new Map<Written, Written>();
  const settle = (item: Written): void => {
    if (done.has(item)) return;
    done.add(item);
    const named = measures.get(item.ref as string) as Written;
    // A measure in a chain is settled after the one it names (a resolved chain has no circle).
    if (named.ref !== undefined) settle(named);
    const own = item.measure.locations;
    const allowed = named.measure.locations;
    if (own === undefined) {
      if (allowed) {
        item.measure.locations = [...allowed];
        inherited.set(item, named);
      }
      return;
    }
    if (!allowed) return;
    const wider = own.filter((l) => !allowed.includes(l));
    if (wider.length === 0) return;
    const source = inherited.get(named);
    const through = source ? ` (the locations it takes from "${source.measure.id}")` : "";
    diagnostics.add(
      "ref-locations",
      placeAt(item.file, ["measures", item.index, "locations"]),
      `"${item.measure.id}" reuses "${named.measure.id}", which applies only to ${allowed.map((s) => `"${s}"`).join(", ")}${through}, but lists ${wider.map((s) => `"${s}"`).join(", ")} as well.`,
    );
  };
  resolved.forEach(settle);
}
