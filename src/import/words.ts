/** The languages whose placeholders the import writes in their own words; any other is written in English. */
export type DraftLanguage = "de" | "en" | "fr";

/** The placeholders of a draft, in its language: obviously unfinished, so nobody publishes them by mistake. */
export const placeholders: Record<
  DraftLanguage,
  { organisation: string; location: string; locationId: string; title: string; group: string; missing: string }
> = {
  de: {
    organisation: "Name des Unternehmens (bitte eintragen)",
    location: "Standort (bitte eintragen)",
    locationId: "standort",
    title: "Anlage 1 - Technische und organisatorische Schutzmaßnahmen",
    group: "Technische und organisatorische Maßnahmen",
    missing: "(Text fehlt – bitte ergänzen.)",
  },
  en: {
    organisation: "Company name (to be filled in)",
    location: "Location (to be filled in)",
    locationId: "location",
    title: "Annex 1 - Technical and organisational measures",
    group: "Technical and organisational measures",
    missing: "(Text missing – to be filled in.)",
  },
  fr: {
    organisation: "Nom de l'entreprise (à compléter)",
    location: "Site (à compléter)",
    locationId: "site",
    title: "Annexe 1 - Mesures techniques et organisationnelles",
    group: "Mesures techniques et organisationnelles",
    missing: "(Texte manquant – à compléter.)",
  },
};

// Frequent short words of each language: the one whose words a text uses most is its language.
const common: Record<DraftLanguage, string[]> = {
  de: ["der", "die", "das", "und", "nicht", "mit", "von", "zu", "ist", "werden", "wird", "für", "auf", "im"],
  en: ["the", "and", "of", "to", "is", "are", "with", "for", "on", "be", "by", "this"],
  fr: ["le", "la", "les", "et", "des", "est", "pour", "dans", "du", "une", "sont", "par"],
};

/** The language a text is most likely written in (de, en or fr; de when there is too little to tell). */
export function guessLanguage(text: string): DraftLanguage {
  const words = text.toLowerCase().split(/[^\p{L}]+/u);
  const counts = (Object.keys(common) as DraftLanguage[]).map((lang) => {
    const set = new Set(common[lang]);
    return [lang, words.filter((w) => set.has(w)).length] as const;
  });
  const [best, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return count >= 3 ? best : "de";
}
