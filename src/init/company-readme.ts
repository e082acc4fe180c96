import type { InitLanguage } from "./checklist.js";

/** What the README of a new content repository names: the organisation and two example paths of its content. */
export interface ReadmeFacts {
  organisation: string;
  /** A control's section file, e.g. measures/2-confidentiality/physical-access-control.yaml. */
  sectionFile: string;
  /** The id of the first location, for the example of `locations`. */
  location: string;
  /** A single annex, no locations. */
  oneScope: boolean;
}

/** The README of a content repository made by `toms init`: how to edit, preview, review and publish the annex. */
export function companyReadme(lang: InitLanguage, facts: ReadmeFacts): string {
  return (lang === "de" ? de : en)(facts);
}

// Headings and commands in Markdown; the organisation's name only as a heading's text, where nothing in it can act.
const en = ({ organisation, sectionFile, location, oneScope }: ReadmeFacts) => `# ${organisation}: Annex 1 – Technical and organisational measures

This repository holds the annex on the technical and organisational measures (Article 32 GDPR) that
${organisation} attaches to its data processing agreements. It is written in \`measures/\` as YAML and Markdown
and built with toms into web pages and PDFs${oneScope ? "" : ": one annex per location and a combined one"}.

## Set-up

You need Node.js 20 or newer, git, and Chrome or Chromium for the PDFs (Debian/Ubuntu:
\`sudo apt-get install chromium\`). Then, in this folder:

\`\`\`sh
npm install
\`\`\`

This installs toms (no browser: toms uses the installed one; where there is none, \`npm run build\` says which
command gets one). Commit \`package.json\` and \`package-lock.json\`: the workflows install exactly what the lock
file names.

## Edit

- \`measures/site.yaml\`: the organisation (add its postal address: it is printed at the foot of every PDF page),
  the version and the date it is valid from, the numbered groups${oneScope ? "" : " and the locations"}.
- One file per control, e.g. \`${sectionFile}\`, with the measures taken there.
- \`measures/preamble.md\`: the preamble.

Every control starts with a **placeholder** (\`placeholder: true\`) that says what a real measure there describes
and which questions an auditor asks. Replace its text with what you actually do, and delete the line
\`placeholder: true\`. Until then \`npm run check\` warns about it, and the pages and PDFs mark it as
"Placeholder – not yet written".

${
  oneScope
    ? "The annex has one scope. For an annex per location (a data centre, a cloud region), list them under `locations` in site.yaml; a measure's `locations: [id]` then limits it to some."
    : `A measure without \`locations\` applies at every location; \`locations: [${location}]\` limits it to one.`
} A text
needed in several places is written once and reused with \`ref: ID\`. With the YAML extension of VS Code, every
file is checked and completed as you type (its first line names the schema). \`npx toms help\` lists the commands.

## Preview

\`\`\`sh
npm run check   # every problem, at its file and line, with what to do
npm run dev     # a preview in the browser that follows your edits
npm run build   # the site in dist/ (open dist/index.html): HTML and PDF annexes
\`\`\`

A build of changes that are not committed is a draft and says so on every page.

## Review

Change the annex in a branch and open a pull request. The workflow \`.github/workflows/pull-request.yml\` checks
the content (problems show on the changed lines), comments what changed in each location's annex, and attaches
the built HTML and PDF annexes.

Customers sign the data processing agreement against a version. When the text of an annex changes, raise
\`version\` in \`measures/site.yaml\`, set \`valid_from\` and add an entry to \`changes\`: the pull request fails
until you do, and its comment proposes the lines.

## Publish

Merging into \`main\` publishes: \`.github/workflows/pages.yml\` builds the annexes, deploys them on GitHub Pages,
and records the published version on the branch \`toms-published\`, so that a published version never changes.
Once, in the repository's settings: Settings → Pages → Source: "GitHub Actions". The index page lists every
published version with the SHA-256 of its PDFs.

## Update toms

Install the newer toms the way you installed this one (\`npm install --save-dev toms@latest\`, or the newer
package file), check and build, and commit \`package.json\` and \`package-lock.json\`.
`;

const de = ({ organisation, sectionFile, location, oneScope }: ReadmeFacts) => `# ${organisation}: Anlage 1 – Technische und organisatorische Schutzmaßnahmen

Dieses Repository enthält die Anlage über die technischen und organisatorischen Maßnahmen (Artikel 32 DS-GVO),
die ${organisation} ihren Verträgen zur Auftragsverarbeitung beifügt. Sie steht in \`measures/\` als YAML und
Markdown und wird mit toms zu Webseiten und PDFs${oneScope ? "" : ": eine Anlage je Standort und eine Gesamtfassung"}.

## Einrichten

Sie brauchen Node.js 20 oder neuer, git und für die PDFs Chrome oder Chromium (Debian/Ubuntu:
\`sudo apt-get install chromium\`). Dann in diesem Ordner:

\`\`\`sh
npm install
\`\`\`

Das installiert toms (keinen Browser: toms nimmt den installierten; fehlt er, nennt \`npm run build\` den Befehl,
der einen holt). Committen Sie \`package.json\` und \`package-lock.json\`: die Workflows installieren genau, was
die Lock-Datei nennt.

## Bearbeiten

- \`measures/site.yaml\`: die Organisation (ergänzen Sie die Postanschrift: sie steht am Fuß jeder PDF-Seite),
  Version und Gültigkeitsdatum, die nummerierten Gruppen${oneScope ? "" : " und die Standorte"}.
- Eine Datei je Kontrolle, z. B. \`${sectionFile}\`, mit den Maßnahmen dazu.
- \`measures/preamble.md\`: die Präambel.

Jede Kontrolle beginnt mit einem **Platzhalter** (\`placeholder: true\`), der sagt, was eine echte Maßnahme dort
beschreibt und welche Fragen ein Prüfer stellt. Ersetzen Sie seinen Text durch das, was Sie tatsächlich tun, und
löschen Sie die Zeile \`placeholder: true\`. Bis dahin warnt \`npm run check\`, und Seiten und PDFs kennzeichnen
ihn als „Platzhalter – noch nicht ausgefüllt“.

${
  oneScope
    ? "Die Anlage hat einen Geltungsbereich. Für eine Anlage je Standort (Rechenzentrum, Cloud-Region) die Standorte unter `locations` in site.yaml eintragen; `locations: [id]` an einer Maßnahme beschränkt sie dann."
    : `Eine Maßnahme ohne \`locations\` gilt an allen Standorten; \`locations: [${location}]\` beschränkt sie auf einen.`
}
Ein Text, der an mehreren Stellen gebraucht wird, steht einmal und wird mit \`ref: ID\` wiederverwendet. Mit der
YAML-Erweiterung von VS Code wird jede Datei beim Tippen geprüft und ergänzt (ihre erste Zeile nennt das Schema).
\`npx toms help\` listet die Befehle.

## Vorschau

\`\`\`sh
npm run check   # jedes Problem mit Datei und Zeile und was zu tun ist
npm run dev     # eine Vorschau im Browser, die Ihren Änderungen folgt
npm run build   # die Website in dist/ (dist/index.html öffnen): HTML- und PDF-Anlagen
\`\`\`

Ein Build aus nicht committeten Änderungen ist ein Entwurf und sagt das auf jeder Seite.

## Prüfen

Ändern Sie die Anlage in einem Branch und öffnen Sie einen Pull Request. Der Workflow
\`.github/workflows/pull-request.yml\` prüft den Inhalt (Probleme erscheinen an den geänderten Zeilen),
kommentiert, was sich in der Anlage jedes Standorts geändert hat, und hängt die gebauten HTML- und PDF-Anlagen an.

Kunden unterschreiben den Vertrag zur Auftragsverarbeitung mit einer Version. Ändert sich der Text einer Anlage,
erhöhen Sie \`version\` in \`measures/site.yaml\`, setzen \`valid_from\` und ergänzen einen Eintrag unter
\`changes\`: bis dahin schlägt der Pull Request fehl, und sein Kommentar schlägt die Zeilen vor.

## Veröffentlichen

Ein Merge in \`main\` veröffentlicht: \`.github/workflows/pages.yml\` baut die Anlagen, stellt sie auf GitHub
Pages bereit und hält die veröffentlichte Version im Branch \`toms-published\` fest, damit sich eine
veröffentlichte Version nie mehr ändert. Einmalig in den Einstellungen des Repositorys: Settings → Pages →
Source: „GitHub Actions“. Die Startseite listet jede veröffentlichte Version mit dem SHA-256 ihrer PDFs.

## toms aktualisieren

Installieren Sie das neuere toms so, wie Sie dieses installiert haben (\`npm install --save-dev toms@latest\` oder
die neuere Paketdatei), prüfen und bauen Sie, und committen Sie \`package.json\` und \`package-lock.json\`.
`;
