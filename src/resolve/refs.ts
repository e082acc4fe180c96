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
 * measure could be read, so "unknown" is certain).
 */
export function resolveRefs(measures: Map<string, Written>, complete: boolean, diagnostics: Diagnostics): void {
  const ids = [...measures.keys()];
  const inCircle = new Set<string>();
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
    narrowLocations(item, target, diagnostics);
  }
}

// A measure that reuses another takes its locations, or narrows them; widening is an error.
function narrowLocations(item: Written, target: Written, diagnostics: Diagnostics): void {
  const own = item.measure.locations;
  const source = target.measure.locations;
  if (own === undefined) {
    if (source) item.measure.locations = [...source];
    return;
  }
  if (!source) return;
  const wider = own.filter((l) => !source.includes(l));
  if (wider.length === 0) return;
  diagnostics.add(
    "ref-locations",
    placeAt(item.file, ["measures", item.index, "locations"]),
    `"${item.measure.id}" reuses "${target.measure.id}", which applies only to ${source.map((s) => `"${s}"`).join(", ")}, but lists ${wider.map((s) => `"${s}"`).join(", ")} as well.`,
  );
}
