// toms diff on a site in two languages (examples/zweisprachig, German with English), in real git repositories:
// changes per language, translation-stale where one language changed and another did not, and the version
// discipline counting every language.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { diffContent } from "../src/diff/diff.js";
import { jsonReport } from "../src/diff/json.js";
import { markdownReport } from "../src/diff/report-markdown.js";
import { copyInto, makeRepo, type TestRepo } from "./diff-helpers.js";

const example = path.join(import.meta.dirname, "../examples/zweisprachig");
const section = "measures/1-vertraulichkeit/zutrittskontrolle.yaml";

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  copyInto(repo, example, "measures");
  repo.commit("base");
});
afterEach(() => repo.remove());

const diff = () => diffContent({ content: "measures", base: "main", cwd: repo.dir, today: "2027-04-01" });

/** The problems as "file:line:column severity rule". */
const problems = (result: ReturnType<typeof diff>) =>
  result.diagnostics.sorted().map((d) => `${path.relative(repo.dir, d.file)}:${d.line}:${d.column} ${d.severity} ${d.rule}`);

/** Line and column (from 1) where `text` starts in a file of the repository. */
function at(file: string, text: string): string {
  const source = fs.readFileSync(path.join(repo.dir, file), "utf8");
  const index = source.indexOf(text);
  if (index < 0) throw new Error(`fixture: "${text}" is not in ${file}`);
  const before = source.slice(0, index).split("\n");
  return `${file}:${before.length}:${(before.at(-1) ?? "").length + 1}`;
}

describe("toms diff on a site in two languages", () => {
  test("a text changed in German only: translation-stale at the English value, and the version must be raised", () => {
    repo.edit(section, "Besucher werden am Empfang registriert", "Besucher werden am Empfang mit Ausweis registriert");
    const result = diff();
    // The English value of the same measure, where the warning points: its own line and column.
    const english = at(section, '"Visitors are registered');
    expect(problems(result)).toEqual([`${english} warning translation-stale`, "measures/site.yaml:18:10 error version-unchanged"]);
    const stale = result.diagnostics.list.find((d) => d.rule === "translation-stale");
    expect(stale?.message).toBe(
      `"text" in measure "besucher" changed in "de" but not in "en": the "en" text still says what the old text said. Update it too, or leave it if it needed no change.`,
    );
    // The change is the German annexes', named with their language; the English annexes did not change.
    const changed = result.annexes.filter((a) => a.changes.length > 0).map((a) => `${a.location} ${a.lang}`);
    expect(changed).toEqual(["all de", "leipzig de", "frankfurt de"]);
    const report = markdownReport(result).text;
    expect(report).toContain("Gesamtfassung · Deutsch");
    expect(report).toContain("[translation-stale]");
    // The suggested history entry is written in both languages, as the site needs it.
    expect(result.suggestion?.yaml).toMatch(/summary:\n {6}de: ".*"\n {6}en: ".*"/);
  });

  test("a text changed in both languages: no warning; each language's change shown in its annexes", () => {
    repo.edit(section, "Besucher werden am Empfang registriert", "Besucher werden am Empfang mit Ausweis registriert");
    repo.edit(section, "Visitors are registered at reception", "Visitors are registered at reception with an ID");
    const result = diff();
    expect(problems(result)).toEqual(["measures/site.yaml:18:10 error version-unchanged"]);
    const changed = result.annexes.filter((a) => a.changes.length > 0).map((a) => `${a.location} ${a.lang}`);
    expect(changed).toEqual(["all de", "leipzig de", "frankfurt de", "all en", "leipzig en", "frankfurt en"]);
    const english = result.annexes.find((a) => a.lang === "en" && a.location === "all")?.changes[0];
    expect(english?.after).toBe("Visitors are registered at reception with an ID and always escorted in technical rooms.");
    const report = markdownReport(result).text;
    expect(report).toContain("Gesamtfassung · English");
    expect(report).toContain("in allen Anlagen · English");
    expect(report).toContain("in allen Anlagen · Deutsch");
  });

  test("the English text alone changed: the version must be raised all the same (every language counts)", () => {
    repo.edit(section, "Visitors are registered at reception", "Visitors sign in at reception");
    const result = diff();
    expect(result.contentChanged).toBe(true);
    expect(problems(result)).toEqual([`${at(section, '"Besucher werden')} warning translation-stale`, "measures/site.yaml:18:10 error version-unchanged"]);
  });

  test("a prose file changed in German only: translation-stale at the start of its English file", () => {
    const text = fs.readFileSync(path.join(repo.dir, "measures/prose/datensicherung.md"), "utf8");
    repo.write({ "measures/prose/datensicherung.md": `${text.trimEnd()} Die Sicherungen werden jährlich zurückgespielt.\n` });
    const result = diff();
    expect(problems(result)).toEqual(["measures/prose/datensicherung.en.md:1:1 warning translation-stale", "measures/site.yaml:18:10 error version-unchanged"]);
    expect(result.diagnostics.list.find((d) => d.rule === "translation-stale")?.message).toBe(
      `The text of "prose/datensicherung.md" changed in "de" but its "en" translation did not: update this file too, or leave it if it needed no change.`,
    );
  });

  test("English withdrawn at the same version: a change of the annexes (the English ones are gone), the version must be raised", () => {
    // Every text plain German, no translations, no English prose files; the version stays "2027.1".
    const german = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(german);
      if (value === null || typeof value !== "object") return value;
      const fields = value as Record<string, unknown>;
      const keys = Object.keys(fields).sort();
      if (keys.join() === "de,en") return fields.de;
      return Object.fromEntries(
        Object.entries(fields)
          .filter(([k]) => k !== "translations")
          .map(([k, v]) => [k, german(v)]),
      );
    };
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of walk(path.join(repo.dir, "measures"))) {
      if (file.endsWith(".en.md")) fs.rmSync(file);
      else if (file.endsWith(".yaml")) fs.writeFileSync(file, stringify(german(parse(fs.readFileSync(file, "utf8")))));
    }
    const result = diff();
    expect(result.head.translations).toEqual([]);
    expect(result.contentChanged).toBe(true);
    expect(problems(result).map((p) => p.replace(/:\d+:\d+/, ""))).toEqual(["measures/site.yaml error version-unchanged"]);
    expect(result.site).toContainEqual({ kind: "removed", field: "translations.en", before: "en" });
    expect(JSON.parse(jsonReport(result, repo.dir)).contentChanged).toBe(true);
    const report = markdownReport(result).text;
    expect(report).not.toContain("Keine Änderungen an den Anlagen");
    expect(report).toContain("**entfernt** Anlagen auf Englisch (`translations.en`)");
    expect(result.suggestion?.summary).toBe("Entfernt: Anlagen auf Englisch.");
    // Raised, with its history entry: withdrawing a language is then an ordinary new version.
    repo.edit("measures/site.yaml", 'version: "2027.1"', 'version: "2027.2"');
    repo.edit("measures/site.yaml", "valid_from: 2027-03-01", "valid_from: 2027-04-01");
    repo.edit("measures/site.yaml", "changes:\n", 'changes:\n  - version: "2027.2"\n    date: 2027-04-01\n    summary: "Nur noch auf Deutsch."\n');
    const raised = diff();
    expect(raised.contentChanged).toBe(true);
    expect(problems(raised)).toEqual([]);
  });

  test("one language's text alone changed: the drafted history entry names the change in every language", () => {
    const file = "measures/1-vertraulichkeit/zugangskontrolle.yaml";
    repo.edit(file, "the account is locked for 15 minutes", "the account is locked for 30 minutes");
    expect(diff().suggestion?.yaml).toContain('summary:\n      de: "Fassung auf Englisch geändert: sperre."\n      en: "Changed: sperre."');
    // And the other way round: the German text alone, the English sentence names the German version.
    repo.edit(file, "the account is locked for 30 minutes", "the account is locked for 15 minutes");
    repo.edit(file, "für 15 Minuten gesperrt", "für 30 Minuten gesperrt");
    const german = diff();
    expect(german.suggestion?.yaml).toContain('summary:\n      de: "Geändert: sperre."\n      en: "German version changed: sperre."');
    expect(german.suggestion?.summary).toBe("Geändert: sperre.");
  });
});
