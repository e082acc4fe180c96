import fs from "node:fs";
import { checklist, type InitLanguage } from "./checklist.js";
import { companyReadme } from "./company-readme.js";

/** A location of the new annex: its id (file names, `locations: [id]`) and its name as given. */
export interface InitLocation {
  id: string;
  name: string;
}

/** What `toms init` was told about the company. */
export interface InitAnswers {
  lang: InitLanguage;
  organisation: string;
  /** One annex per location; none with `oneScope`. */
  locations: InitLocation[];
  /** A single annex for everything: no locations (--one-scope). */
  oneScope?: boolean;
}

/** The workflows of the toms package (the very files of its own repository), which init copies unchanged. */
export const workflowDir = new URL("../../.github/workflows/", import.meta.url);
/** The workflows a new content repository gets. */
export const workflowFiles = ["pull-request.yml", "pages.yml", "review.yml"] as const;

/** What git should not track in a content repository: installed packages, the built site, a build's staging folder. */
export const ignoredPaths = ["node_modules/", "dist/", ".dist-*/"];

/**
 * The files of a new content repository, by their path relative to it (forward slashes), except package.json (see
 * package-json.ts): the content folder with site.yaml, the preamble and one section file per control, the README,
 * .gitignore and the workflows. Values the user gave reach YAML only as quoted strings and Markdown not at all.
 */
export function repositoryFiles(answers: InitAnswers, today: Date): Map<string, string> {
  const list = checklist(answers.lang);
  const files = new Map<string, string>();
  const date = isoDate(today);
  const version = `${today.getFullYear()}.1`;
  const de = answers.lang === "de";
  files.set(
    "measures/site.yaml",
    [
      "# yaml-language-server: $schema=../node_modules/toms/schemas/site.schema.json",
      `title: ${quoted(list.title)}`,
      `subtitle: ${quoted(list.subtitle)}`,
      `lang: ${answers.lang}`,
      "organisation:",
      `  name: ${quoted(answers.organisation)}`,
      de
        ? "  # Die Postanschrift steht am Fuß jeder PDF-Seite (höchstens 4 Zeilen):"
        : "  # The postal address, printed at the foot of every PDF page (at most 4 lines):",
      "  # address:",
      de ? '  #   - "Straße 1"' : '  #   - "Street 1"',
      de ? '  #   - "12345 Ort"' : '  #   - "12345 City"',
      de
        ? "# Die Version, mit der Kunden unterschreiben: bei jeder Änderung des Textes erhöhen, valid_from setzen und changes ergänzen."
        : "# The version customers sign: raise it whenever the text changes, set valid_from and add an entry to changes.",
      `version: ${quoted(version)}`,
      `valid_from: ${date}`,
      "preamble: preamble.md",
      `measures_title: ${quoted(list.measuresTitle)}`,
      de
        ? "# Die Checkliste, an der toms check die Anlage misst: jeder Punkt von Art. 32 Abs. 1 DS-GVO muss an jedem Standort abgedeckt sein."
        : "# The checklist toms check holds the annex against: each point of Art. 32(1) GDPR must be covered at every location.",
      "catalogues: [art32]",
      "changes:",
      `  - version: ${quoted(version)}`,
      `    date: ${date}`,
      `    summary: ${quoted(list.firstChange)}`,
      "groups:",
      ...list.groups.flatMap((g) => [`  - id: ${g.id}`, `    title: ${quoted(g.title)}`, `    intro: ${quoted(g.intro)}`]),
      ...(answers.oneScope
        ? [
            de
              ? "# Eine Anlage für alles. Für eine Anlage je Standort (Rechenzentrum, Cloud-Region): locations mit id und name ergänzen."
              : "# One annex for everything. For an annex per location (data centre, cloud region): add locations with id and name.",
          ]
        : [
            de
              ? "# Je Standort eine Anlage; operator, url, description und certifications sagen Kunden mehr über ihn."
              : "# One annex per location; operator, url, description and certifications tell customers more about it.",
            "locations:",
            ...answers.locations.flatMap((l) => [`  - id: ${l.id}`, `    name: ${quoted(l.name)}`]),
          ]),
      "",
    ].join("\n"),
  );
  // One scope: the preamble's sentence on locations has nothing to refer to.
  files.set("measures/preamble.md", answers.oneScope ? list.preamble.replace(/ (Gilt eine Maßnahme|Where a measure) [^\n]*/, "") : list.preamble);
  list.groups.forEach((group, g) => {
    group.controls.forEach((control, c) => {
      const entries =
        control.perLocation && !answers.oneScope
          ? answers.locations.map((l) => [
              `  - id: ${control.perLocation?.measurePrefix}-${l.id}`,
              // Not the location's bare name: beside its "applies to" mark and in a change summary it would read as the location itself.
              `    title: ${quoted(answers.lang === "de" ? `Zutritt zu ${l.name}` : `Access to ${l.name}`)}`,
              `    locations: [${l.id}]`,
              ...placeholder(control.placeholder),
            ])
          : [[`  - id: ${control.id}`, ...placeholder(control.placeholder)]];
      const measures = entries.flatMap((entry, i) => (i === 0 ? entry : ["", ...entry]));
      files.set(
        sectionPath(g, group.id, control.id),
        [
          "# yaml-language-server: $schema=../../node_modules/toms/schemas/section.schema.json",
          `id: ${control.id}`,
          `group: ${group.id}`,
          `title: ${quoted(control.title)}`,
          `covers: [art32:${control.covers}]`,
          `order: ${c + 1}`,
          "measures:",
          ...measures,
          "",
        ].join("\n"),
      );
    });
  });
  const access = list.groups[1] as (typeof list.groups)[number];
  files.set(
    "README.md",
    companyReadme(answers.lang, {
      organisation: answers.organisation,
      sectionFile: sectionPath(1, access.id, access.controls[0]?.id ?? ""),
      location: answers.locations[0]?.id ?? "",
      oneScope: answers.oneScope === true,
    }),
  );
  files.set(".gitignore", `${ignoredPaths.join("\n")}\n`);
  for (const name of workflowFiles) files.set(`.github/workflows/${name}`, fs.readFileSync(new URL(name, workflowDir), "utf8"));
  return files;
}

function sectionPath(groupIndex: number, group: string, control: string): string {
  return `measures/${groupIndex + 1}-${group}/${control}.yaml`;
}

// The placeholder's fields: the mark and its text, one paragraph as a literal block.
function placeholder(text: string): string[] {
  return ["    placeholder: true", "    text: |", `      ${text}`];
}

// A YAML double-quoted string: JSON's escapes are YAML's, so any text stays exactly what was given.
function quoted(text: string): string {
  return JSON.stringify(text);
}

// The local calendar day: the day the person running init sees.
function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}
