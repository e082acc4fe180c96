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
}

/** A numbered group such as "(1) Maßnahmen zur Sicherstellung der Vertraulichkeit auf Dauer". */
export interface Group {
  id: string;
  title: string;
  intro?: Prose;
  sections: Section[];
}

/** An entry of the change history. */
export interface Change {
  version: string;
  date: string;
  summary: Prose;
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
  locations: Location[];
  changes: Change[];
  /** Absolute path of site.yaml. */
  file: string;
}
