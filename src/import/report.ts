/** Why a part of the source is not in the draft; each has one sentence in the report. */
export type LeftOutReason =
  | "before-title"
  | "page-furniture"
  | "table"
  | "image"
  | "html"
  | "link-nowhere"
  | "link-file"
  | "link-scheme"
  | "no-groups"
  | "empty-section";

/** A part of the source the import did not place, or placed only in part, and where it was. */
export interface LeftOut {
  /** "line 12", "paragraph 12", or "" where the source has no such place (a Word file's page furniture). */
  where: string;
  text: string;
  reason: LeftOutReason;
  /** The group and section it was in, e.g. "(1) a) Zutrittskontrolle". */
  within?: string;
}

// The report's sentences, one per reason: what happened, and what to do.
const said: Record<LeftOutReason, string> = {
  "before-title": "text before the title: not imported; if it belongs to the annex, copy it into preamble.md",
  "page-furniture": "navigation, header or footer of the web page: not imported",
  table: "a table Markdown cannot hold (merged cells, or lists or several paragraphs in a cell): not imported; write it as a simple table or as a list",
  image: "an image: not imported (the annex shows no images); say in words what it shows",
  html: "HTML, which annex texts may not hold: not imported",
  "link-nowhere": "a link that leads nowhere (#), such as a button of the web page: not imported",
  "link-file": "a link to a file beside the page, which the published annex does not have: kept as text without the link",
  "link-scheme": "a link that is no web, mail or phone address: kept as text without the link",
  "no-groups": "no numbered groups (1), (2) … and no headings found: all text is in one group; split it into groups and sections",
  "empty-section": "a section without text: a placeholder measure was written; fill it in",
};

/** What the import wrote and placed, for the report. */
export interface ImportSummary {
  source: string;
  out: string;
  files: number;
  groups: number;
  sections: number;
  measures: number;
  preamble: boolean;
  lang: string;
  /** The fields of site.yaml that hold placeholders. */
  placeholders: string[];
  leftOut: LeftOut[];
}

/** The report of toms import: what it drafted, what to fill in, and everything it could not place, with where it was. */
export function importReport(s: ImportSummary): string {
  const lines = [
    `Drafted ${s.out} from ${s.source} (lang ${s.lang}): ${s.groups} groups, ${s.sections} sections, ${s.measures} measures${
      s.preamble ? ", a preamble" : ""
    }; ${s.files} files.`,
    "",
    "Fill in before you publish:",
    ...s.placeholders.map((p) => `  - ${p}`),
    "",
  ];
  if (s.leftOut.length === 0) lines.push("Everything found a place.", "");
  else {
    lines.push(`Not placed or changed (${s.leftOut.length}):`);
    for (const item of s.leftOut) {
      const where = [item.where, item.within === undefined ? "" : `in ${item.within}`].filter(Boolean).join(", ");
      const text = excerpt(item.text);
      lines.push(`  - ${where === "" ? "" : `${where}: `}${text === "" ? "" : `"${text}": `}${said[item.reason]}.`);
    }
    lines.push("");
  }
  lines.push(`Next: read the files in ${s.out} against the original, then run "toms check".`, "");
  return lines.join("\n");
}

/** The start of a text, on one line, for the report. */
export function excerpt(text: string, length = 60): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= length ? line : `${line.slice(0, length - 1).trimEnd()}…`;
}
