// The order check of a printed annex (misorderedBlocks): the text of each block as one run of the PDF's text, a table
// row's cells by themselves in one stretch. The sixth review's forgeries: times traded within a paragraph, table cells
// traded between rows. Lines as LineReader gives them.
import { describe, expect, it } from "vitest";
import type { TextBlock } from "../src/pdf/page-words.js";
import { type Line, misorderedBlocks } from "../src/pdf/text-check.js";

const lines = (rows: string[][], running: number[] = []): Line[] => rows.map((words, i) => ({ words, running: running.includes(i) }));
const row = (...cells: string[]): TextBlock => ({ kind: "row", cells: cells.map((c) => c.split(" ")) });
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

  it("passes a row whose cells' lines interleave, and a table head printed again inside the next page's first row", () => {
    const wide = [row("Nr", "Datensicherung und Wiederherstellung aller Systeme"), row("2", "Protokolle")];
    const printed = lines([["Nr", "Datensicherung", "und"], ["Wiederherstellung"], ["aller", "Systeme"], ["Nr", "Datensicherung"], ["2", "Protokolle"]]);
    expect(misorderedBlocks(wide, printed, new Set(["Nr", "Datensicherung"]))).toEqual([]);
  });

  it("finds two times of a paragraph traded, every word still there", () => {
    const printed = lines([
      ...table,
      ["Support", "ist", "Mo.–Fr.", "10:00–14:00", "Uhr"],
      ["erreichbar,", "Notfallbereitschaft", "Sa.–So.", "08:00–18:00", "Uhr."],
    ]);
    expect(misorderedBlocks(blocks, printed)).toEqual(["Support ist Mo.–Fr. 08:00–18:00 Uhr erreichbar, Notfallbereitschaft Sa.–So."]);
  });

  it("finds table cells traded between rows", () => {
    const printed = lines([
      ["Datenkategorie", "Aufbewahrungsfrist"],
      ["Protokolldaten", "90", "Tage"],
      ["Backups", "7", "Tage"],
      ["Support", "ist", "Mo.–Fr.", "08:00–18:00", "Uhr"],
      ["erreichbar,", "Notfallbereitschaft", "Sa.–So.", "10:00–14:00", "Uhr."],
    ]);
    expect(misorderedBlocks(blocks, printed)).toEqual(["Protokolldaten 7 Tage", "Backups 90 Tage"]);
  });

  it("finds a 'nicht' moved within a sentence", () => {
    const sentence = [flow("Daten werden nicht an Dritte weitergegeben, sondern nur intern verarbeitet.")];
    const printed = lines([["Daten", "werden", "an", "Dritte", "weitergegeben,", "sondern", "nicht", "nur", "intern", "verarbeitet."]]);
    expect(misorderedBlocks(sentence, printed)).toEqual(["Daten werden nicht an Dritte weitergegeben, sondern nur"]);
  });
});
