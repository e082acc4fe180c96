// The usual checklist of an Art. 32 annex, as `toms init` starts a company's content from it: the four points of
// Art. 32(1) GDPR as numbered groups, the classic controls under them as sections, and one placeholder per control
// that says in one sentence what a real measure there describes, followed by the questions an auditor asks. Written
// for toms, in German and English; no text is taken from another checklist.

/** A language `toms init` writes content in. */
export type InitLanguage = "de" | "en";

/** The languages `toms init` knows, in the order its help lists them. */
export const initLanguages: readonly InitLanguage[] = ["de", "en"];

/** One control: a section file with a placeholder measure (Zutrittskontrolle: one per location). */
export interface Control {
  /** Section id, file name and (where not per location) the placeholder measure's id. */
  id: string;
  title: string;
  /** What a real measure here describes, then the auditor's questions. */
  placeholder: string;
  /** Physical access differs per location: one placeholder for each, titled with the location's name. */
  perLocation?: { measurePrefix: string };
  /** The control of the built-in catalogue art32 the section covers (its `covers`). */
  covers: string;
}

/** A numbered group of the annex: one point of Art. 32(1) GDPR. */
export interface ChecklistGroup {
  id: string;
  title: string;
  /** Which point of Art. 32(1) it is, shown as the group's introduction. */
  intro: string;
  controls: Control[];
}

/** Everything of the content that depends on the language. */
export interface Checklist {
  title: string;
  subtitle: string;
  measuresTitle: string;
  /** The preamble file's Markdown: true for every processor (the organisation is named in the letterhead). */
  preamble: string;
  /** The summary of the first entry of the change history. */
  firstChange: string;
  groups: ChecklistGroup[];
}

const de: Checklist = {
  title: "Anlage 1 – Technische und organisatorische Schutzmaßnahmen",
  subtitle: "Sicherheit der Verarbeitung gemäß Artikel 32 DS-GVO",
  measuresTitle: "Getroffene technische und organisatorische Maßnahmen",
  preamble: `# Präambel

Diese Anlage beschreibt die technischen und organisatorischen Maßnahmen, die der Auftragsverarbeiter nach Artikel 32 DS-GVO trifft, um bei der Verarbeitung personenbezogener Daten im Auftrag ein dem Risiko angemessenes Schutzniveau zu gewährleisten. Sie ist Bestandteil des Vertrags zur Auftragsverarbeitung.

Die Maßnahmen sind nach den Zielen des Artikels 32 Absatz 1 DS-GVO gegliedert. Gilt eine Maßnahme nur an einzelnen der in dieser Anlage genannten Standorte, ist das angegeben; die Anlage für einen Standort enthält nur die Maßnahmen, die dort gelten.
`,
  firstChange: "Erste Fassung.",
  groups: [
    {
      id: "pseudonymisierung-verschluesselung",
      title: "Pseudonymisierung und Verschlüsselung",
      intro: "Artikel 32 Absatz 1 Buchstabe a DS-GVO.",
      controls: [
        {
          id: "pseudonymisierung",
          covers: "pseudonymisation-encryption",
          title: "Pseudonymisierung",
          placeholder:
            "Beschreiben Sie hier, wo personenbezogene Daten unter einem Pseudonym statt unter dem Namen verarbeitet werden und wie die Zuordnung zur Person getrennt davon aufbewahrt wird. Welche Daten werden pseudonymisiert oder anonymisiert, und in welchem Schritt? Wer kann eine Person wieder zuordnen, und wie ist dieser Zugriff geregelt? Werden Daten für Tests, Auswertungen oder den Support anonymisiert?",
        },
        {
          id: "verschluesselung",
          covers: "pseudonymisation-encryption",
          title: "Verschlüsselung",
          placeholder:
            "Beschreiben Sie hier, wie personenbezogene Daten bei der Übertragung und bei der Speicherung verschlüsselt werden. Welche Protokolle und Versionen schützen die Verbindungen, und wo bleibt Verkehr unverschlüsselt? Sind Datenträger, Datenbanken und Sicherungen verschlüsselt, und womit? Wer verwaltet die Schlüssel, wo liegen sie, und wie werden sie gewechselt?",
        },
      ],
    },
    {
      id: "vertraulichkeit",
      title: "Maßnahmen zur Sicherstellung der Vertraulichkeit",
      intro: "Artikel 32 Absatz 1 Buchstabe b DS-GVO: Vertraulichkeit der Systeme und Dienste auf Dauer.",
      controls: [
        {
          id: "zutrittskontrolle",
          covers: "confidentiality",
          title: "Zutrittskontrolle",
          perLocation: { measurePrefix: "zutritt" },
          placeholder:
            "Beschreiben Sie hier, wie Unbefugte von den Räumen ferngehalten werden, in denen an diesem Standort personenbezogene Daten verarbeitet werden; bei einem gemieteten Rechenzentrum, was dessen Betreiber tut und welche Zertifizierungen das belegen. Wer darf hinein, und wie werden Berechtigungen vergeben, entzogen und protokolliert? Werden Besucher registriert und begleitet? Welche Alarm- und Videoanlagen gibt es?",
        },
        {
          id: "zugangskontrolle",
          covers: "confidentiality",
          title: "Zugangskontrolle",
          placeholder:
            "Beschreiben Sie hier, wie verhindert wird, dass Unbefugte die Systeme nutzen, die personenbezogene Daten verarbeiten. Wie melden sich Benutzer an (Passwortregeln, Mehr-Faktor-Authentifizierung, Single Sign-on)? Wie werden Konten angelegt, überprüft und beim Ausscheiden gelöscht? Sperren sich Bildschirme selbst, und werden Fehlversuche begrenzt und protokolliert?",
        },
        {
          id: "zugriffskontrolle",
          covers: "confidentiality",
          title: "Zugriffskontrolle",
          placeholder:
            "Beschreiben Sie hier, wie Berechtigte nur die personenbezogenen Daten erreichen, die ihre Aufgabe erfordert. Gibt es ein Rollen- und Berechtigungskonzept, und wer genehmigt und überprüft Berechtigungen? Sind Administratorrechte beschränkt und protokolliert? Wie werden Datenträger und Ausdrucke entsorgt?",
        },
        {
          id: "trennungskontrolle",
          covers: "confidentiality",
          title: "Trennungskontrolle",
          placeholder:
            "Beschreiben Sie hier, wie personenbezogene Daten, die für verschiedene Zwecke oder Auftraggeber erhoben wurden, getrennt verarbeitet werden. Sind die Daten der Auftraggeber nach Mandant, Datenbank oder System getrennt? Sind Entwicklung, Test und Produktion getrennt, und gelangen Produktionsdaten in Tests?",
        },
      ],
    },
    {
      id: "integritaet",
      title: "Maßnahmen zur Sicherstellung der Integrität",
      intro: "Artikel 32 Absatz 1 Buchstabe b DS-GVO: Integrität der Systeme und Dienste auf Dauer.",
      controls: [
        {
          id: "weitergabekontrolle",
          covers: "integrity",
          title: "Weitergabekontrolle",
          placeholder:
            "Beschreiben Sie hier, wie personenbezogene Daten bei der Übermittlung und beim Transport geschützt werden und wie feststellbar ist, wohin sie gehen. Über welche Wege gehen Daten an Auftraggeber, Unterauftragnehmer und Behörden, und wie sind diese gesichert? Wie werden Datenträger transportiert oder vernichtet? Werden Übermittlungen protokolliert?",
        },
        {
          id: "eingabekontrolle",
          covers: "integrity",
          title: "Eingabekontrolle",
          placeholder:
            "Beschreiben Sie hier, wie sich nachträglich feststellen lässt, wer welche personenbezogenen Daten wann eingegeben, geändert oder gelöscht hat. Welche Systeme führen solche Protokolle, was halten sie fest, wie lange werden sie aufbewahrt, und wer darf sie lesen? Sind die Protokolle gegen Änderungen geschützt?",
        },
      ],
    },
    {
      id: "verfuegbarkeit-belastbarkeit",
      title: "Maßnahmen zur Sicherstellung der Verfügbarkeit und Belastbarkeit",
      intro: "Artikel 32 Absatz 1 Buchstabe b DS-GVO: Verfügbarkeit und Belastbarkeit der Systeme und Dienste auf Dauer.",
      controls: [
        {
          id: "verfuegbarkeitskontrolle",
          covers: "availability",
          title: "Verfügbarkeitskontrolle",
          placeholder:
            "Beschreiben Sie hier, wie personenbezogene Daten gegen zufällige Zerstörung oder Verlust geschützt werden. Wie oft werden Sicherungen erstellt, wo werden sie aufbewahrt, und sind sie von den gesicherten Systemen getrennt? Gibt es Schutz gegen Stromausfall, Feuer, Wasser und Schadsoftware? Wird die Verfügbarkeit überwacht?",
        },
        {
          id: "belastbarkeit",
          covers: "resilience",
          title: "Belastbarkeit",
          placeholder:
            "Beschreiben Sie hier, wie die Systeme unter Last, bei Angriffen und beim Ausfall einzelner Teile weiterarbeiten. Sind die Systeme redundant und auf Brandabschnitte oder Standorte verteilt? Wie wird die Kapazität geplant und Überlast verhindert, etwa durch Überlastungsangriffe (DDoS)?",
        },
      ],
    },
    {
      id: "wiederherstellung",
      title: "Maßnahmen zur raschen Wiederherstellung der Verfügbarkeit",
      intro: "Artikel 32 Absatz 1 Buchstabe c DS-GVO.",
      controls: [
        {
          id: "wiederherstellbarkeit",
          covers: "restore",
          title: "Wiederherstellbarkeit",
          placeholder:
            "Beschreiben Sie hier, wie die Verfügbarkeit der personenbezogenen Daten und der Zugang zu ihnen nach einem physischen oder technischen Zwischenfall rasch wiederhergestellt werden. Gibt es einen dokumentierten Wiederanlaufplan mit Zielen für Wiederherstellungszeit und Datenverlust? Wie oft wird das Wiederherstellen aus Sicherungen geprüft, und mit welchem Ergebnis?",
        },
      ],
    },
    {
      id: "ueberpruefung",
      title: "Verfahren zur regelmäßigen Überprüfung, Bewertung und Evaluierung",
      intro: "Artikel 32 Absatz 1 Buchstabe d DS-GVO: Wirksamkeit der technischen und organisatorischen Maßnahmen.",
      controls: [
        {
          id: "datenschutz-management",
          covers: "evaluation",
          title: "Datenschutz-Management",
          placeholder:
            "Beschreiben Sie hier, wie die Wirksamkeit dieser Maßnahmen regelmäßig überprüft, bewertet und verbessert wird. Wer ist für Datenschutz und Informationssicherheit verantwortlich, und ist ein Datenschutzbeauftragter benannt? Wie oft werden die Maßnahmen überprüft oder auditiert, und werden die Beschäftigten geschult und auf Vertraulichkeit verpflichtet?",
        },
        {
          id: "incident-response-management",
          covers: "evaluation",
          title: "Incident-Response-Management",
          placeholder:
            "Beschreiben Sie hier, wie Sicherheitsvorfälle und Verletzungen des Schutzes personenbezogener Daten erkannt, behandelt und gemeldet werden. Wer wird informiert, und wie schnell erfahren die Auftraggeber davon, damit sie die Frist von 72 Stunden nach Artikel 33 DS-GVO einhalten können? Werden Vorfälle dokumentiert und ausgewertet?",
        },
        {
          id: "datenschutzfreundliche-voreinstellungen",
          covers: "evaluation",
          title: "Datenschutzfreundliche Voreinstellungen",
          placeholder:
            "Beschreiben Sie hier, wie Systeme so voreingestellt sind, dass nur die personenbezogenen Daten verarbeitet werden, die der jeweilige Zweck erfordert (Artikel 25 Absatz 2 DS-GVO). Sind freiwillige Angaben und Auswertungen standardmäßig ausgeschaltet? Wie werden Daten gelöscht, sobald sie nicht mehr gebraucht werden?",
        },
        {
          id: "auftragskontrolle",
          covers: "evaluation",
          title: "Auftragskontrolle",
          placeholder:
            "Beschreiben Sie hier, wie sichergestellt wird, dass personenbezogene Daten, die im Auftrag verarbeitet werden, nur nach den Weisungen des Auftraggebers verarbeitet werden, auch bei Unterauftragnehmern. Werden Weisungen dokumentiert? Wie werden Unterauftragnehmer ausgewählt, vertraglich gebunden und überprüft? Sind die Beschäftigten an die Weisungen gebunden?",
        },
      ],
    },
  ],
};

const en: Checklist = {
  title: "Annex 1 – Technical and organisational measures",
  subtitle: "Security of processing under Article 32 GDPR",
  measuresTitle: "Technical and organisational measures taken",
  preamble: `# Preamble

This annex describes the technical and organisational measures that the processor takes under Article 32 GDPR to ensure a level of security appropriate to the risk when it processes personal data on behalf of the controller. It forms part of the data processing agreement.

The measures are grouped by the objectives of Article 32(1) GDPR. Where a measure applies only at some of the locations named in this annex, this is stated; the annex for one location holds only the measures that apply there.
`,
  firstChange: "First version.",
  groups: [
    {
      id: "pseudonymisation-encryption",
      title: "Pseudonymisation and encryption",
      intro: "Article 32(1)(a) GDPR.",
      controls: [
        {
          id: "pseudonymisation",
          covers: "pseudonymisation-encryption",
          title: "Pseudonymisation",
          placeholder:
            "Describe here where personal data is processed under a pseudonym instead of a name, and how the link back to the person is kept apart from it. Which data is pseudonymised or anonymised, and at which step? Who can re-identify a person, and how is that access controlled? Is data anonymised for tests, analyses or support?",
        },
        {
          id: "encryption",
          covers: "pseudonymisation-encryption",
          title: "Encryption",
          placeholder:
            "Describe here how personal data is encrypted in transit and at rest. Which protocols and versions protect the connections, and where does traffic stay unencrypted? Are disks, databases and backups encrypted, and how? Who manages the keys, where are they kept, and how are they rotated?",
        },
      ],
    },
    {
      id: "confidentiality",
      title: "Measures to ensure confidentiality",
      intro: "Article 32(1)(b) GDPR: the ongoing confidentiality of processing systems and services.",
      controls: [
        {
          id: "physical-access-control",
          covers: "confidentiality",
          title: "Physical access control",
          perLocation: { measurePrefix: "physical-access" },
          placeholder:
            "Describe here how unauthorised persons are kept out of the premises where personal data is processed at this location; for a data centre you rent, what its operator does and which certifications show it. Who may enter, and how is access granted, withdrawn and logged? Are visitors registered and accompanied? Which alarm and video systems are there?",
        },
        {
          id: "system-access-control",
          covers: "confidentiality",
          title: "System access control",
          placeholder:
            "Describe here how unauthorised persons are prevented from using the systems that process personal data. How do users log in (password rules, multi-factor authentication, single sign-on)? How are accounts created, reviewed and removed when someone leaves? Do screens lock themselves, and are failed logins limited and logged?",
        },
        {
          id: "data-access-control",
          covers: "confidentiality",
          title: "Data access control",
          placeholder:
            "Describe here how authorised users reach only the personal data their task requires. Is there a concept of roles and permissions, and who approves and reviews permissions? Are administrator rights limited and logged? How are data carriers and printouts disposed of?",
        },
        {
          id: "separation-control",
          covers: "confidentiality",
          title: "Separation control",
          placeholder:
            "Describe here how personal data collected for different purposes or controllers is processed separately. Are the controllers' data separated by tenant, database or system? Are development, test and production kept apart, and does production data reach tests?",
        },
      ],
    },
    {
      id: "integrity",
      title: "Measures to ensure integrity",
      intro: "Article 32(1)(b) GDPR: the ongoing integrity of processing systems and services.",
      controls: [
        {
          id: "transfer-control",
          covers: "integrity",
          title: "Transfer control",
          placeholder:
            "Describe here how personal data is protected when it is transmitted or transported, and how it can be established where it goes. Which channels carry data to controllers, subprocessors and authorities, and how are they secured? How are data carriers transported or destroyed? Are transfers logged?",
        },
        {
          id: "input-control",
          covers: "integrity",
          title: "Input control",
          placeholder:
            "Describe here how it can be established afterwards who entered, changed or deleted which personal data, and when. Which systems keep such logs, what do they record, how long are they kept, and who may read them? Are the logs protected against changes?",
        },
      ],
    },
    {
      id: "availability-resilience",
      title: "Measures to ensure availability and resilience",
      intro: "Article 32(1)(b) GDPR: the ongoing availability and resilience of processing systems and services.",
      controls: [
        {
          id: "availability-control",
          covers: "availability",
          title: "Availability control",
          placeholder:
            "Describe here how personal data is protected against accidental destruction or loss. How often are backups made, where are they kept, and are they separated from the systems they protect? Is there protection against power failure, fire, water and malware? Is availability monitored?",
        },
        {
          id: "resilience",
          covers: "resilience",
          title: "Resilience",
          placeholder:
            "Describe here how the systems keep working under load, under attack and when single parts fail. Are the systems redundant and spread over fire compartments or sites? How is capacity planned and overload prevented, for example by denial-of-service attacks?",
        },
      ],
    },
    {
      id: "restore",
      title: "Measures to restore availability in a timely manner",
      intro: "Article 32(1)(c) GDPR.",
      controls: [
        {
          id: "recoverability",
          covers: "restore",
          title: "Recoverability",
          placeholder:
            "Describe here how the availability of and access to personal data are restored in a timely manner after a physical or technical incident. Is there a documented recovery plan with targets for recovery time and data loss? How often are restores from backups tested, and with what result?",
        },
      ],
    },
    {
      id: "review",
      title: "Process for regularly testing, assessing and evaluating",
      intro: "Article 32(1)(d) GDPR: the effectiveness of the technical and organisational measures.",
      controls: [
        {
          id: "data-protection-management",
          covers: "evaluation",
          title: "Data protection management",
          placeholder:
            "Describe here how the effectiveness of these measures is regularly tested, assessed and improved. Who is responsible for data protection and information security, and is a data protection officer appointed? How often are the measures reviewed or audited, and are employees trained and bound to confidentiality?",
        },
        {
          id: "incident-response",
          covers: "evaluation",
          title: "Incident response management",
          placeholder:
            "Describe here how security incidents and personal data breaches are detected, handled and reported. Who is informed, and how soon do controllers learn of a breach, so that they can meet the 72 hours of Article 33 GDPR? Are incidents documented and evaluated?",
        },
        {
          id: "data-protection-by-default",
          covers: "evaluation",
          title: "Data protection by default",
          placeholder:
            "Describe here how systems are set by default to process only the personal data each purpose requires (Article 25(2) GDPR). Are optional details and analytics switched off by default? How is data deleted once it is no longer needed?",
        },
        {
          id: "processor-control",
          covers: "evaluation",
          title: "Control of processing on instructions",
          placeholder:
            "Describe here how it is ensured that personal data processed on behalf of a controller is processed only on the controller's instructions, by subprocessors too. Are instructions documented? How are subprocessors chosen, bound by contract and checked? Are employees bound to the instructions?",
        },
      ],
    },
  ],
};

/** The checklist in a language. */
export function checklist(lang: InitLanguage): Checklist {
  return lang === "de" ? de : en;
}
