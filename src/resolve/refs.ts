import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { YamlFile } from "../load/yaml-file.js";
import type { Measure, Prose } from "../model.js";
import { closest } from "../util/suggest.js";
import { placeAt } from "../load/yaml-path.js";

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
          diagnostics.add(say["measure-ref"].unknown({ id: item.ref, suggestion: closest(item.ref, ids) }), place);
        }
        target = undefined;
        break;
      }
      if (chain.includes(next.measure.id)) {
        if (next === item && !inCircle.has(item.measure.id)) {
          chain.forEach((id) => inCircle.add(id));
          const place = placeAt(item.file, ["measures", item.index, "ref"]);
          const said = chain.length === 1 ? say["ref-cycle"].self({ id: item.measure.id }) : say["ref-cycle"].circle({ ids: [...chain, next.measure.id] });
          diagnostics.add(said, place);
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
    // The text shown is a placeholder's, wherever it is shown.
    if (target.measure.placeholder) item.measure.placeholder = true;
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
    diagnostics.add(
      say["ref-locations"].widens({ id: item.measure.id, reused: named.measure.id, allowed, from: source?.measure.id, extra: wider }),
      placeAt(item.file, ["measures", item.index, "locations"]),
    );
  };
  resolved.forEach(settle);
}
