import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { LoadedContent } from "../load/load.js";
import type { YamlFile } from "../load/yaml-file.js";
import { placeAt } from "../load/yaml-path.js";
import type { Catalogue, Control, Measure, Site } from "../model.js";
import { list } from "../util/guards.js";
import { allAnnexes, type Annex } from "./annex.js";
import { inLanguage } from "./catalogues.js";

/** How one annex stands on one control: covered by measures that apply there, declared not applicable, or a gap. */
export type CoverageState = "covered" | "not-applicable" | "gap";

/** One control in one annex. */
export interface ControlInAnnex {
  control: Control;
  state: CoverageState;
  /** The measures of the annex that cover it and are in place (implemented or partly). */
  measures: Measure[];
  /** Measures of the annex that would cover it but are planned or not implemented: they do not count. */
  notInPlace: Measure[];
  /** Why it does not apply (state "not-applicable"). */
  reason?: string;
}

/** One catalogue in one annex. */
export interface CatalogueInAnnex {
  catalogue: Catalogue;
  controls: ControlInAnnex[];
}

/**
 * How an annex covers each catalogue site.yaml names: a control is covered by a measure the annex shows as applying,
 * in place (not planned, not "not-implemented"), that names it in its covers or its section's; else it is not
 * applicable where site.yaml's not_applicable says so for this annex's location (or everywhere); else a gap.
 */
export function annexCoverage(site: Site, annex: Annex): CatalogueInAnnex[] {
  const applying = annex.groups.flatMap((g) => g.sections.flatMap((s) => s.measures));
  return site.catalogues.map((catalogue) => ({
    catalogue,
    controls: catalogue.controls.map((control): ControlInAnnex => {
      const covering = applying.filter((m) => m.covers.some((c) => c.catalogue === catalogue.id && c.control === control.id));
      const measures = covering.filter((m) => m.status !== "planned" && m.status !== "not-implemented");
      const notInPlace = covering.filter((m) => !measures.includes(m));
      if (measures.length > 0) return { control, state: "covered", measures, notInPlace };
      const declared = site.controlsNotApplicable.find(
        (n) =>
          n.cover.catalogue === catalogue.id &&
          n.cover.control === control.id &&
          (n.locations === undefined || (annex.location !== undefined && n.locations.includes(annex.location.id))),
      );
      return declared ? { control, state: "not-applicable", measures, notInPlace, reason: declared.reason } : { control, state: "gap", measures, notInPlace };
    }),
  }));
}

/** The annexes whose coverage counts: one per location (the per-location view is the point), or the single annex of one scope. */
export function coverageAnnexes(site: Site): Annex[] {
  const annexes = allAnnexes(site);
  return site.locations.length > 0 ? annexes.slice(1) : annexes;
}

/**
 * Warns once per control of a named catalogue that some annex does not cover and that is not declared not
 * applicable there, naming those annexes and, where it is covered elsewhere, by what. Called last, on content
 * without errors (until then a gap is mostly an echo of a misspelt id).
 */
export function warnCatalogueGaps(content: LoadedContent, site: Site, diagnostics: Diagnostics): void {
  if (site.catalogues.length === 0) return;
  const siteFile = content.site as YamlFile;
  const annexes = coverageAnnexes(site);
  const perAnnex = annexes.map((annex) => ({ annex, coverage: annexCoverage(site, annex) }));
  site.catalogues.forEach((catalogue, c) => {
    const index = list((siteFile.value as { catalogues?: unknown }).catalogues).indexOf(catalogue.id);
    const place = placeAt(siteFile, ["catalogues", index]);
    catalogue.controls.forEach((control, k) => {
      const states = perAnnex.map(({ annex, coverage }) => ({ annex, row: coverage[c]?.controls[k] as ControlInAnnex }));
      const gaps = states.filter((s) => s.row.state === "gap");
      if (gaps.length === 0) return;
      const coveredAt = states.find((s) => s.row.state === "covered");
      const notInPlace = gaps.flatMap((g) => g.row.notInPlace.map((m) => m.id));
      diagnostics.add(
        say["catalogue-gap"].gap({
          control: `${catalogue.id}:${control.id}`,
          name: inLanguage(control.name ?? control.title, site.lang),
          annexes: site.locations.length === 0 ? undefined : gaps.map((g) => g.annex.location?.name ?? g.annex.id),
          everywhere: gaps.length === states.length,
          coveredAt: coveredAt && { annex: coveredAt.annex.location?.name ?? coveredAt.annex.id, measure: coveredAt.row.measures[0]?.id as string },
          notInPlace: [...new Set(notInPlace)],
        }),
        place,
      );
    });
  });
}
