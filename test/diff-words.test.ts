import { describe, expect, test } from "vitest";
import { renderedProse } from "../src/diff/rendering.js";
import { diffSequences } from "../src/diff/sequence.js";
import { shownParagraphs } from "../src/diff/shown.js";
import { escapeToken, excerptOfRuns, markdownOfProse, markdownOfRuns, wordDiff } from "../src/diff/word-diff.js";

const words = (before: string, after: string) => markdownOfRuns(wordDiff(before, after));

describe("word diff as Markdown", () => {
  const cases: { description: string; before: string; after: string; expected: string[] }[] = [
    {
      description: "a replaced word",
      before: "Die Daten werden täglich gesichert.",
      after: "Die Daten werden stündlich gesichert.",
      expected: ["Die Daten werden ~~täglich~~ **stündlich** gesichert."],
    },
    {
      description: "inserted words",
      before: "Türen sind verschlossen.",
      after: "Türen sind nachts immer verschlossen.",
      expected: ["Türen sind **nachts immer** verschlossen."],
    },
    {
      description: "a deleted word at the end",
      before: "Zutritt mit Chip und PIN.",
      after: "Zutritt mit Chip.",
      expected: ["Zutritt mit ~~Chip und PIN.~~ **Chip.**"],
    },
    {
      description: "the author's Markdown is shown literally, links as code",
      before: "Die **Backup-Jobs** laufen, siehe <https://example.org/a_b>.",
      after: "Die **Backup-Jobs** laufen stündlich, siehe <https://example.org/a_b>.",
      expected: ["Die \\*\\*Backup-Jobs\\*\\* ~~laufen,~~ **laufen stündlich,** siehe `<https://example.org/a_b>.`"],
    },
    {
      description: "only changed paragraphs are shown, the others as an ellipsis",
      before: "Erster Absatz.\n\nZweiter Absatz.\n\nDritter Absatz.\n",
      after: "Erster Absatz.\n\nZweiter, neuer Absatz.\n\nDritter Absatz.\n",
      expected: ["…", "", "~~Zweiter~~ **Zweiter, neuer** Absatz.", "", "…"],
    },
    {
      description: "markers never span a line break; lines of a paragraph keep a hard break",
      before: "- eins\n- zwei\n",
      after: "- drei\n- vier\n",
      expected: ["\\- ~~eins~~ **drei**\\", "\\- ~~zwei~~ **vier**"],
    },
    { description: "spacing only", before: "a  b", after: "a b", expected: ["a b"] },
    { description: "a removed word between kept ones", before: "a b c", after: "a c", expected: ["a ~~b~~ c"] },
    { description: "a removed paragraph break", before: "Eins.\n\nZwei.", after: "Eins. Zwei.", expected: ["Eins. Zwei."] },
  ];
  test.each(cases)("$description", ({ before, after, expected }) => {
    expect(words(before, after)).toEqual(expected);
  });

  test("indentation cannot turn a line into a code block", () => {
    expect(markdownOfProse("Liste:\n\n    eingerückt\n")).toEqual(["Liste:", "", "&nbsp;&nbsp;&nbsp;&nbsp;eingerückt"]);
  });

  test("escaping keeps numbers and dashes inside words", () => {
    expect(["2026.1", "1.", "7:00", "-", "---", "Zwei-Faktor", "a|b", "#"].map(escapeToken)).toEqual([
      "2026.1",
      "1\\.",
      "7:00",
      "\\-",
      "\\---",
      "Zwei-Faktor",
      "a\\|b",
      "\\#",
    ]);
  });

  // What GitHub makes of a comment besides Markdown: a dollar sign starts mathematics, @name notifies a person,
  // #1 and GH-1 link an issue, :name: is an emoji. A text of the annex is shown as written instead.
  test("dollars, mentions, issue numbers and emoji codes are shown as written, not acted on", () => {
    expect(["$5", "$x$", "@admin", "(@team)", "#1", "GH-12", ":smile:", "name@example.org", "7:00:"].map(escapeToken)).toEqual([
      "\\$5",
      "\\$x\\$",
      "@&#8203;admin",
      "(@&#8203;team)",
      "#&#8203;1",
      "GH-&#8203;12",
      ":&#8203;smile:",
      "name@&#8203;example.org",
      // Harmless where it is no emoji: ":100:" is one.
      "7:&#8203;00:",
    ]);
  });
});

describe("the changed sentences of a paragraph, with their context", () => {
  const excerpt = (before: string, after: string) => excerptOfRuns(wordDiff(before, after));
  const paragraph =
    "Der Zutritt zum Rechenzentrum ist nur mit Ausweis erlaubt. Besucher werden z. B. vom Empfang begleitet. Die Türen sind nachts verschlossen. Art. 32 DSGVO gilt.";

  test("only the sentence with the change, whole; the others as …", () => {
    expect(excerpt(paragraph, paragraph.replace("vom Empfang", "von der Sicherheit"))).toEqual([
      "… Besucher werden z. B. ~~vom Empfang~~ **von der Sicherheit** begleitet. …",
    ]);
  });

  test("two changed sentences, one unchanged between them", () => {
    expect(excerpt(paragraph, paragraph.replace("Ausweis", "Dienstausweis").replace("nachts", "immer"))).toEqual([
      "Der Zutritt zum Rechenzentrum ist nur mit ~~Ausweis~~ **Dienstausweis** erlaubt. … Die Türen sind ~~nachts~~ **immer** verschlossen. …",
    ]);
  });

  test("a long sentence is cut to the words around its change", () => {
    const long = `Vorne ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ")} hinten.`;
    expect(excerpt(long, long.replace("w20", "NEU"))).toEqual([
      "… w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 ~~w20~~ **NEU** w21 w22 w23 w24 w25 w26 w27 w28 w29 w30 w31 w32 w33 w34 w35 …",
    ]);
  });

  test("list items are lines of their own; unchanged paragraphs fold to …", () => {
    expect(excerpt("Einleitung.\n\n- eins\n- zwei\n- drei\n", "Einleitung.\n\n- eins\n- ZWEI\n- drei\n")).toEqual([
      "…",
      "",
      "…\\",
      "\\- ~~zwei~~ **ZWEI**\\",
      "…",
    ]);
  });
});

describe("sequence diff", () => {
  test("longest common subsequence, removals before additions", () => {
    expect(diffSequences(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"])).toEqual([
      { type: "equal", items: ["a"] },
      { type: "removed", items: ["b"] },
      { type: "added", items: ["x"] },
      { type: "equal", items: ["c", "d"] },
      { type: "added", items: ["e"] },
    ]);
  });

  test("a long measure with two edits far apart shows exactly the changed words", () => {
    // 4,000 words: the old table (capped at 4 M cells) gave up here and showed the whole text as replaced.
    const base = Array.from({ length: 4000 }, (_, i) => `wort${i}`);
    const edited = [...base];
    edited.splice(500, 2, "neu", "eins");
    edited.splice(3500, 2, "neu", "zwei");
    const runs = wordDiff(base.join(" "), edited.join(" "));
    const changed = runs.filter((r) => r.type !== "equal").map((r) => `${r.type} ${r.items.join("")}`);
    // The space between two replaced words is kept, as in short texts.
    expect(changed).toEqual([
      "removed wort500",
      "added neu",
      "removed wort501",
      "added eins",
      "removed wort3500",
      "added neu",
      "removed wort3501",
      "added zwei",
    ]);
    const shown = markdownOfRuns(runs).join("\n");
    expect(shown).toContain("wort499 ~~wort500~~ **neu** ~~wort501~~ **eins** wort502");
    expect(shown.match(/~~[^~]+~~|\*\*[^*]+\*\*/g)).toHaveLength(8);
  });

  test("two unrelated long texts are shown as replaced whole, not diffed without bound", () => {
    const before = Array.from({ length: 4000 }, (_, i) => `alt${i}`).join(" ");
    const after = Array.from({ length: 4000 }, (_, i) => `neu${i}`).join(" ");
    expect(wordDiff(`Anfang ${before} Ende`, `Anfang ${after} Ende`).map((r) => `${r.type} ${r.items.length}`)).toEqual([
      "equal 2",
      "removed 7999",
      "added 7999",
      "equal 2",
    ]);
  });

  test("beyond the table size the middle is replaced whole instead of taking quadratic time", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? `a${i}` : `b${i}`));
    const runs = diffSequences(["same", ...a, "end"], ["same", ...b, "end"]);
    expect(runs.map((r) => `${r.type} ${r.items.length}`)).toEqual(["equal 2", "removed 2999", "added 2999", "equal 1"]);
  });
});

describe("the text a page shows", () => {
  const shown = (markdown: string) => shownParagraphs(renderedProse(markdown).nodes);

  test("blocks, hard breaks, nested list items, table rows and code lines", () => {
    expect(
      shown("Erster  Absatz\nweiter.\n\nZeile eins  \nZeile zwei\n\n- a\n  - b\n- c\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n    code  eingerückt\n\n---"),
    ).toEqual(["Erster Absatz weiter.", "Zeile eins\nZeile zwei", "• a\n  • b\n• c", "x | y\n1 | 2", "    code  eingerückt", "———"]);
  });

  test("a link reference definition is not shown at all", () => {
    expect(shown("Text.\n\n[Ausnahme]: Wochenenden")).toEqual(["Text."]);
  });
});
