import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { diffContent, type DiffResult } from "../src/diff/diff.js";
import { markdownReport } from "../src/diff/report-markdown.js";
import { check as checkContent } from "../src/commands/check.js";
import { makeRepo, smallContent, type TestRepo } from "./diff-helpers.js";

let repo: TestRepo;
let baseCommit: string;
beforeEach(() => {
  repo = makeRepo();
  repo.write(smallContent);
  baseCommit = repo.commit("base");
});
afterEach(() => repo.remove());

const diff = () => diffContent({ content: "measures", base: "main", cwd: repo.dir, today: "2026-01-01" });

/** Each annex as "location: kind measure, …": what a reader of that annex would see change. */
const summary = (result: DiffResult) => result.annexes.map((a) => `${a.location}: ${a.changes.map((c) => `${c.kind} ${c.measure}`).join(", ")}`);

describe("measures", () => {
  test("an added measure appears in every annex it applies to", () => {
    repo.edit("measures/zugang.yaml", "measures:\n", "measures:\n  - id: sperre\n    locations: [aws]\n    text: Konten werden gesperrt.\n");
    const result = diff();
    expect(summary(result)).toEqual(["all: added sperre", "berlin: ", "aws: added sperre"]);
    expect(result.annexes[2]?.changes[0]).toEqual({
      kind: "added",
      measure: "sperre",
      section: "zugang",
      place: "(1) b) Zugangskontrolle",
      after: "Konten werden gesperrt.",
    });
  });

  test("a removed measure shows its old text", () => {
    repo.edit("measures/zutritt.yaml", "  - id: chip\n    locations: [berlin]\n    text: |\n      Der Zutritt erfolgt mit Chip und PIN.\n", "");
    const result = diff();
    expect(summary(result)).toEqual(["all: removed chip", "berlin: removed chip", "aws: "]);
    expect(result.annexes[1]?.changes[0]?.before).toBe("Der Zutritt erfolgt mit Chip und PIN.\n");
  });

  test("a changed measure carries both texts and its title change", () => {
    repo.edit("measures/zutritt.yaml", "Alle Türen sind verschlossen.", "Alle Türen sind nachts verschlossen.");
    repo.edit("measures/zutritt.yaml", 'title: "Türen"', 'title: "Türen und Tore"');
    const change = diff().annexes[0]?.changes[0];
    expect(change).toEqual({
      kind: "changed",
      measure: "tuer",
      section: "zutritt",
      place: "(1) a) Zutrittskontrolle",
      title: "Türen und Tore",
      before: "Alle Türen sind verschlossen.\n",
      after: "Alle Türen sind nachts verschlossen.\n",
      titleChange: { before: "Türen", after: "Türen und Tore" },
    });
  });

  test("a measure moved to another section", () => {
    repo.edit(
      "measures/zugang.yaml",
      "  - id: passwort\n    text: |\n      Passwörter haben mindestens zwölf Zeichen.\n",
      "  - id: platzhalter\n    text: Noch offen.\n",
    );
    repo.edit("measures/zutritt.yaml", "measures:\n", "measures:\n  - id: passwort\n    text: |\n      Passwörter haben mindestens zwölf Zeichen.\n");
    const result = diff();
    expect(summary(result)).toEqual([
      "all: moved passwort, added platzhalter",
      "berlin: moved passwort, added platzhalter",
      "aws: moved passwort, added platzhalter",
    ]);
    expect(result.annexes[0]?.changes.find((c) => c.kind === "moved")).toMatchObject({ before: "(1) b) Zugangskontrolle", after: "(1) a) Zutrittskontrolle" });
  });

  test("swapping two measures of a section reports the one that changed places", () => {
    repo.edit("measures/zutritt.yaml", '  - id: tuer\n    title: "Türen"\n    text: |\n      Alle Türen sind verschlossen.\n', "");
    repo.edit(
      "measures/zutritt.yaml",
      "  - id: wache\n",
      '  - id: tuer\n    title: "Türen"\n    text: |\n      Alle Türen sind verschlossen.\n  - id: wache\n',
    );
    const result = diff();
    expect(summary(result)).toEqual(["all: moved tuer", "berlin: moved tuer", "aws: "]);
    expect(result.annexes[0]?.changes[0]).toMatchObject({ before: "(1) a) Zutrittskontrolle, measure 1", after: "(1) a) Zutrittskontrolle, measure 2" });
  });

  test("a measure whose locations change leaves one annex and enters another", () => {
    repo.edit("measures/zutritt.yaml", "    locations: [berlin]\n", "    locations: [aws]\n");
    const result = diff();
    expect(summary(result)).toEqual(["all: locations chip", "berlin: locations chip", "aws: locations chip"]);
    expect(result.annexes[0]?.changes[0]).toMatchObject({ before: "berlin", after: "aws", locations: { before: ["berlin"], after: ["aws"] } });
    expect(result.annexes[0]?.changes[0]?.text).toBeUndefined();
    expect(result.annexes[2]?.changes[0]?.text).toBe("Der Zutritt erfolgt mit Chip und PIN.\n");
    // One change with the annexes it enters and leaves, its text shown once; in the annex's language (German).
    const md = markdownReport(result).text;
    expect(md).toContain(
      "- **Standorte geändert** `chip` in (1) a) Zutrittskontrolle: Standorte berlin → aws\\\n" +
        "  Gilt jetzt hier: AWS Frankfurt (`aws`)\\\n" +
        "  Gilt hier nicht mehr: Rechenzentrum Berlin (`berlin`)\n\n" +
        "  > Der Zutritt erfolgt mit Chip und PIN.\n",
    );
    expect(md.match(/Der Zutritt erfolgt/g)).toHaveLength(1);
  });

  test("a changed measure that another reuses with ref shows in every place it appears", () => {
    repo.edit("measures/backup.yaml", "täglich", "stündlich");
    const result = diff();
    expect(summary(result)).toEqual(["all: changed sicherung, changed wiederherstellung", "berlin: changed sicherung, changed wiederherstellung", "aws: "]);
    expect(result.annexes[1]?.changes[1]).toMatchObject({ measure: "wiederherstellung", reuses: "sicherung" });
    // Shown once, with the two annexes it changes (not once per annex).
    const md = markdownReport(result).text;
    expect(md).toContain(
      "- **geändert** `wiederherstellung` in (2) Verfügbarkeit (der Text von `sicherung`, hier wiederverwendet) — in: Gesamtfassung, Rechenzentrum Berlin (`berlin`)\n\n  > Die Daten werden ~~täglich~~ **stündlich** gesichert.\n  >\n  > …",
    );
    expect(md.match(/- \*\*geändert\*\* `wiederherstellung`/g)).toHaveLength(1);
  });

  test("a status, a responsibility or a reason for not applying is a change of the annex, with version discipline", () => {
    repo.edit(
      "measures/zutritt.yaml",
      "  - id: chip\n    locations: [berlin]\n",
      "  - id: chip\n    locations: [berlin]\n    status: planned\n    not_applicable:\n      aws: Kein eigener Serverraum.\n",
    );
    const result = diff();
    expect(summary(result)).toEqual(["all: changed chip", "berlin: changed chip", "aws: added chip"]);
    expect(result.annexes[1]?.changes[0]?.attributes).toEqual([{ name: "status", before: "implemented", after: "planned" }]);
    expect(markdownReport(result).text).toContain("  Status: ~~umgesetzt~~ → **geplant**");
    expect(result.diagnostics.list.map((d) => d.rule)).toEqual(["version-unchanged"]);
  });

  test("reflowing trailing spaces or the final newline is no change", () => {
    repo.edit("measures/zugang.yaml", "      Passwörter haben mindestens zwölf Zeichen.\n", "      Passwörter haben mindestens zwölf Zeichen.   \n\n");
    expect(diff().contentChanged).toBe(false);
  });
});

describe("a change of spacing only counts when the page shows it", () => {
  const measure = (text: string) =>
    `measures:\n  - id: regel\n    text: |\n${text
      .split("\n")
      .map((l) => (l === "" ? "" : `      ${l}`))
      .join("\n")}\n`;
  const start = (text: string) => {
    repo.edit("measures/zugang.yaml", "measures:\n", measure(text));
    repo.commit("regel");
  };
  const changeTo = (from: string, to: string) => {
    repo.edit("measures/zugang.yaml", measure(from), measure(to));
    return diff();
  };

  test("a blank line that turns a line into a link reference definition hides it: the check catches it, so toms diff reports the error", () => {
    start("Wartung von Montag bis Freitag.\n[Ausnahme]: Wochenenden");
    const result = changeTo("Wartung von Montag bis Freitag.\n[Ausnahme]: Wochenenden", "Wartung von Montag bis Freitag.\n\n[Ausnahme]: Wochenenden");
    expect(result.broken).toBe("head");
    expect(result.head.diagnostics.sorted().map((d) => d.rule)).toEqual(["markdown-definition"]);
  });

  test("two trailing spaces make a hard line break: reported with the lines before and after", () => {
    start("Zutritt nur mit Ausweis.\nBesucher werden begleitet.");
    const result = changeTo("Zutritt nur mit Ausweis.\nBesucher werden begleitet.", "Zutritt nur mit Ausweis.  \nBesucher werden begleitet.");
    expect(result.contentChanged).toBe(true);
    expect(markdownReport(result).text).toContain(
      [
        "  Zeilenumbrüche oder Abstände ändern, wie der Text erscheint. Vorher:",
        "",
        "  > Zutritt nur mit Ausweis. Besucher werden begleitet.",
        "",
        "  Jetzt:",
        "",
        "  > Zutritt nur mit Ausweis.\\",
        "  > Besucher werden begleitet.",
      ].join("\n"),
    );
  });

  test("a changed word plus a hard line break elsewhere: the word diff and the changed lines are both shown", () => {
    start("Wartung täglich.\n\nMontag bis Freitag.\nAusnahme: Wochenenden");
    const result = changeTo(
      "Wartung täglich.\n\nMontag bis Freitag.\nAusnahme: Wochenenden",
      "Wartung stündlich.\n\nMontag bis Freitag.  \nAusnahme: Wochenenden",
    );
    expect(markdownReport(result).text).toContain("  > Wartung ~~täglich.~~ **stündlich.**");
    expect(markdownReport(result).text).toContain("Außer den Wörtern ändern Zeilenumbrüche oder Abstände, wie der Text erscheint.");
  });

  test("a changed word and a reflowed paragraph: only the word diff", () => {
    start("Wartung täglich.\n\nMontag bis\nFreitag.");
    const text = markdownReport(changeTo("Wartung täglich.\n\nMontag bis\nFreitag.", "Wartung stündlich.\n\nMontag\nbis Freitag.")).text;
    expect(text).toContain("  > Wartung ~~täglich.~~ **stündlich.**");
    expect(text).not.toContain("Zeilenumbrüche");
  });

  test("a paragraph reflowed onto other lines renders the same: no change", () => {
    start("Zutritt nur mit Ausweis. Besucher\nwerden begleitet.");
    const result = changeTo("Zutritt nur mit Ausweis. Besucher\nwerden begleitet.", "Zutritt nur mit Ausweis.\nBesucher werden\nbegleitet.");
    expect(result.contentChanged).toBe(false);
    expect(markdownReport(result).text).toMatch(/^Keine Änderungen an den Anlagen/);
  });

  test("a list made loose by blank lines keeps its words and lines: the layout change is shown as HTML", () => {
    start("- Ausweis\n- Begleitung");
    const result = changeTo("- Ausweis\n- Begleitung", "- Ausweis\n\n- Begleitung");
    expect(result.contentChanged).toBe(true);
    const text = markdownReport(result).text;
    expect(text).toContain("  Zeilenumbrüche oder Abstände ändern, wie der Text gesetzt ist; Wörter und Zeilen bleiben gleich. Als HTML, vorher und nachher:");
    expect(text).toContain("  <li>\n  <p>Ausweis</p>\n  </li>");
  });
});

describe("site.yaml and sections", () => {
  test("version, valid_from, locations, groups and the history are listed in reading order", () => {
    repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "1.1"');
    repo.edit("measures/site.yaml", "valid_from: 2099-01-01", "valid_from: 2099-02-01");
    repo.edit("measures/site.yaml", 'title: "Verfügbarkeit"', 'title: "Verfügbarkeit und Belastbarkeit"');
    repo.edit("measures/site.yaml", '    name: "AWS Frankfurt"\n', '    name: "AWS Frankfurt"\n  - id: paris\n    name: "Paris"\n');
    repo.edit("measures/site.yaml", 'summary: "Erste Fassung."', 'summary: "Erste Fassung."\n  - version: "1.1"\n    date: 2099-02-01\n    summary: "Paris."');
    repo.edit("measures/zugang.yaml", 'title: "Zugangskontrolle"', 'title: "Zugang"');
    const result = diff();
    expect(result.site).toEqual([
      { kind: "changed", field: "version", before: "1.0", after: "1.1" },
      { kind: "changed", field: "valid_from", before: "2099-01-01", after: "2099-02-01" },
      { kind: "changed", field: "groups.verfuegbarkeit.title", before: "Verfügbarkeit", after: "Verfügbarkeit und Belastbarkeit" },
      { kind: "added", field: "locations.paris", after: "Paris" },
      { kind: "added", field: "changes.1.1", after: "1.1 (2099-02-01): Paris." },
    ]);
    expect(result.sections).toEqual([{ kind: "changed", field: "sections.zugang.title", before: "Zugangskontrolle", after: "Zugang" }]);
    expect(result.annexes.map((a) => a.location)).toEqual(["all", "berlin", "aws", "paris"]);
    expect(result.annexes[3]?.changes.map((c) => `${c.kind} ${c.measure}`)).toEqual(["added tuer", "added passwort"]);
    expect(result.diagnostics.list).toEqual([]);
    expect(result.suggestion).toBeUndefined();
  });
});

describe("version discipline", () => {
  test("content changed without a version bump: an error at `version` and a suggested history entry", () => {
    repo.edit("measures/zugang.yaml", "zwölf", "16");
    const result = diff();
    expect(result.diagnostics.list).toEqual([
      {
        file: path.join(repo.dir, "measures/site.yaml"),
        line: 5,
        column: 10,
        endLine: 5,
        endColumn: 15,
        severity: "error",
        rule: "version-unchanged",
        message:
          'The annexes changed, but "version" is still "1.0". Customers sign the DPA against a version: raise it (e.g. to "1.1"), set "valid_from" and add an entry to "changes".',
      },
    ]);
    expect(result.suggestion?.yaml).toBe(
      'version: "1.1"\nvalid_from: 2099-01-02\nchanges:\n  - version: "1.1"\n    date: 2099-01-02\n    summary: "Geändert: passwort."',
    );
  });

  test("a new version with the old valid_from is a warning at valid_from; a missing history entry is an error, and suggested", () => {
    repo.edit("measures/zugang.yaml", "zwölf", "16");
    repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "2.0"');
    const result = diff();
    expect(result.diagnostics.list.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      "6:13 warning version-unchanged",
      "8:3 error version-history",
    ]);
    expect(result.diagnostics.list[1]?.message).toBe(
      '"version" is now "2.0" (it was "1.0"), but "changes" has no entry for "2.0": customers learn from that entry what changed. Add one with the version, the date it takes effect and a summary.',
    );
    expect(result.suggestion?.yaml).toBe('changes:\n  - version: "2.0"\n    date: 2099-01-02\n    summary: "Geändert: passwort."');
  });

  test("a bump with date and history entry passes", () => {
    repo.edit("measures/zugang.yaml", "zwölf", "16");
    repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "1.1"');
    repo.edit("measures/site.yaml", "valid_from: 2099-01-01", "valid_from: 2099-03-01");
    repo.edit(
      "measures/site.yaml",
      'summary: "Erste Fassung."',
      'summary: "Erste Fassung."\n  - { version: "1.1", date: 2099-03-01, summary: "Längere Passwörter." }',
    );
    const result = diff();
    expect(result.diagnostics.list).toEqual([]);
    expect(result.suggestion).toBeUndefined();
  });

  test("an edited entry of an earlier version changes the annexes of that version: version-unchanged", () => {
    repo.edit("measures/site.yaml", 'summary: "Erste Fassung."', 'summary: "Erste Fassung aus toms."');
    const result = diff();
    expect(result.contentChanged).toBe(true);
    expect(result.site).toEqual([
      { kind: "changed", field: "changes.1.0", before: "1.0 (2099-01-01): Erste Fassung.", after: "1.0 (2099-01-01): Erste Fassung aus toms." },
    ]);
    expect(result.diagnostics.list.map((d) => [d.rule, d.line])).toEqual([["version-unchanged", 5]]);
    expect(result.suggestion?.summary).toBe("Außerdem geändert: Eintrag der Änderungshistorie zu Version 1.0.");
  });

  test("with a new version, its own history entry and valid_from are bookkeeping; an edited earlier entry is not", () => {
    repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "1.1"');
    repo.edit("measures/site.yaml", "valid_from: 2099-01-01", "valid_from: 2099-02-01");
    repo.edit("measures/site.yaml", "changes:\n", 'changes:\n  - version: "1.1"\n    date: 2099-02-01\n    summary: "Nur die Historie."\n');
    expect(diff().contentChanged).toBe(false);
    repo.edit("measures/site.yaml", 'summary: "Erste Fassung."', 'summary: "Erste Fassung (berichtigt)."');
    const result = diff();
    expect(result.contentChanged).toBe(true);
    // The version was raised: that is all the discipline asks; the report lists the edited entry.
    expect(result.diagnostics.list).toEqual([]);
    expect(result.site.map((c) => c.field)).toEqual(["version", "valid_from", "changes.1.1", "changes.1.0"]);
  });

  test("valid_from changed while the version stays: the header of every page changes, so it is a change", () => {
    repo.edit("measures/site.yaml", "valid_from: 2099-01-01", "valid_from: 2099-03-01");
    const result = diff();
    expect(result.contentChanged).toBe(true);
    expect(result.diagnostics.list.map((d) => d.rule)).toEqual(["version-unchanged"]);
  });
});

describe("sides", () => {
  test("nothing changed: a one-line report", () => {
    const result = diff();
    expect(result.contentChanged).toBe(false);
    expect(markdownReport(result).text).toMatch(/^Keine Änderungen an den Anlagen: `main` \(`[0-9a-f]{7}`\) → Arbeitskopie\.\n$/);
  });

  test("two commits are compared without the working tree", () => {
    repo.edit("measures/zugang.yaml", "zwölf", "16");
    repo.commit("longer passwords");
    repo.edit("measures/zugang.yaml", "16", "20");
    const result = diffContent({ content: "measures", base: baseCommit, head: "HEAD", cwd: repo.dir });
    expect(result.annexes[0]?.changes[0]?.after).toBe("Passwörter haben mindestens 16 Zeichen.\n");
    expect(result.base.label).toBe(baseCommit.slice(0, 7));
    expect(result.head.label).toMatch(/^HEAD \([0-9a-f]{7}\)$/);
  });

  test("no content folder at BASE: everything is new and there is no version to compare", () => {
    const empty = makeRepo();
    try {
      empty.write({ "README.md": "x" });
      empty.commit("before toms");
      empty.write(smallContent);
      const result = diffContent({ content: "measures", base: "main", cwd: empty.dir });
      expect(result.base.present).toBe(false);
      expect(summary(result)[0]).toBe("all: added tuer, added chip, added wache, added passwort, added sicherung, added wiederherstellung");
      expect(result.diagnostics.list).toEqual([]);
      expect(markdownReport(result).text).toMatch(/\nDen Inhaltsordner gibt es bei `main` \(`[0-9a-f]{7}`\) nicht: alles ist neu\.\n/);
    } finally {
      empty.remove();
    }
  });

  test("content errors at a revision stop the comparison and name that side", () => {
    repo.edit("measures/zutritt.yaml", "locations: [berlin]", "locations: [berlinn]");
    repo.commit("typo");
    repo.edit("measures/zutritt.yaml", "locations: [berlinn]", "locations: [berlin]");
    const result = diffContent({ content: "measures", base: "HEAD", cwd: repo.dir });
    expect(result.broken).toBe("base");
    expect(result.base.diagnostics.list.map((d) => `${path.relative(repo.dir, d.file)}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      "measures/zutritt.yaml:11:17 location-ref",
    ]);
  });
});

describe("review dates and covered controls", () => {
  const changedMeasures = (result: DiffResult) => [...new Set(result.annexes.flatMap((a) => a.changes.map((c) => c.measure)))];

  test("are no change of the annex while it does not show them", () => {
    repo.edit(
      "measures/zutritt.yaml",
      '    title: "Türen"\n',
      '    title: "Türen"\n    reviewed: 2026-05-01\n    owner: Facility\n    covers: [art32:confidentiality]\n',
    );
    repo.edit("measures/site.yaml", "groups:\n", "catalogues: [art32]\nreview_interval_months: 12\ngroups:\n");
    const result = diff();
    expect(changedMeasures(result)).toEqual([]);
    expect(result.site).toEqual([]);
    expect(result.contentChanged).toBe(false);
  });

  test("a new review date is a change of the measure where the annex shows the last review", () => {
    repo.edit("measures/site.yaml", "groups:\n", "show_reviewed: true\ngroups:\n");
    repo.edit("measures/zutritt.yaml", '    title: "Türen"\n', '    title: "Türen"\n    reviewed: 2026-05-01\n');
    repo.commit("dates shown");
    const before = repo.commit("same");
    repo.edit("measures/zutritt.yaml", "reviewed: 2026-05-01", "reviewed: 2026-11-20");
    const result = diffContent({ content: "measures", base: before, cwd: repo.dir, today: "2026-01-01" });
    const change = result.annexes[0]?.changes.find((c) => c.measure === "tuer");
    expect(change?.attributes).toEqual([{ name: "reviewed", before: "2026-05-01", after: "2026-11-20" }]);
  });

  test("switching the coverage appendix on, and a changed covers with it on, change the annex", () => {
    repo.edit("measures/site.yaml", "groups:\n", "catalogues: [art32]\ncoverage_appendix: true\ngroups:\n");
    const first = diff();
    expect(first.site.map((c) => `${c.kind} ${c.field}: ${c.before} → ${c.after}`)).toEqual([
      "changed coverage_appendix: false → true",
      "added catalogues: undefined → art32",
    ]);
    expect(first.contentChanged).toBe(true);
    const base = repo.commit("appendix on");
    repo.edit("measures/zugang.yaml", "  - id: passwort\n", "  - id: passwort\n    covers: [art32:confidentiality]\n");
    const result = diffContent({ content: "measures", base, cwd: repo.dir, today: "2026-01-01" });
    expect(result.annexes[0]?.changes[0]?.attributes).toEqual([{ name: "covers", after: "art32:confidentiality" }]);
  });
});

describe("an id used twice", () => {
  test("is reported where it is new in the pull request, naming the place it had before", () => {
    // backup.yaml is read before zugang.yaml: toms check alone reports the later occurrence, the old one.
    repo.edit("measures/backup.yaml", "measures:\n", "measures:\n  - id: passwort\n    text: Passwörter werden gehasht.\n");
    const result = diff();
    expect(result.broken).toBe("head");
    const duplicate = result.head.diagnostics.sorted().filter((d) => d.rule === "duplicate-id");
    expect(duplicate.map((d) => `${path.basename(d.file)}:${d.line} ${d.message}`)).toEqual([
      'backup.yaml:6 The measure id "passwort" is already used in zugang.yaml:6.',
    ]);
    const alone = checkContent(path.join(repo.dir, "measures"))
      .diagnostics.sorted()
      .filter((d) => d.rule === "duplicate-id");
    expect(alone.map((d) => `${path.basename(d.file)}:${d.line} ${d.message}`)).toEqual([
      'zugang.yaml:6 The measure id "passwort" is already used in backup.yaml:6.',
    ]);
  });
});
