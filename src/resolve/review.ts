import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { Measure, Section, Site } from "../model.js";
import { addMonths, daysBetween } from "../util/dates.js";

/** Where a measure stands in its review cycle. */
export type ReviewState = "ok" | "due" | "overdue" | "missing";

/** A review is "due" this many days before its date. */
export const dueWithinDays = 30;

/** One measure's review: who owns it, when it was last reviewed, when the next review is due. */
export interface MeasureReview {
  measure: Measure;
  section: Section;
  owner: string | undefined;
  /** Its last review (its own date or its section's). */
  reviewed: string | undefined;
  /** When the next review is due; undefined without a date or without review_interval_months. */
  due: string | undefined;
  state: ReviewState;
}

/** The review of every measure of the site, in the order of the annex, as of `today` (YYYY-MM-DD). */
export function reviews(site: Site, today: string): MeasureReview[] {
  const months = site.reviewIntervalMonths;
  return site.groups.flatMap((g) =>
    g.sections.flatMap((section) =>
      section.measures.map((measure): MeasureReview => {
        const reviewed = measure.reviewed?.date;
        const due = reviewed !== undefined && months !== undefined ? addMonths(reviewed, months) : undefined;
        return { measure, section, owner: measure.owner, reviewed, due, state: stateOf(reviewed, due, today) };
      }),
    ),
  );
}

function stateOf(reviewed: string | undefined, due: string | undefined, today: string): ReviewState {
  if (reviewed === undefined) return "missing";
  if (due === undefined) return "ok";
  const left = daysBetween(today, due);
  return left < 0 ? "overdue" : left <= dueWithinDays ? "due" : "ok";
}

/**
 * With review_interval_months: warns at each review date that is too old (once per date as written: a section's
 * date that several measures take is one warning), at each date after today, and where measures have none (once
 * for a section none of whose measures has one, else per measure).
 */
export function warnReviews(site: Site, today: string, diagnostics: Diagnostics): void {
  const months = site.reviewIntervalMonths;
  if (months === undefined) return;
  const all = reviews(site, today);
  const warned = new Set<string>();
  for (const review of all) {
    const written = review.measure.reviewed;
    if (!written) continue;
    const key = `${written.place.file}:${written.place.line}:${written.place.column}`;
    if (warned.has(key)) continue;
    warned.add(key);
    const taking = written.fromSection ? all.filter((r) => r.measure.reviewed === written).length : 1;
    if (daysBetween(today, written.date) > 0) {
      diagnostics.add(say["review-in-future"].after({ date: written.date, today }), written.place);
    } else if (review.state === "overdue") {
      const due = review.due as string;
      diagnostics.add(
        say["review-overdue"].overdue({ date: written.date, months, due, days: daysBetween(due, today), measures: written.fromSection ? taking : undefined }),
        written.place,
      );
    }
  }
  for (const group of site.groups) {
    for (const section of group.sections) {
      const missing = section.measures.filter((m) => !m.reviewed);
      if (missing.length === 0) continue;
      if (missing.length === section.measures.length && section.measures.length > 1) {
        diagnostics.add(say["review-missing"].section({ id: section.id, count: missing.length }), section.place);
      } else {
        for (const measure of missing) diagnostics.add(say["review-missing"].measure({ id: measure.id }), measure.place);
      }
    }
  }
}

/**
 * The date a section of an annex shows as its last review: the oldest review date of the measures it shows, so
 * the line never claims more than the least recent review; undefined when one of them has none.
 */
export function sectionReviewed(measures: readonly Measure[]): string | undefined {
  let oldest: string | undefined;
  for (const measure of measures) {
    const date = measure.reviewed?.date;
    if (date === undefined) return undefined;
    if (oldest === undefined || date < oldest) oldest = date;
  }
  return oldest;
}
