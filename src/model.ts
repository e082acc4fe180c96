import type { Root } from "hast";
import type { Scalar } from "yaml";
import type { Place } from "./diagnostics/diagnostic.js";
import type { YamlFile } from "./load/yaml-file.js";

/** A piece of Markdown written by an author, with where it is in its file (for diagnostics). */
export interface Prose {
  markdown: string;
  /** Absolute path of the file the Markdown is written in. */
  file: string;
  /** Line and column of the Markdown's first character. */
  line: number;
  column: number;
  /** Columns before every further line (a YAML block scalar's indentation; 0 in a prose file). */
  indent: number;
  /**
   * For Markdown written as a YAML value: the file and the value's node. YAML folds lines, strips indentation and
   * resolves escapes, so a position in the Markdown maps to the file only through the value's source (see
   * load/prose.ts, which keeps the offsets here once computed).
   */
  yaml?: { file: YamlFile; node: Scalar; offsets?: number[] };
}

/** A certification of a location. */
export interface Certification {
  name: string;
  url?: string;
}

/** A place where data is processed; one annex is built per location. */
export interface Location {
  id: string;
  name: string;
  operator?: string;
  url?: string;
  description?: Prose;
  certifications: Certification[];
  /** Ids of the locations whose measures apply here too (a product hosted in a data centre). */
  inherits?: string[];
}

/** How far a measure is in place; implemented unless it says otherwise. */
export type Status = "implemented" | "partial" | "planned" | "not-implemented";

/** Who carries out a measure: the company issuing the annex (the default), the operator of the location, the customer. */
export type Responsible = "processor" | "operator" | "customer";

/** Why a measure does not apply: everywhere, or at the locations named (by id). */
export interface NotApplicable {
  everywhere?: string;
  at: Map<string, string>;
}

/** When a measure was last reviewed, and where that date is written (a measure without one takes its section's). */
export interface Reviewed {
  /** YYYY-MM-DD. */
  date: string;
  place: Place;
  /** Written on the section, not on the measure. */
  fromSection: boolean;
}

/** A control of a catalogue a measure covers: `art32:restore` as catalogue and control id. */
export interface Cover {
  catalogue: string;
  control: string;
}

/** A technical or organisational measure as resolved: its text is its own or the one of the measure it reuses. */
export interface Measure {
  id: string;
  title?: string;
  /** The locations it applies to; undefined means every location. */
  locations?: string[];
  prose: Prose;
  /** The id of the measure whose text this one reuses (`ref`), if any. */
  reuses?: string;
  status?: Status;
  notApplicable?: NotApplicable;
  /** Who carries it out, when not the processor (its own, else its section's). */
  responsible?: Responsible;
  /** The role or team that owns it (its own, else its section's). */
  owner?: string;
  /** When it was last reviewed (its own date, else its section's). */
  reviewed?: Reviewed;
  /** The catalogue controls it covers (its own and its section's). */
  covers: Cover[];
  /** Its text is still a placeholder (`placeholder: true`, or reused from one): marked as not yet written. */
  placeholder?: true;
  place: Place;
}

/** A control section such as Zutrittskontrolle. */
export interface Section {
  id: string;
  title: string;
  /** false: shown without a lettered heading, its measures directly under the group. */
  heading: boolean;
  intro?: Prose;
  measures: Measure[];
  file: string;
  /** Who carries out its measures, when not the processor. */
  responsible?: Responsible;
  /** The role or team that owns its measures (they may name another). */
  owner?: string;
  /** When its measures were last reviewed, as written on the section (they may say otherwise). */
  reviewed?: Reviewed;
  /** Where its id is written. */
  place: Place;
}

/** A numbered group such as "(1) Maßnahmen zur Sicherstellung der Vertraulichkeit auf Dauer". */
export interface Group {
  id: string;
  title: string;
  intro?: Prose;
  sections: Section[];
  /** The one group of a site.yaml without groups: not shown, its sections are the top level. */
  implicit?: boolean;
}

/** How groups and sections are numbered: "(1) a)", "1.1" or not at all. */
export type Numbering = "(1) a)" | "1.1" | "none";

/** An entry of the change history. */
export interface Change {
  version: string;
  date: string;
  summary: Prose;
}

/** A text in one language, or in several ({ de: "…", en: "…" }). */
export type Localized = string | Readonly<Record<string, string>>;

/** A control of a catalogue, e.g. art32:restore. */
export interface Control {
  id: string;
  /** A short name, e.g. "Wiederherstellbarkeit". */
  name?: Localized;
  /** Its wording in the law or standard. */
  title: Localized;
  /** Where it is in its source, e.g. "Buchst. c". */
  ref?: Localized;
}

/** A checklist the annex is held against: built into toms (art32, bdsg-9 …) or catalogues/<id>.yaml of the content. */
export interface Catalogue {
  id: string;
  title: Localized;
  source?: { citation?: Localized; url?: string };
  controls: Control[];
  builtIn: boolean;
}

/** A catalogue control deliberately not covered (site.yaml's not_applicable), everywhere or at the locations named. */
export interface ControlNotApplicable {
  cover: Cover;
  reason: string;
  /** The locations where it does not apply; undefined: everywhere. */
  locations?: string[];
}

/** The logo of the theme, checked and (an SVG) made safe: the file the site publishes. */
export interface Logo {
  /** Its file name in the site, next to the pages. */
  name: "logo.svg" | "logo.png";
  /** The bytes published: a PNG as written, an SVG as toms wrote it out after removing what it may not hold. */
  bytes: Buffer;
  /** Its size (SVG: of its viewBox), for the shape of the letterhead. */
  width: number;
  height: number;
}

/** The company's look: site.yaml's theme (logo, accent colour) and the content folder's templates/, checked and made safe. */
export interface Theme {
  logo?: Logo;
  /** The accent colour as written (rules, borders), the shade text in it is shown in, and the tint of labels. */
  accent?: { rule: string; text: string; tint: string };
  /** templates/page.html: the page shell, toms's head with the template's body made safe. */
  shell?: Root;
  /** templates/style.css, made safe: it replaces toms's style sheet. */
  style?: string;
}

/** The whole document as resolved from a content folder. */
export interface Site {
  title: string;
  subtitle?: string;
  lang: string;
  organisation: { name: string; address: string[]; url?: string };
  version: string;
  validFrom: string;
  preamble?: Prose;
  measuresTitle?: string;
  groups: Group[];
  /** The locations, each with an annex of its own; none for an annex with one scope (then only the combined annex). */
  locations: Location[];
  changes: Change[];
  numbering: Numbering;
  /** The word for a location where "Standort" does not fit (singular and plural). */
  locationLabel?: { one: string; other: string };
  /** How the combined annex shows the measures. */
  combinedView: "sections" | "matrix";
  /** Months between reviews of a measure (review_interval_months); undefined: reviews are not tracked. */
  reviewIntervalMonths?: number;
  /** Whether each section of an annex says when it was last reviewed. */
  showReviewed: boolean;
  /** The catalogues site.yaml names, in its order. */
  catalogues: Catalogue[];
  /** Controls declared not applicable, with the reason. */
  controlsNotApplicable: ControlNotApplicable[];
  /** Whether each annex ends with the coverage of its catalogues. */
  coverageAppendix: boolean;
  /** The public address of the published site, ending in "/" (site_url): the feed and the PDFs' links need it. */
  siteUrl?: string;
  /** The company's look, when site.yaml has a theme or the content folder has templates/. */
  theme?: Theme;
  /** Absolute path of site.yaml. */
  file: string;
}
