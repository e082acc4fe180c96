// The order check of a printed annex (misorderedBlocks): the text of each block as one run of the PDF's text, a table
// row's cells by themselves in one stretch. The sixth review's forgeries: times traded within a paragraph, table cells
// traded between rows. Lines as LineReader gives them.
import { describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { pageBlocks, type TextBlock } from "../src/pdf/page-words.js";
import { foreignRunningWords, type Line, misorderedBlocks } from "../src/pdf/text-check.js";

const lines = (rows: string[][], running: number[] = []): Line[] => rows.map((words, i) => ({ words, running: running.includes(i) }));
const row = (...cells: string[]): TextBlock => ({ kind: "row", cells: cells.map((c) => c.split(" ")), head: [] });
const flow = (text: string): TextBlock => ({ kind: "flow", words: text.split(" ") });
const blocks = [
  row("Datenkategorie", "Aufbewahrungsfrist"),
  row("Protokolldaten", "7 Tage"),
  row("Backups", "90 Tage"),
  flow("Support ist Mo.–Fr. 08:00–18:00 Uhr erreichbar, Notfallbereitschaft Sa.–So. 10:00–14:00 Uhr."),
];
const table = [
  ["Datenkategorie", "Aufbewahrungsfrist"],
  ["Protokolldaten", "7", "Tage"],
  ["Backups", "90", "Tage"],
];

describe("the order check of a printed annex", () => {
  it("finds blocks moved elsewhere (the seventh review: two measures' texts traded between locations)", () => {
    const measures = [flow("Gilt für: Rechenzentrum Berlin"), flow("Zutritt mit Chip."), flow("Gilt für: AWS Frankfurt"), flow("Zutritt durch Wachpersonal.")];
    const printed = lines([
      ["Gilt", "für:", "Rechenzentrum", "Berlin"],
      ["Zutritt", "durch", "Wachpersonal."],
      ["Gilt", "für:", "AWS", "Frankfurt"],
      ["Zutritt", "mit", "Chip."],
    ]);
    expect(misorderedBlocks(measures, printed)).toEqual(["Zutritt mit Chip.", "Gilt für: AWS Frankfurt", "Zutritt durch Wachpersonal."]);
  });

  it("passes the text as printed: words broken at a line's end (with a break hyphen), a running header between pages", () => {
    const printed = lines(
      [
        ...table,
        ["Support", "ist", "Mo.–Fr.", "08:00–"],
        ["Anlage", "1", "Seite", "2"],
        ["18:00", "Uhr", "erreich-"],
        ["bar,", "Notfallbereitschaft", "Sa.–So.", "10:00–14:00", "Uhr."],
      ],
      [4],
    );
    expect(misorderedBlocks(blocks, printed)).toEqual([]);
  });

  it("passes a row whose cells' lines interleave, and a table head printed again inside a row (a page break), not a word of it", () => {
    const head = [[["Nr"], ["Maßnahme"]]];
    const wide: TextBlock[] = [
      { kind: "row", cells: [["Nr"], ["Maßnahme"]], head },
      { kind: "row", cells: [["1"], "Datensicherung und Wiederherstellung aller Systeme".split(" ")], head },
      { kind: "row", cells: [["2"], ["Protokolle"]], head },
    ];
    const printed = lines([
      ["Nr", "Maßnahme"],
      ["1", "Datensicherung", "und"],
      ["Wiederherstellung"],
      ["Nr", "Maßnahme"],
      ["aller", "Systeme"],
      ["2", "Protokolle"],
    ]);
    expect(misorderedBlocks(wide, printed)).toEqual([]);
    // But no word of the head alone, put into a row ("E-Mail nicht verschlüsselt" under a head "nicht zulässig").
    const policy: TextBlock[] = [
      { kind: "row", cells: [["Zulässig"], ["nicht", "zulässig"]], head: [[["Zulässig"], ["nicht", "zulässig"]]] },
      { kind: "row", cells: [["E-Mail", "verschlüsselt"], ["USB-Sticks"]], head: [[["Zulässig"], ["nicht", "zulässig"]]] },
    ];
    const forged = lines([
      ["Zulässig", "nicht", "zulässig"],
      ["E-Mail", "nicht", "verschlüsselt", "USB-Sticks"],
    ]);
    expect(misorderedBlocks(policy, forged)).toEqual(["E-Mail verschlüsselt USB-Sticks"]);
  });

  it("finds two times of a paragraph traded, every word still there", () => {
    const printed = lines([
      ...table,
      ["Support", "ist", "Mo.–Fr.", "10:00–14:00", "Uhr"],
      ["erreichbar,", "Notfallbereitschaft", "Sa.–So.", "08:00–18:00", "Uhr."],
    ]);
    expect(misorderedBlocks(blocks, printed)).toEqual(["Support ist Mo.–Fr. 08:00–18:00 Uhr erreichbar, Notfallbereitschaft Sa.–So."]);
  });

  it("finds table cells traded between rows, and within a row", () => {
    const printed = lines([
      ["Datenkategorie", "Aufbewahrungsfrist"],
      ["Protokolldaten", "90", "Tage"],
      ["Backups", "7", "Tage"],
      ["Support", "ist", "Mo.–Fr.", "08:00–18:00", "Uhr"],
      ["erreichbar,", "Notfallbereitschaft", "Sa.–So.", "10:00–14:00", "Uhr."],
    ]);
    expect(misorderedBlocks(blocks, printed)).toEqual(["Protokolldaten 7 Tage", "Backups 90 Tage"]);
    const within = [row("Festplattenverschlüsselung", "ja", "nein")];
    expect(misorderedBlocks(within, lines([["Festplattenverschlüsselung", "nein", "ja"]]))).toEqual(["Festplattenverschlüsselung ja nein"]);
  });

  it("finds a 'nicht' moved within a sentence", () => {
    const sentence = [flow("Daten werden nicht an Dritte weitergegeben, sondern nur intern verarbeitet.")];
    const printed = lines([["Daten", "werden", "an", "Dritte", "weitergegeben,", "sondern", "nicht", "nur", "intern", "verarbeitet."]]);
    expect(misorderedBlocks(sentence, printed)).toEqual(["Daten werden nicht an Dritte weitergegeben, sondern nur"]);
  });
});

describe("the running header and footer of a printed annex", () => {
  // The seventh review: text drawn outside the page's tagged content counts as running header or footer, which the
  // other checks leave out; a sentence added that way, or a changed version in the header, is found here.
  const allowed = new Set(["Anlage", "1", "Version", "2026.1", "gültig", "ab", "Beispiel", "GmbH", "Seite", "von"]);
  it("holds only what toms's templates write, page numbers, a title cut short and toms's own marks", () => {
    expect(
      foreignRunningWords(
        lines(
          [
            ["Anlage", "1", "Version", "2026.1"],
            ["Beispiel", "GmbH", "Seite", "3", "von", "12"],
            ["[+", "]"],
          ],
          [0, 1, 2],
        ),
        allowed,
      ),
    ).toEqual([]);
  });
  it("finds a sentence or a version added there", () => {
    const forged = lines(
      [
        ["Version", "2026.2"],
        ["Backups", "werden", "nicht", "verschlüsselt."],
      ],
      [0, 1],
    );
    expect(foreignRunningWords(forged, allowed)).toEqual(["2026.2", "Backups", "werden", "nicht", "verschlüsselt."]);
  });
});

describe("a table inside a table's cell (a measure's own table in the matrix view)", () => {
  it("may have its head printed again inside the outer row, where the table runs onto a new page (the eighth review)", () => {
    const page = fromHtml(
      "<table><thead><tr><th>Maßnahme</th><th>Berlin</th></tr></thead><tbody><tr><td><table><thead><tr><th>Nr</th><th>Frist</th></tr></thead><tbody><tr><td>1</td><td>3 Tage</td></tr><tr><td>2</td><td>6 Tage</td></tr></tbody></table></td><td>✓</td></tr></tbody></table>",
      { fragment: true },
    );
    const blocks = pageBlocks(page);
    const printed = lines([
      ["Maßnahme", "Berlin"],
      ["Nr", "Frist", "✓"],
      ["1", "3", "Tage"],
      ["Maßnahme", "Berlin"],
      ["Nr", "Frist"],
      ["2", "6", "Tage"],
    ]);
    expect(misorderedBlocks(blocks, printed)).toEqual([]);
  });
});
