import type { ContentFs } from "../load/content-fs.js";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { Site } from "../model.js";
import { inLanguage } from "../resolve/catalogues.js";
import { annexCoverage, type CoverageState, coverageAnnexes } from "../resolve/coverage.js";
import { type ReviewState, reviews } from "../resolve/review.js";
import { check } from "./check.js";

/** One measure in the status: the fields of `toms status --format json` (null where there is nothing). */
export interface MeasureStatus {
  id: string;
  title: string | null;
  section: string;
  owner: string | null;
  reviewed: string | null;
  due: string | null;
  state: ReviewState;
}

/** How one annex stands on one control. */
export interface ControlStatus {
  id: string;
  name: string;
  annexes: { annex: string; name: string; state: CoverageState; measures: string[]; reason?: string }[];
}

/** A catalogue site.yaml names, with how each annex covers it. */
export interface CatalogueStatus {
  id: string;
  title: string;
  controls: ControlStatus[];
}

/** What `toms status` reports: each measure's review, and the coverage of each catalogue per annex. */
export interface Status {
  today: string;
  review_interval_months: number | null;
  measures: MeasureStatus[];
  catalogues: CatalogueStatus[];
}

/** `toms status`: checks the content, then reports where each measure stands on `today`; no status while it has errors. */
export function status(contentDir: string, today: string, contentFs?: ContentFs): { status: Status | undefined; diagnostics: Diagnostics } {
  const { site, diagnostics } = check(contentDir, contentFs, { today });
  return { status: site ? statusOf(site, today) : undefined, diagnostics };
}

/** The status of a checked site on `today`. */
export function statusOf(site: Site, today: string): Status {
  const measures = reviews(site, today).map((r) => ({
    id: r.measure.id,
    title: r.measure.title ?? null,
    section: r.section.id,
    owner: r.owner ?? null,
    reviewed: r.reviewed ?? null,
    due: r.due ?? null,
    state: r.state,
  }));
  const annexes = coverageAnnexes(site).map((annex) => ({ annex, coverage: annexCoverage(site, annex) }));
  const catalogues = site.catalogues.map((catalogue, c) => ({
    id: catalogue.id,
    title: inLanguage(catalogue.title, site.lang),
    controls: catalogue.controls.map((control, k) => ({
      id: control.id,
      name: inLanguage(control.name ?? control.title, site.lang),
      annexes: annexes.map(({ annex, coverage }) => {
        const row = coverage[c]?.controls[k];
        return {
          annex: annex.id,
          name: annex.location?.name ?? site.title,
          state: row?.state ?? "gap",
          measures: row?.measures.map((m) => m.id) ?? [],
          ...(row?.reason !== undefined && { reason: row.reason }),
        };
      }),
    })),
  }));
  return { today, review_interval_months: site.reviewIntervalMonths ?? null, measures, catalogues };
}
