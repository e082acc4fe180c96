/** What happened to a measure in one annex. */
export type MeasureChangeKind = "added" | "removed" | "changed" | "moved" | "locations";

/** What the annex says of a measure besides its title and text. */
export type MeasureAttribute = "status" | "responsible" | "not_applicable" | "reviewed" | "covers";

/** One change of one measure as one annex shows it. */
export interface MeasureChange {
  kind: MeasureChangeKind;
  /** The measure id. */
  measure: string;
  /** Id of the section it is in (at HEAD; at BASE when removed). */
  section: string;
  /** Where it is, as a reader of the annex sees it: "(1) a) Zutrittskontrolle". */
  place: string;
  /** The measure's title (at HEAD; at BASE when removed). */
  title?: string;
  /**
   * added/removed/changed: the Markdown; moved: the place; locations: the location ids
   * ("every location" when unrestricted). Absent on the side where the measure is not.
   */
  before?: string;
  after?: string;
  /**
   * changed: what else changed of how the annex shows it: status, who carries it out, not applicable here (and why);
   * its review date where the annex shows the last review (show_reviewed), the controls it covers where the annex
   * shows the coverage (coverage_appendix).
   */
  attributes?: { name: MeasureAttribute; before?: string; after?: string }[];
  /** changed: the title before and after, when it changed. */
  titleChange?: { before?: string; after?: string };
  /** changed: the placeholder mark came off (its text now counts as written) or on. */
  placeholderChange?: "written" | "placeholder";
  /** The id of the measure whose text this one shows (`ref`), when it reuses one. */
  reuses?: string;
  /** locations: the locations before and after (undefined: every location). */
  locations?: { before?: string[]; after?: string[] };
  /** locations: the text that enters or leaves the annex. */
  text?: string;
}

/** The changes of one annex: the combined one ("all") or one location's. */
export interface AnnexChanges {
  location: string;
  /** In a site of several languages, the language of the annex (each language's annexes are compared on their own). */
  lang?: string;
  /** The location's name, or undefined for the combined annex. */
  name?: string;
  changes: MeasureChange[];
}

/** What happened to the document around the measures. */
export type DocumentChangeKind = "added" | "removed" | "changed" | "moved";

/** A change of site.yaml or of a section (title, intro, group, order), named by a dotted field path. */
export interface DocumentChange {
  kind: DocumentChangeKind;
  /** e.g. "version", "groups.integritaet.intro", "locations.aws.certifications", "sections.zutrittskontrolle.title". */
  field: string;
  before?: string;
  after?: string;
  /** Whether before/after are Markdown prose (shown as a word diff). */
  prose?: boolean;
  /** In a site of several languages, the language whose text changed (absent: the same in every language). */
  lang?: string;
}

/**
 * Whether a change of site.yaml is the bookkeeping of a new version rather than a change of what the annexes say:
 * `version` itself, and, only when the version changed, its `valid_from` and the history entry of the new version.
 * Everything else is printed in every annex of the version it belongs to: the date of validity of a version that stays,
 * and any entry of an earlier version (edited, added or removed) change the text customers signed.
 */
export function isBookkeeping(change: DocumentChange, versions: { base?: string | undefined; head: string }): boolean {
  if (change.field === "version") return true;
  const bumped = versions.base !== versions.head;
  return bumped && (change.field === "valid_from" || change.field === `changes.${versions.head}`);
}
