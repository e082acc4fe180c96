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
  versions: string;
  /** The label above the footnotes of a text. */
  footnotes: string;
  /** The accessible name of a footnote's link back to where it is referred to. */
  backToReference: (number: string) => string;
  /** The banner of a build from uncommitted content, and the mark in its PDFs' running header. */
  draft: string;
  /** The banner and PDF mark of the live preview (`toms dev`): a draft of the working tree, never published. */
  preview: string;
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
  versions: "Veröffentlichte Versionen",
  footnotes: "Fußnoten",
  backToReference: (n) => `Zurück zum Verweis ${n}`,
  draft: "Entwurf – nicht veröffentlicht",
  preview: "Vorschau – nicht veröffentlicht",
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
  versions: "Published versions",
  footnotes: "Footnotes",
  backToReference: (n) => `Back to reference ${n}`,
  draft: "Draft – not published",
  preview: "Preview – not published",
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
  versions: "Versions publiées",
  footnotes: "Notes",
  backToReference: (n) => `Retour à l’appel de note ${n}`,
  draft: "Brouillon – non publié",
  preview: "Aperçu – non publié",
};

const byLanguage: Record<string, Strings> = { de, en, fr };

/** The UI strings for a BCP 47 language tag (de-CH → de); English for languages toms has no words for. */
export function strings(lang: string): Strings {
  return byLanguage[lang.toLowerCase().split("-")[0] ?? ""] ?? en;
}

/** Formats an ISO date (YYYY-MM-DD) in the document's language, independent of the machine's time zone. */
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
  return format.format(date);
}

// Creating a DateTimeFormat costs far more than using one.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
