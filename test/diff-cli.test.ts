import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { commentBudget } from "../src/diff/report-markdown.js";
import { makeRepo, smallContent, type TestRepo } from "./diff-helpers.js";

// The command as users run it (compiled: `npx tsc -p tsconfig.json` first, as `npm test` does).
const bin = path.resolve("bin/toms.js");
// Without colour settings of the environment: the report is compared as a CI log gets it.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== "FORCE_COLOR" && key !== "NO_COLOR"));
const toms = (cwd: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
/** Commit ids are hidden: the report is about content, and the fixture should not change with git's object format. */
const stable = (text: string) => text.replace(/`[0-9a-f]{7}`/g, "`SHA`");

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write(smallContent);
  repo.commit("base");
});
afterEach(() => repo.remove());

test("the Markdown report of several changes, and exit 1 for the missing version bump", async () => {
  repo.edit("measures/zutritt.yaml", "Alle Türen sind verschlossen.", "Alle Türen und Tore sind verschlossen.");
  repo.edit("measures/zutritt.yaml", "    locations: [berlin]\n", "    locations: [aws]\n");
  repo.edit("measures/backup.yaml", "täglich", "stündlich");
  repo.edit("measures/zugang.yaml", "measures:\n", "measures:\n  - id: sperre\n    text: Konten mit **fünf** Fehlversuchen werden gesperrt.\n");
  repo.edit("measures/site.yaml", 'title: "Verfügbarkeit"', 'title: "Verfügbarkeit und Belastbarkeit"');
  const run = toms(repo.dir, "diff", "main");
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    [
      'measures/site.yaml:5:10 error The annexes changed, but "version" is still "1.0". Customers sign the DPA against a version: raise it (e.g. to "1.1"), set "valid_from" and add an entry to "changes". [version-unchanged]',
      "  4 |   name: Beispiel GmbH",
      '> 5 | version: "1.0"',
      "    |          ^^^^^",
      "  hint: Raise `version` (and `valid_from`) in site.yaml and add an entry to `changes`.",
      "",
      "✖ 1 error, 0 warnings",
      "",
    ].join("\n"),
  );
  await expect(stable(run.stdout)).toMatchFileSnapshot("diff-fixtures/several-changes.md");
});

test("nothing changed: one line, exit 0", () => {
  expect(stable(toms(repo.dir, "diff", "main").stdout)).toBe("Keine Änderungen an den Anlagen: `main` (`SHA`) → Arbeitskopie.\n");
});

test("--format json and --report FILE", () => {
  repo.edit("measures/zugang.yaml", "zwölf", "16");
  repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "1.1"');
  repo.edit("measures/site.yaml", "valid_from: 2099-01-01", "valid_from: 2099-02-01");
  const run = toms(repo.dir, "diff", "main", "--format", "json", "--report", "out/diff.json");
  // A new version without its history entry is an error (version-history), with the entry proposed.
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout);
  expect(fs.readFileSync(path.join(repo.dir, "out/diff.json"), "utf8")).toBe(run.stdout);
  expect(report.annexes.map((a: { location: string; changes: unknown[] }) => [a.location, a.changes.length])).toEqual([
    ["all", 1],
    ["berlin", 1],
    ["aws", 1],
  ]);
  expect(report.annexes[0].changes[0]).toEqual({
    kind: "changed",
    measure: "passwort",
    section: "zugang",
    place: "(1) b) Zugangskontrolle",
    before: "Passwörter haben mindestens zwölf Zeichen.\n",
    after: "Passwörter haben mindestens 16 Zeichen.\n",
  });
  expect(report.site).toEqual([
    { kind: "changed", field: "version", before: "1.0", after: "1.1" },
    { kind: "changed", field: "valid_from", before: "2099-01-01", after: "2099-02-01" },
  ]);
  expect(report.suggestion).toEqual({
    version: "1.1",
    date: "2099-02-01",
    summary: "Geändert: passwort.",
    bump: false,
    yaml: 'changes:\n  - version: "1.1"\n    date: 2099-02-01\n    summary: "Geändert: passwort."',
  });
  expect(report.diagnostics).toEqual([
    {
      file: "measures/site.yaml",
      line: 8,
      column: 3,
      severity: "error",
      rule: "version-history",
      message:
        '"version" is now "1.1" (it was "1.0"), but "changes" has no entry for "1.1": customers learn from that entry what changed. Add one with the version, the date it takes effect and a summary.',
    },
  ]);
});

test("a report longer than a pull-request comment is cut between changes; the file keeps all", () => {
  const measures = Array.from({ length: 150 }, (_, i) => `  - id: neu-${i}\n    text: ${"Sehr lange Beschreibung einer Maßnahme. ".repeat(36)}\n`).join("");
  repo.edit("measures/zugang.yaml", "measures:\n", `measures:\n${measures}`);
  const run = toms(repo.dir, "diff", "main", "--report", "diff.md");
  const full = fs.readFileSync(path.join(repo.dir, "diff.md"), "utf8");
  expect(run.stdout.length).toBeLessThanOrEqual(commentBudget);
  expect(full.length).toBeGreaterThan(3 * commentBudget);
  expect(full).toContain("`neu-149`");
  // Each new measure is one change, shown once with the annexes it is in (150, not 150 × 3 annexes).
  const shown = run.stdout.match(/- \*\*neu\*\*/g)?.length ?? 0;
  expect(full.match(/- \*\*neu\*\* `neu-\d+` in \(1\) b\) Zugangskontrolle — in allen Anlagen\n/g)).toHaveLength(150);
  expect(run.stdout).toMatch(
    new RegExp(
      `> \\[!NOTE\\]\\n> Der Bericht endet hier: ${150 - shown} weitere Änderungen werden nicht gezeigt, da ein Kommentar zu einem Pull Request höchstens 65,536 Zeichen fasst\\. Der vollständige Bericht steht in \`diff\\.md\`\\.\\n$`,
    ),
  );
  expect(full.startsWith(run.stdout.slice(0, run.stdout.indexOf("> [!NOTE]")))).toBe(true);
});

test("usage errors: exit 2 with one line", () => {
  expect(toms(repo.dir, "diff", "nope")).toEqual({
    code: 2,
    stdout: "",
    stderr: 'toms: unknown revision "nope": no commit of that name in this repository (is it fetched?).\n',
  });
  const outside = path.dirname(repo.dir);
  const run = toms(outside, "diff", "main", "--content", path.join(repo.dir, "measures"));
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^toms: toms diff needs a git repository: not a git repository/);
  expect(run.stderr.split("\n").length).toBe(2);
  expect(toms(repo.dir, "diff", "main", "--content", "massnahmen")).toEqual({
    code: 2,
    stdout: "",
    stderr: 'toms: there is no content folder "massnahmen" in the working tree; point --content at the folder that holds site.yaml.\n',
  });
  const head = toms(repo.dir, "diff", "main", "main", "--content", "massnahmen");
  expect(head.code).toBe(2);
  expect(stable(head.stderr)).toMatch(
    /^toms: there is no content folder "massnahmen" at main \([0-9a-f]{7}\); point --content at the folder that holds site\.yaml\.\n$/,
  );
});

test("content errors at HEAD: diagnostics, exit 1", () => {
  repo.edit("measures/zutritt.yaml", "locations: [berlin]", "locations: [berlinn]");
  const run = toms(repo.dir, "diff", "main");
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    [
      "toms: the content at the working tree has errors, so nothing was compared:",
      'measures/zutritt.yaml:11:17 error Unknown location "berlinn" (did you mean "berlin"?). [location-ref]',
      "  10 |   - id: chip",
      "> 11 |     locations: [berlinn]",
      "     |                 ^^^^^^^",
      "  hint: Use the id of a location listed in site.yaml.",
      "",
      "✖ 1 error, 0 warnings",
      "",
    ].join("\n"),
  );
  expect(run.stdout).toContain("Arbeitskopie: Der Inhalt hat 1 Fehler, daher wurde nichts verglichen.");
});

test("content errors at BASE: the frame shows the text at that revision, not the working tree's", () => {
  repo.edit("measures/zutritt.yaml", "locations: [berlin]", "locations: [berlinn]");
  repo.commit("broken");
  repo.edit("measures/zutritt.yaml", "locations: [berlinn]", "locations: [berlin]");
  const run = toms(repo.dir, "diff", "HEAD");
  expect(run.code).toBe(1);
  expect(stable(run.stderr.replace(/\([0-9a-f]{7}\)/, "(`SHA`)"))).toBe(
    [
      "toms: the content at HEAD (`SHA`) has errors, so nothing was compared:",
      'measures/zutritt.yaml:11:17 error Unknown location "berlinn" (did you mean "berlin"?). [location-ref]',
      "  10 |   - id: chip",
      "> 11 |     locations: [berlinn]",
      "     |                 ^^^^^^^",
      "  hint: Use the id of a location listed in site.yaml.",
      "",
      "✖ 1 error, 0 warnings",
      "",
    ].join("\n"),
  );
});

test("run inside the content folder, toms diff finds it and names files from there", () => {
  repo.edit("measures/zutritt.yaml", "locations: [berlin]", "locations: [berlinn]");
  const run = toms(path.join(repo.dir, "measures"), "diff", "main");
  expect(run.code).toBe(1);
  expect(run.stderr.split("\n")[1]).toBe('zutritt.yaml:11:17 error Unknown location "berlinn" (did you mean "berlin"?). [location-ref]');
});
