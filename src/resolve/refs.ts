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
  /** Whether it writes a `status` of its own (implemented included): then it does not take the status of the text it reuses. */
  ownStatus?: true;
  /** Whether it names who carries it out (`responsible`) itself: then it does not take the party of the text it reuses. */
  ownResponsible?: true;
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
    const links: Written[] = [item];
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
      links.push(next);
      target = next;
    }
    if (!target?.measure.prose) continue;
    item.measure.prose = target.measure.prose;
    item.measure.reuses = target.measure.id;
    // The text shown is a placeholder's, wherever it is shown.
    if (target.measure.placeholder) item.measure.placeholder = true;
    // So is its status (planned, partly implemented …): the nearest link of the chain that says one, else the text's.
    const stated = links.find((l) => l.ownStatus) ?? target;
    const status = stated.measure.status;
    if (status === undefined) delete item.measure.status;
    else item.measure.status = status;
    // And who carries it out: a customer's duty reused elsewhere stays the customer's (unless a link says otherwise).
    const party = (links.find((l) => l.ownResponsible) ?? target).measure.responsible;
    if (party !== undefined) item.measure.responsible = party;
    // And its title, where the measure gives none of its own (a title may qualify the text: "Nur Bestandskunden").
    if (item.measure.title === undefined) {
      const title = links.find((l) => l !== item && l.measure.title !== undefined)?.measure.title;
      if (title !== undefined) item.measure.title = title;
    }
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
    notApplicable(item, named, own);
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
  /**
   * Where the measure it reuses is declared not applicable, so is a measure that names no locations of its own: it
   * takes those reasons (its own reason for a location wins), and the annex of such a location says "not applicable"
   * in both places instead of stating the text as true there. Naming such a location in its own `locations` is an
   * error, as widening is: the text was declared not to apply there.
   */
  const notApplicable = (item: Written, named: Written, own: readonly string[] | undefined): void => {
    const reused = named.measure.notApplicable;
    if (!reused) return;
    const mine = item.measure.notApplicable;
    if (own !== undefined) {
      const excluded = reused.everywhere !== undefined ? [...own] : own.filter((l) => reused.at.has(l) && !mine?.at.has(l));
      if (excluded.length === 0 || mine?.everywhere !== undefined) return;
      diagnostics.add(
        say["ref-locations"].notApplicable({ id: item.measure.id, reused: named.measure.id, everywhere: reused.everywhere !== undefined, extra: excluded }),
        placeAt(item.file, ["measures", item.index, "locations"]),
      );
      return;
    }
    if (mine?.everywhere !== undefined) return;
    if (reused.everywhere !== undefined) {
      item.measure.notApplicable = { everywhere: reused.everywhere, at: new Map() };
      return;
    }
    const at = new Map(mine?.at);
    for (const [location, reason] of reused.at) if (!at.has(location)) at.set(location, reason);
    item.measure.notApplicable = { at };
  };
  resolved.forEach(settle);
}
