/** The words of the page furniture (not the content) in one language. */
export interface Strings {
  /** A label followed by its colon, as the language writes it ("Version:", « Version : »). */
  label: (text: string) => string;
  savePdf: string;
  pageOf: (page: number, pages: number) => string;
  version: string;
  validFrom: string;
  location: string;
  locations: string;
  operator: string;
  combined: string;
  contents: string;
  changes: string;
  date: string;
  summary: string;
  appliesTo: string;
  nothingHere: (location: string) => string;
  annexes: string;
  pdf: string;
  /** A file's size as the language writes it ("173 kB", « 173 ko »): SI units, kilobytes below a megabyte. */
  fileSize: (bytes: number) => string;
  /** The accessible name of a PDF link that shows only "PDF (size)": which annex it is, as a PDF, and how big. */
  pdfOf: (name: string, size: string) => string;
  versions: string;
  /** The label above the footnotes of a text. */
  footnotes: string;
  /** The accessible name of a footnote's link back to where it is referred to. */
  backToReference: (number: string) => string;
  /** The banner of a build from uncommitted content, and the mark in its PDFs' running header. */
  draft: string;
  /** The name of the single annex of a site with one scope (no locations). */
  wholeAnnex: string;
  /** The combined annex's name where locations are called otherwise (location_label's plural). */
  combinedOf: (locations: string) => string;
  /** The line of a section with nothing of its own at a location, where locations are called otherwise. */
  nothingOwn: (location: string) => string;
  /** The status of a measure that is not (fully) in place, as its label. */
  status: Record<"implemented" | "partial" | "planned" | "not-implemented", string>;
  /** Who carries out a measure, when not the processor: the label's words. */
  responsible: Record<"processor" | "operator" | "customer", string>;
  /** The label of who carries out a measure. */
  responsibleLabel: string;
  /** The label of a measure that does not apply (followed by the reason). */
  notApplicable: string;
  /** The label of the locations a measure does not apply at, in the combined annex. */
  notApplicableAt: string;
  /** The line of a location's box naming the locations whose measures it takes over. */
  inherits: string;
  /** The matrix of the combined annex: the column of the measures, a cell where a measure applies, one where not. */
  matrix: { measure: string; applies: string; notApplicable: string; absent: string; caption: (section: string) => string };
  /** The label of a section's last review (show_reviewed). */
  lastReviewed: string;
  /** The coverage appendix: its heading, the source line's label, the columns, the cell of a control no measure covers. */
  coverage: { title: string; source: string; control: string; measures: string; none: string };
  /** The mark on a measure whose text is still a placeholder of toms init. */
  placeholder: string;
  /** The banner and PDF mark of the live preview (`toms dev`): a draft of the working tree, never published. */
  preview: string;
  /** A site in several languages: the name of the switch between them (its accessible name). */
  language: string;
  /** The names of the languages toms has words for, as this language calls them ("Englisch" in German). */
  languageNames: Record<string, string>;
}

const de: Strings = {
  label: (text) => `${text}:`,
  savePdf: "als PDF speichern",
  pageOf: (page, pages) => `Seite ${page} von ${pages}`,
  version: "Version",
  validFrom: "gültig ab",
  location: "Standort",
  locations: "Standorte",
  operator: "Betreiber",
  combined: "Gesamtfassung (alle Standorte)",
  contents: "Inhalt",
  changes: "Änderungshistorie",
  date: "Datum",
  summary: "Änderung",
  appliesTo: "Gilt für",
  nothingHere: (location) => `Für den Standort ${location} gilt in diesem Abschnitt keine standortspezifische Maßnahme.`,
  annexes: "Anlagen",
  pdf: "PDF",
  fileSize: (bytes) => fileSize(bytes, "de", "kB", "MB"),
  pdfOf: (name, size) => `${name} als PDF (${size})`,
  versions: "Veröffentlichte Versionen",
  footnotes: "Fußnoten",
  backToReference: (n) => `Zurück zum Verweis ${n}`,
  draft: "Entwurf – nicht veröffentlicht",
  wholeAnnex: "Anlage",
  combinedOf: (locations) => `Gesamtfassung (alle ${locations})`,
  nothingOwn: (location) => `Für ${location} gilt in diesem Abschnitt keine eigene Maßnahme.`,
  status: { implemented: "umgesetzt", partial: "teilweise umgesetzt", planned: "geplant", "not-implemented": "nicht umgesetzt" },
  responsible: { processor: "Auftragsverarbeiter", operator: "Betreiber des Standorts", customer: "Auftraggeber" },
  responsibleLabel: "Verantwortlich",
  notApplicable: "Nicht anwendbar",
  notApplicableAt: "Nicht anwendbar für",
  inherits: "Übernimmt die Maßnahmen von",
  matrix: { measure: "Maßnahme", applies: "✓", notApplicable: "n. a.", absent: "–", caption: (section) => `${section}: wo jede Maßnahme gilt` },
  lastReviewed: "Zuletzt überprüft",
  coverage: { title: "Abdeckung der Anforderungen", source: "Quelle", control: "Anforderung", measures: "Maßnahmen dieser Anlage", none: "keine Maßnahme" },
  placeholder: "Platzhalter – noch nicht ausgefüllt",
  preview: "Vorschau – nicht veröffentlicht",
  language: "Sprache",
  languageNames: { de: "Deutsch", en: "Englisch", fr: "Französisch" },
};

const en: Strings = {
  label: (text) => `${text}:`,
  savePdf: "Save as PDF",
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  version: "Version",
  validFrom: "valid from",
  location: "Location",
  locations: "Locations",
  operator: "Operator",
  combined: "Combined version (all locations)",
  contents: "Contents",
  changes: "Change history",
  date: "Date",
  summary: "Change",
  appliesTo: "Applies to",
  nothingHere: (location) => `No location-specific measure applies to ${location} in this section.`,
  annexes: "Annexes",
  pdf: "PDF",
  fileSize: (bytes) => fileSize(bytes, "en", "kB", "MB"),
  pdfOf: (name, size) => `${name} as PDF (${size})`,
  versions: "Published versions",
  footnotes: "Footnotes",
  backToReference: (n) => `Back to reference ${n}`,
  draft: "Draft – not published",
  wholeAnnex: "Annex",
  combinedOf: (locations) => `Combined version (all ${locations})`,
  nothingOwn: (location) => `No measure of its own applies to ${location} in this section.`,
  status: { implemented: "implemented", partial: "partly implemented", planned: "planned", "not-implemented": "not implemented" },
  responsible: { processor: "processor", operator: "operator of the location", customer: "customer" },
  responsibleLabel: "Responsible",
  notApplicable: "Not applicable",
  notApplicableAt: "Not applicable to",
  inherits: "Takes over the measures of",
  matrix: { measure: "Measure", applies: "✓", notApplicable: "n/a", absent: "–", caption: (section) => `${section}: where each measure applies` },
  lastReviewed: "Last reviewed",
  coverage: { title: "Coverage of requirements", source: "Source", control: "Requirement", measures: "Measures of this annex", none: "no measure" },
  placeholder: "Placeholder – not yet written",
  preview: "Preview – not published",
  language: "Language",
  languageNames: { de: "German", en: "English", fr: "French" },
};

const fr: Strings = {
  // French sets a (narrow) no-break space before a colon.
  label: (text) => `${text}\u202f:`,
  savePdf: "Enregistrer en PDF",
  pageOf: (page, pages) => `Page ${page} sur ${pages}`,
  version: "Version",
  validFrom: "Date d’effet",
  location: "Site",
  locations: "Sites",
  operator: "Exploitant",
  combined: "Version consolidée (tous les sites)",
  contents: "Sommaire",
  changes: "Historique des modifications",
  date: "Date",
  summary: "Modification",
  appliesTo: "S’applique à",
  nothingHere: (location) => `Aucune mesure propre au site ${location} ne s’applique dans cette section.`,
  annexes: "Annexes",
  pdf: "PDF",
  fileSize: (bytes) => fileSize(bytes, "fr", "ko", "Mo"),
  pdfOf: (name, size) => `${name} en PDF (${size})`,
  versions: "Versions publiées",
  footnotes: "Notes",
  backToReference: (n) => `Retour à l’appel de note ${n}`,
  draft: "Brouillon – non publié",
  wholeAnnex: "Annexe",
  combinedOf: (locations) => `Version consolidée (${locations} : tous)`,
  nothingOwn: (location) => `Aucune mesure propre à ${location} ne s’applique dans cette section.`,
  status: { implemented: "mise en œuvre", partial: "partiellement mise en œuvre", planned: "prévue", "not-implemented": "non mise en œuvre" },
  responsible: { processor: "sous-traitant", operator: "exploitant du site", customer: "client" },
  responsibleLabel: "Responsable",
  notApplicable: "Sans objet",
  notApplicableAt: "Sans objet pour",
  inherits: "Reprend les mesures de",
  matrix: { measure: "Mesure", applies: "✓", notApplicable: "s. o.", absent: "–", caption: (section) => `${section} : où chaque mesure s’applique` },
  lastReviewed: "Dernière révision",
  coverage: { title: "Couverture des exigences", source: "Source", control: "Exigence", measures: "Mesures de la présente annexe", none: "aucune mesure" },
  placeholder: "Espace réservé – pas encore rédigé",
  preview: "Aperçu – non publié",
  language: "Langue",
  languageNames: { de: "allemand", en: "anglais", fr: "français" },
};

const byLanguage: Record<string, Strings> = { de, en, fr };

/** The UI strings for a BCP 47 language tag (de-CH → de); English for languages toms has no words for. */
export function strings(lang: string): Strings {
  return byLanguage[lang.toLowerCase().split("-")[0] ?? ""] ?? en;
}

/**
 * The words of a site's pages: its language's, with "Standort"/"Location" replaced by the site's own word for a
 * location (location_label) where it has one; for a site with one scope, the single annex is the "Anlage".
 */
export function siteStrings(site: { lang: string; locations: readonly unknown[]; locationLabel?: { one: string; other: string } }): Strings {
  const t = strings(site.lang);
  const label = site.locationLabel;
  const named = label ? { ...t, location: label.one, locations: label.other, combined: t.combinedOf(label.other), nothingHere: t.nothingOwn } : t;
  return site.locations.length === 0 ? { ...named, combined: t.wholeAnnex } : named;
}

/**
 * The name of a language (a BCP 47 code) in another language, or in its own ("English" in English): from toms's own
 * words where it has them (de, en, fr, for those languages), else from the platform's (Intl), else the code itself.
 */
export function languageName(code: string, inLanguage: string): string {
  const words = byLanguage[inLanguage.toLowerCase().split("-")[0] ?? ""];
  const own = words?.languageNames[code.toLowerCase()];
  if (own) return own;
  try {
    return new Intl.DisplayNames([inLanguage, "en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The name of a language as a reader of it looks for it: in its own words, capitalised ("Français"). */
export function ownName(code: string): string {
  const name = languageName(code, code);
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/**
 * Formats an ISO date (YYYY-MM-DD) in the document's language, independent of the machine's time zone. French writes
 * the first day of a month as an ordinal, « 1er mars 2027 », which Intl does not (it gives « 1 mars 2027 »).
 */
export function formatDate(iso: string, lang: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(lang);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
    } catch {
      return iso;
    }
    dateFormats.set(lang, format);
  }
  if (date.getUTCDate() !== 1 || !/^fr(-|$)/i.test(format.resolvedOptions().locale)) return format.format(date);
  return format
    .formatToParts(date)
    .map((part) => (part.type === "day" && part.value === "1" ? "1er" : part.value))
    .join("");
}

// Creating a DateTimeFormat costs far more than using one.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A size in SI units with the language's decimal sign and a no-break space before the unit: whole kilobytes (at
 * least 1) below a megabyte, megabytes with one decimal above.
 */
function fileSize(bytes: number, lang: string, kilo: string, mega: string): string {
  if (bytes < 999_500) return `${Math.max(1, Math.round(bytes / 1000))}\u00a0${kilo}`;
  return `${new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1_000_000)}\u00a0${mega}`;
}
