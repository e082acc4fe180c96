/**
 * The words of what toms says about a change, in the annex's language: the pull-request comment of `toms diff`
 * and the changes page of a published version. A German annex is reviewed and read by Germans, so the report
 * speaks German too; the messages of the rule catalogue stay as the catalogue writes them.
 */

import type { Site } from "../model.js";
import type { MeasureAttribute } from "./changes.js";
import { languageName, type Strings } from "../render/i18n.js";

/** The kinds of change a report names, as verbs of a list item ("geändert") and as labels of a change ("Geändert"). */
export type ChangeWord = "added" | "removed" | "changed" | "moved" | "reordered" | "locations" | "enters" | "leaves";

/** What a report says, in one language. */
export interface ReportWords {
  /** How the report names the working tree as a side. */
  workingTree: string;
  /** Verbs of the comment's list items, lower case. */
  verb: Record<ChangeWord, string>;
  /** Labels of the changes page, capitalized. */
  label: Record<ChangeWord, string>;
  /** A name in the language's quotation marks. */
  q: (text: string) => string;
  /** "in (1) a) Zutrittskontrolle": the place of a measure. */
  at: (place: string) => string;
  /** After a reused measure's id: whose text it shows. */
  reuses: (id: string) => string;
  /** The n-th measure of a section, where a measure moved within it. */
  measureNumber: (n: number) => string;
  /** The locations a measure applies to when it names none. */
  everyLocation: string;
  /** The label before a list of locations ("Standorte"). */
  locationsWord: string;
  title: string;
  attribute: Record<MeasureAttribute, string>;
  /** A measure's placeholder mark taken off, or put on. */
  placeholder: { written: string; placeholder: string };
  /** Where a change shows: every annex, or the ones named. */
  inEveryAnnex: string;
  inAnnexes: (names: string) => string;
  combined: string;
  brokenSide: (side: string, errors: number) => string;
  moreErrors: (n: number, side: string) => string;
  moreProblems: (n: number) => string;
  nothing: (between: string) => string;
  between: (base: string, head: string) => string;
  notPresent: (side: string) => string;
  raiseAndAdd: string;
  addEntry: string;
  version: string;
  validFrom: string;
  unchanged: string;
  overview: { annex: string; added: string; removed: string; changed: string; moved: string; locations: string; more: (n: number) => string };
  sections: string;
  measures: string;
  tooLong: string;
  cut: (omitted: number, limit: string, where: string) => string;
  fullReportIn: (file: string) => string;
  fullReportRun: string;
  /** Notes of a text whose line breaks or spacing changed what its page shows. */
  spacing: { layoutOnly: string; besidesWords: string; oldWithNewSpacing: string; shown: string; now: string; nothing: string };
  /** A changed sentence is shown with its context; what is left out is "…". */
  omitted: string;
  /** The changes page of a version. */
  page: {
    title: (version: string) => string;
    against: (previous: string, validFrom: string) => string;
    summary: string;
    legend: string;
    removedMark: string;
    addedMark: string;
    contents: string;
    document: string;
    noChange: string;
    changes: (n: number) => string;
    layoutOnly: string;
    text: string;
    link: (previous: string) => string;
    historyLink: (version: string) => string;
    from: string;
    to: string;
  };
  /** How a report names a field of site.yaml or a section, for readers who do not read YAML. */
  field: FieldWords;
}

/** Names of the fields of the document, by kind. */
export interface FieldWords {
  plain: Record<string, string>;
  /** The fields of a group, a location, a section (with its name): "Titel der Gruppe „Verfügbarkeit“". */
  of: (kind: "group" | "location" | "section", name: string, part: string) => string;
  /** A group, location or section as a whole (added, removed). */
  whole: (kind: "group" | "location" | "section", name: string) => string;
  /** The order of the groups, locations or sections. */
  order: (kind: "group" | "location" | "section") => string;
  /** The history entry of a version. */
  history: (version: string) => string;
  /** The annexes of a translation as a whole (a language withdrawn or added): "Anlagen auf Englisch". */
  annexesIn: (language: string) => string;
  parts: Record<string, string>;
}

const de: ReportWords = {
  workingTree: "Arbeitskopie",
  verb: {
    added: "neu",
    removed: "entfernt",
    changed: "geändert",
    moved: "verschoben",
    reordered: "umgestellt",
    locations: "Standorte geändert",
    enters: "gilt jetzt hier",
    leaves: "gilt hier nicht mehr",
  },
  label: {
    added: "Neu",
    removed: "Entfernt",
    changed: "Geändert",
    moved: "Verschoben",
    reordered: "Umgestellt",
    locations: "Standorte geändert",
    enters: "Gilt jetzt hier",
    leaves: "Gilt hier nicht mehr",
  },
  q: (text) => `„${text}“`,
  at: (place) => `in ${place}`,
  reuses: (id) => `(der Text von ${id}, hier wiederverwendet)`,
  measureNumber: (n) => `Maßnahme ${n}`,
  everyLocation: "alle Standorte",
  locationsWord: "Standorte",
  title: "Titel",
  attribute: { status: "Status", responsible: "Verantwortlich", not_applicable: "Hier nicht anwendbar", reviewed: "Zuletzt überprüft", covers: "Deckt ab" },
  placeholder: { written: "Nicht mehr als Platzhalter gekennzeichnet.", placeholder: "Jetzt als Platzhalter gekennzeichnet (noch nicht ausgefüllt)." },
  inEveryAnnex: "in allen Anlagen",
  inAnnexes: (names) => `in: ${names}`,
  combined: "Gesamtfassung",
  brokenSide: (side, n) => `${side}: Der Inhalt hat ${n} Fehler, daher wurde nichts verglichen.`,
  moreErrors: (n, side) => `… und ${n} weitere (alle zeigt \`toms check\`, Stand ${side}).`,
  moreProblems: (n) => `… und ${n} weitere Probleme (siehe den vollständigen Bericht).`,
  nothing: (between) => `Keine Änderungen an den Anlagen: ${between}.`,
  between: (base, head) => `${base} → ${head}`,
  notPresent: (side) => `Den Inhaltsordner gibt es bei ${side} nicht: alles ist neu.`,
  raiseAndAdd: "Version erhöhen und einen Eintrag in die Änderungshistorie in `site.yaml` aufnehmen:",
  addEntry: "Einen Eintrag in die Änderungshistorie in `site.yaml` aufnehmen:",
  version: "Version",
  validFrom: "gültig ab",
  unchanged: "unverändert",
  overview: {
    annex: "Anlage",
    added: "neu",
    removed: "entfernt",
    changed: "geändert",
    moved: "verschoben",
    locations: "Standorte",
    more: (n) => `… und ${n} weitere Anlagen (siehe den vollständigen Bericht)`,
  },
  sections: "Abschnitte",
  measures: "Maßnahmen",
  tooLong: "(Zu lang für diesen Kommentar: siehe den vollständigen Bericht.)",
  cut: (n, limit, where) =>
    `Der Bericht endet hier: ${n} weitere ${n === 1 ? "Änderung wird" : "Änderungen werden"} nicht gezeigt, da ein Kommentar zu einem Pull Request höchstens ${limit} Zeichen fasst. ${where}`,
  fullReportIn: (file) => `Der vollständige Bericht steht in \`${file}\`.`,
  fullReportRun: "`toms diff BASE HEAD --report DATEI` schreibt den vollständigen Bericht.",
  spacing: {
    layoutOnly: "Zeilenumbrüche oder Abstände ändern, wie der Text gesetzt ist; Wörter und Zeilen bleiben gleich. Als HTML, vorher und nachher:",
    besidesWords: "Außer den Wörtern ändern Zeilenumbrüche oder Abstände, wie der Text erscheint. Die alten Wörter, wie sie vorher erschienen:",
    oldWithNewSpacing: "Die alten Wörter mit den neuen Zeilenumbrüchen und Abständen:",
    shown: "Zeilenumbrüche oder Abstände ändern, wie der Text erscheint. Vorher:",
    now: "Jetzt:",
    nothing: "(nichts)",
  },
  omitted: "…",
  page: {
    title: (version) => `Änderungen in Version ${version}`,
    against: (previous, validFrom) => `Was sich gegenüber Version ${previous} (gültig ab ${validFrom}) geändert hat, in jeder Anlage.`,
    summary: "Zusammenfassung",
    legend: "Gestrichene Wörter sind durchgestrichen und mit [− …] gekennzeichnet, neue Wörter unterstrichen und mit [+ …].",
    removedMark: "gestrichen",
    addedMark: "neu",
    contents: "Inhalt",
    document: "Das ganze Dokument",
    noChange: "Keine Änderung in dieser Anlage.",
    changes: (n) => `${n} ${n === 1 ? "Änderung" : "Änderungen"}`,
    layoutOnly: "Der Wortlaut ist unverändert; nur die Gliederung des Textes (Absätze, Zeilen) hat sich geändert.",
    text: "Text",
    link: (previous) => `Änderungen gegenüber Version ${previous}`,
    historyLink: (version) => `Änderungen in Version ${version}`,
    from: "vorher",
    to: "jetzt",
  },
  field: {
    plain: {
      version: "Version",
      valid_from: "gültig ab",
      title: "Titel des Dokuments",
      subtitle: "Untertitel",
      lang: "Sprache",
      "organisation.name": "Name des Auftragsverarbeiters",
      "organisation.address": "Anschrift",
      "organisation.url": "Website",
      preamble: "Präambel",
      measures_title: "Überschrift der Maßnahmen",
      numbering: "Nummerierung",
      location_label: "Bezeichnung der Standorte",
      combined_view: "Darstellung der Gesamtfassung",
      "theme.logo": "Logo (theme.logo)",
      "theme.accent": "Akzentfarbe (theme.accent)",
      site_url: "Öffentliche Adresse der Anlagen (site_url)",
      "templates.page.text": "Text der Seitenvorlage (templates/page.html)",
      "templates.page.markup": "Aufbau der Seitenvorlage (templates/page.html: Elemente und Attribute)",
      "templates.style": "Stylesheet (templates/style.css)",
    },
    of: (kind, name, part) => `${part} ${{ group: "der Gruppe", location: "des Standorts", section: "des Abschnitts" }[kind]} „${name}“`,
    whole: (kind, name) => `${{ group: "Gruppe", location: "Standort", section: "Abschnitt" }[kind]} „${name}“`,
    order: (kind) => `Reihenfolge der ${{ group: "Gruppen", location: "Standorte", section: "Abschnitte" }[kind]}`,
    history: (version) => `Eintrag der Änderungshistorie zu Version ${version}`,
    annexesIn: (language) => `Anlagen auf ${languageName(language, "de")}`,
    parts: {
      title: "Titel",
      intro: "Einleitung",
      name: "Name",
      operator: "Betreiber",
      url: "Web-Adresse",
      inherits: "Übernommene Maßnahmen",
      description: "Beschreibung",
      certifications: "Zertifizierungen",
      group: "Gruppe",
      heading: "Überschrift",
      responsible: "Verantwortlich",
    },
  },
};

const en: ReportWords = {
  workingTree: "the working tree",
  verb: {
    added: "added",
    removed: "removed",
    changed: "changed",
    moved: "moved",
    reordered: "reordered",
    locations: "locations changed",
    enters: "enters this annex",
    leaves: "leaves this annex",
  },
  label: {
    added: "Added",
    removed: "Removed",
    changed: "Changed",
    moved: "Moved",
    reordered: "Reordered",
    locations: "Locations changed",
    enters: "Now applies here",
    leaves: "No longer applies here",
  },
  q: (text) => `“${text}”`,
  at: (place) => `in ${place}`,
  reuses: (id) => `(the text of ${id}, reused here)`,
  measureNumber: (n) => `measure ${n}`,
  everyLocation: "every location",
  locationsWord: "locations",
  title: "Title",
  attribute: { status: "Status", responsible: "Responsible", not_applicable: "Not applicable here", reviewed: "Last reviewed", covers: "Covers" },
  placeholder: { written: "No longer marked as a placeholder.", placeholder: "Now marked as a placeholder (not yet written)." },
  inEveryAnnex: "in every annex",
  inAnnexes: (names) => `in: ${names}`,
  combined: "combined",
  brokenSide: (side, n) => `The content at ${side} has ${n} error${n === 1 ? "" : "s"}, so nothing was compared.`,
  moreErrors: (n, side) => `… and ${n} more; run \`toms check\` at ${side}.`,
  moreProblems: (n) => `… and ${n} more problems (see the full report).`,
  nothing: (between) => `No changes to the annexes between ${between}.`,
  between: (base, head) => `${base} and ${head}`,
  notPresent: (side) => `The content folder does not exist at ${side}: everything is new.`,
  raiseAndAdd: "Raise the version and add an entry to the change history in `site.yaml`:",
  addEntry: "Add an entry to the change history in `site.yaml`:",
  version: "Version",
  validFrom: "valid from",
  unchanged: "unchanged",
  overview: {
    annex: "annex",
    added: "added",
    removed: "removed",
    changed: "changed",
    moved: "moved",
    locations: "locations",
    more: (n) => `… and ${n} more annexes (see the full report)`,
  },
  sections: "Sections",
  measures: "Measures",
  tooLong: "(Too long to show here: see the full report.)",
  cut: (n, limit, where) =>
    `The report is cut here: ${n} more change${n === 1 ? " is" : "s are"} not shown, as a pull-request comment holds at most ${limit} characters. ${where}`,
  fullReportIn: (file) => `The full report is in \`${file}\`.`,
  fullReportRun: "Run `toms diff BASE HEAD --report FILE` for the full report.",
  spacing: {
    layoutOnly: "Line breaks or spacing changed how the text is laid out; its words and lines stay the same. As HTML, before and after:",
    besidesWords: "Besides the words, line breaks or spacing changed how the text is shown. The old words as shown before:",
    oldWithNewSpacing: "The old words with the new line breaks and spacing:",
    shown: "Line breaks or spacing changed how the text is shown. Before:",
    now: "Now:",
    nothing: "(nothing)",
  },
  omitted: "…",
  page: {
    title: (version) => `Changes in version ${version}`,
    against: (previous, validFrom) => `What changed since version ${previous} (valid from ${validFrom}), in each annex.`,
    summary: "Summary",
    legend: "Removed words are struck through and marked [− …], added words are underlined and marked [+ …].",
    removedMark: "removed",
    addedMark: "added",
    contents: "Contents",
    document: "The whole document",
    noChange: "No change in this annex.",
    changes: (n) => `${n} change${n === 1 ? "" : "s"}`,
    layoutOnly: "The wording is unchanged; only how the text is divided (paragraphs, lines) changed.",
    text: "Text",
    link: (previous) => `Changes since version ${previous}`,
    historyLink: (version) => `Changes in version ${version}`,
    from: "before",
    to: "now",
  },
  field: {
    plain: {
      version: "Version",
      valid_from: "Valid from",
      title: "Title of the document",
      subtitle: "Subtitle",
      lang: "Language",
      "organisation.name": "Name of the processor",
      "organisation.address": "Address",
      "organisation.url": "Web site",
      preamble: "Preamble",
      measures_title: "Heading of the measures",
      numbering: "Numbering",
      location_label: "What locations are called",
      combined_view: "Layout of the combined annex",
      "theme.logo": "Logo (theme.logo)",
      "theme.accent": "Accent colour (theme.accent)",
      site_url: "Public address of the annexes (site_url)",
      "templates.page.text": "Text of the page template (templates/page.html)",
      "templates.page.markup": "Markup of the page template (templates/page.html: elements and attributes)",
      "templates.style": "Style sheet (templates/style.css)",
    },
    of: (kind, name, part) => `${part} of the ${kind} “${name}”`,
    whole: (kind, name) => `${{ group: "Group", location: "Location", section: "Section" }[kind]} “${name}”`,
    order: (kind) => `Order of the ${kind}s`,
    history: (version) => `Change history entry of version ${version}`,
    annexesIn: (language) => `${languageName(language, "en")} annexes`,
    parts: {
      title: "Title",
      intro: "Introduction",
      name: "Name",
      operator: "Operator",
      url: "Web address",
      inherits: "Measures taken over",
      description: "Description",
      certifications: "Certifications",
      group: "Group",
      heading: "Heading",
      responsible: "Responsible",
    },
  },
};

const fr: ReportWords = {
  workingTree: "la copie de travail",
  verb: {
    added: "ajoutée",
    removed: "supprimée",
    changed: "modifiée",
    moved: "déplacée",
    reordered: "réordonné",
    locations: "sites modifiés",
    enters: "s’applique désormais ici",
    leaves: "ne s’applique plus ici",
  },
  label: {
    added: "Ajoutée",
    removed: "Supprimée",
    changed: "Modifiée",
    moved: "Déplacée",
    reordered: "Réordonné",
    locations: "Sites modifiés",
    enters: "S’applique désormais ici",
    leaves: "Ne s’applique plus ici",
  },
  q: (text) => `«\u202f${text}\u202f»`,
  at: (place) => `dans ${place}`,
  reuses: (id) => `(le texte de ${id}, repris ici)`,
  measureNumber: (n) => `mesure ${n}`,
  everyLocation: "tous les sites",
  locationsWord: "sites",
  title: "Titre",
  attribute: { status: "Statut", responsible: "Responsable", not_applicable: "Sans objet ici", reviewed: "Dernière révision", covers: "Couvre" },
  placeholder: { written: "N’est plus marquée comme espace réservé.", placeholder: "Désormais marquée comme espace réservé (pas encore rédigée)." },
  inEveryAnnex: "dans toutes les annexes",
  inAnnexes: (names) => `dans\u202f: ${names}`,
  combined: "version consolidée",
  brokenSide: (side, n) => `Le contenu à ${side} comporte ${n} erreur${n === 1 ? "" : "s"}\u202f; rien n’a été comparé.`,
  moreErrors: (n, side) => `… et ${n} de plus\u202f; lancez \`toms check\` à ${side}.`,
  moreProblems: (n) => `… et ${n} autres problèmes (voir le rapport complet).`,
  nothing: (between) => `Aucune modification des annexes entre ${between}.`,
  between: (base, head) => `${base} et ${head}`,
  notPresent: (side) => `Le dossier de contenu n’existe pas à ${side}\u202f: tout est nouveau.`,
  raiseAndAdd: "Augmentez la version et ajoutez une entrée à l’historique des modifications dans `site.yaml`\u202f:",
  addEntry: "Ajoutez une entrée à l’historique des modifications dans `site.yaml`\u202f:",
  version: "Version",
  validFrom: "date d’effet",
  unchanged: "inchangée",
  overview: {
    annex: "annexe",
    added: "ajoutées",
    removed: "supprimées",
    changed: "modifiées",
    moved: "déplacées",
    locations: "sites",
    more: (n) => `… et ${n} autres annexes (voir le rapport complet)`,
  },
  sections: "Sections",
  measures: "Mesures",
  tooLong: "(Trop long pour ce commentaire\u202f: voir le rapport complet.)",
  cut: (n, limit, where) =>
    `Le rapport s’arrête ici\u202f: ${n} ${n === 1 ? "autre modification n’est pas affichée" : "autres modifications ne sont pas affichées"}, car un commentaire de pull request contient au plus ${limit} caractères. ${where}`,
  fullReportIn: (file) => `Le rapport complet est dans \`${file}\`.`,
  fullReportRun: "`toms diff BASE HEAD --report FICHIER` écrit le rapport complet.",
  spacing: {
    layoutOnly:
      "Des sauts de ligne ou des espacements changent la mise en page du texte\u202f; ses mots et ses lignes restent les mêmes. En HTML, avant et après\u202f:",
    besidesWords: "Outre les mots, des sauts de ligne ou des espacements changent l’affichage du texte. Les anciens mots tels qu’affichés avant\u202f:",
    oldWithNewSpacing: "Les anciens mots avec les nouveaux sauts de ligne et espacements\u202f:",
    shown: "Des sauts de ligne ou des espacements changent l’affichage du texte. Avant\u202f:",
    now: "Maintenant\u202f:",
    nothing: "(rien)",
  },
  omitted: "…",
  page: {
    title: (version) => `Modifications de la version ${version}`,
    against: (previous, validFrom) => `Ce qui a changé depuis la version ${previous} (date d’effet\u202f: ${validFrom}), dans chaque annexe.`,
    summary: "Résumé",
    legend: "Les mots supprimés sont barrés et marqués [− …], les mots ajoutés sont soulignés et marqués [+ …].",
    removedMark: "supprimé",
    addedMark: "ajouté",
    contents: "Sommaire",
    document: "L’ensemble du document",
    noChange: "Aucune modification dans cette annexe.",
    changes: (n) => `${n} modification${n === 1 ? "" : "s"}`,
    layoutOnly: "Le texte est inchangé\u202f; seule sa division (paragraphes, lignes) a changé.",
    text: "Texte",
    link: (previous) => `Modifications depuis la version ${previous}`,
    historyLink: (version) => `Modifications de la version ${version}`,
    from: "avant",
    to: "maintenant",
  },
  field: {
    plain: {
      version: "Version",
      valid_from: "Date d’effet",
      title: "Titre du document",
      subtitle: "Sous-titre",
      lang: "Langue",
      "organisation.name": "Nom du sous-traitant",
      "organisation.address": "Adresse",
      "organisation.url": "Site web",
      preamble: "Préambule",
      measures_title: "Titre des mesures",
      numbering: "Numérotation",
      location_label: "Désignation des sites",
      combined_view: "Présentation de la version consolidée",
      "theme.logo": "Logo (theme.logo)",
      "theme.accent": "Couleur d’accent (theme.accent)",
      site_url: "Adresse publique des annexes (site_url)",
      "templates.page.text": "Texte du modèle de page (templates/page.html)",
      "templates.page.markup": "Structure du modèle de page (templates/page.html\u202f: éléments et attributs)",
      "templates.style": "Feuille de style (templates/style.css)",
    },
    of: (kind, name, part) => `${part} ${{ group: "du groupe", location: "du site", section: "de la section" }[kind]} «\u202f${name}\u202f»`,
    whole: (kind, name) => `${{ group: "Groupe", location: "Site", section: "Section" }[kind]} «\u202f${name}\u202f»`,
    order: (kind) => `Ordre des ${{ group: "groupes", location: "sites", section: "sections" }[kind]}`,
    history: (version) => `Entrée de l’historique pour la version ${version}`,
    annexesIn: (language) => `Annexes en ${languageName(language, "fr")}`,
    parts: {
      title: "Titre",
      intro: "Introduction",
      name: "Nom",
      operator: "Exploitant",
      url: "Adresse web",
      inherits: "Mesures reprises",
      description: "Description",
      certifications: "Certifications",
      group: "Groupe",
      heading: "Titre affiché",
      responsible: "Responsable",
    },
  },
};

const byLanguage: Record<string, ReportWords> = { de, en, fr };

/** The report's words for a BCP 47 language tag (de-CH → de); English for languages toms has no words for. */
export function reportWords(lang: string | undefined): ReportWords {
  return byLanguage[(lang ?? "").toLowerCase().split("-")[0] ?? ""] ?? en;
}

/** The names a field label needs: the title of a group or section, the name of a location, by id. */
export interface FieldNames {
  groups: ReadonlyMap<string, string>;
  locations: ReadonlyMap<string, string>;
  sections: ReadonlyMap<string, string>;
}

/**
 * How a reader names a changed field of the document ("groups.verfuegbarkeit.title" → "Titel der Gruppe
 * „Verfügbarkeit“"); the field path itself where toms has no better name.
 */
export function fieldLabel(field: string, w: ReportWords, names: FieldNames): string {
  const plain = w.field.plain[field];
  if (plain !== undefined) return plain;
  if (field === "groups" || field === "locations" || field === "sections") return w.field.order(kindOf[field]);
  // A language of the site as a whole: its annexes withdrawn (or added).
  const language = /^translations\.(.+)$/.exec(field)?.[1];
  if (language !== undefined) return w.field.annexesIn(language);
  const match =
    /^(groups|locations|sections|changes)\.(.+?)(?:\.(title|intro|name|operator|url|inherits|description|certifications|group|heading|responsible))?$/.exec(
      field,
    );
  if (!match) return field;
  const [, list, id, part] = match as unknown as [string, "groups" | "locations" | "sections" | "changes", string, string | undefined];
  if (list === "changes") return w.field.history(id);
  const name = names[list].get(id) ?? id;
  if (part === undefined) return w.field.whole(kindOf[list], name);
  return w.field.of(kindOf[list], name, w.field.parts[part] ?? part);
}

const kindOf = { groups: "group", locations: "location", sections: "section" } as const;

/** The names of the groups, locations and sections of the sites given (the last one's where several have one), for field labels. */
export function fieldNames(...sites: (Site | undefined)[]): FieldNames {
  const names: { groups: Map<string, string>; locations: Map<string, string>; sections: Map<string, string> } = {
    groups: new Map(),
    locations: new Map(),
    sections: new Map(),
  };
  for (const site of sites) {
    for (const g of site?.groups ?? []) {
      if (!g.implicit) names.groups.set(g.id, g.title);
      for (const s of g.sections) names.sections.set(s.id, s.title);
    }
    for (const l of site?.locations ?? []) names.locations.set(l.id, l.name);
  }
  return names;
}

/** A measure's place as compare-measures writes it ("(1) a) Zutritt, measure 2"), in the report's words. */
export function position(place: string, w: ReportWords): string {
  return place.replace(/, measure (\d+)$/, (_, n: string) => `, ${w.measureNumber(Number(n))}`);
}

/** A status or who carries a measure out in the annex's words ("geplant", "Betreiber des Standorts"); a reason, a date or controls as written. */
export function attributeValue(name: MeasureAttribute, value: string, t: Strings): string {
  if (name === "status") return t.status[value as keyof Strings["status"]] ?? value;
  if (name === "responsible") return t.responsible[value as keyof Strings["responsible"]] ?? value;
  return value;
}
