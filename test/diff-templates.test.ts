// toms diff and the build on a content folder's templates/ (page.html, style.css), in real git repositories: the words
// a page template prints in every page and PDF, its markup and the style sheet are part of what every annex shows,
// so a change of them is a change of every annex and needs a new version, like a change of a measure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { build } from "../src/commands/build.js";
import { diffContent } from "../src/diff/diff.js";
import { jsonReport } from "../src/diff/json.js";
import { markdownReport } from "../src/diff/report-markdown.js";
import { copyInto, makeRepo, smallContent, type TestRepo } from "./diff-helpers.js";
import { tempDir } from "./helpers/tmp.js";

const page = (words: string, className = "hinweis") => `<!doctype html>
<html>
<body>
<header class="letterhead" data-slot="letterhead"></header>
<p class="${className}">${words}</p>
<main id="main" data-slot="main"></main>
<footer class="page-footer" data-slot="footer"></footer>
</body>
</html>
`;
const style = "p.hinweis { color: #333; }\n";

let repo: TestRepo;
afterEach(() => repo.remove());

const diff = () => diffContent({ content: "measures", base: "main", cwd: repo.dir, today: "2099-06-01" });
const rules = (result: ReturnType<typeof diff>) => result.diagnostics.sorted().map((d) => `${d.severity} ${d.rule}`);
const templateChanges = (result: ReturnType<typeof diff>) => result.site.filter((c) => c.field.startsWith("templates."));
// A new version: raised, in force later, with its own history entry.
const bump = () => {
  repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "1.1"');
  repo.edit("measures/site.yaml", "valid_from: 2099-01-01", "valid_from: 2099-07-01");
  repo.edit("measures/site.yaml", "changes:\n", 'changes:\n  - version: "1.1"\n    date: 2099-07-01\n    summary: "Neuer Hinweis."\n');
};

describe("toms diff on the templates of a site in one language", () => {
  beforeEach(() => {
    repo = makeRepo();
    repo.write({ ...smallContent, "measures/templates/page.html": page("Hinweis."), "measures/templates/style.css": style });
    repo.commit("base");
  });

  test("the page template's words changed: reported before and after, a change of every annex, the version must be raised", () => {
    repo.edit("measures/templates/page.html", "Hinweis.", "Die Maßnahmen gelten nicht für Daten in Frankfurt.");
    const result = diff();
    expect(templateChanges(result)).toEqual([
      { kind: "changed", field: "templates.page.text", before: "Hinweis.", after: "Die Maßnahmen gelten nicht für Daten in Frankfurt." },
    ]);
    expect(result.contentChanged).toBe(true);
    expect(rules(result)).toEqual(["error version-unchanged"]);
    const md = markdownReport(result).text;
    expect(md).toContain(
      "### templates/\n\n- **geändert** Text der Seitenvorlage (templates/page.html) (`templates.page.text`): Hinweis. → Die Maßnahmen gelten nicht für Daten in Frankfurt.",
    );
    expect(md).not.toContain("Keine Änderungen an den Anlagen");
    expect(result.suggestion?.summary).toBe("Außerdem geändert: Text der Seitenvorlage (templates/page.html).");
    const json = JSON.parse(jsonReport(result, repo.dir));
    expect(json.contentChanged).toBe(true);
    expect(json.site).toEqual([
      { kind: "changed", field: "templates.page.text", before: "Hinweis.", after: "Die Maßnahmen gelten nicht für Daten in Frankfurt." },
    ]);
    expect(json.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["version-unchanged"]);
    bump();
    const raised = diff();
    expect(templateChanges(raised)).toHaveLength(1);
    expect(rules(raised)).toEqual([]);
  });

  test("a link's address in the template is printed, so it counts as its words", () => {
    repo.edit("measures/templates/page.html", "Hinweis.", 'Siehe <a href="https://example.com/a">Hinweise</a>.');
    repo.commit("link");
    repo.edit("measures/templates/page.html", "https://example.com/a", "https://example.com/b");
    const since = diffContent({ content: "measures", base: "HEAD", cwd: repo.dir, today: "2099-06-01" });
    expect(templateChanges(since).map((c) => [c.field, c.before, c.after])).toEqual([
      ["templates.page.text", "Siehe Hinweise <https://example.com/a>.", "Siehe Hinweise <https://example.com/b>."],
    ]);
  });

  test("the style sheet changed: named (not quoted), a change of every annex, the version must be raised", () => {
    repo.edit("measures/templates/style.css", "color: #333;", "color: #fff;");
    const result = diff();
    expect(templateChanges(result)).toEqual([{ kind: "changed", field: "templates.style" }]);
    expect(result.contentChanged).toBe(true);
    expect(rules(result)).toEqual(["error version-unchanged"]);
    expect(markdownReport(result).text).toContain("### templates/\n\n- **geändert** Stylesheet (templates/style.css) (`templates.style`)\n");
    expect(JSON.parse(jsonReport(result, repo.dir)).site).toEqual([{ kind: "changed", field: "templates.style" }]);
    bump();
    expect(rules(diff())).toEqual([]);
  });

  test("a style sheet added or removed is a change too", () => {
    repo.write({ "measures/templates/style.css": null });
    expect(templateChanges(diff())).toEqual([{ kind: "removed", field: "templates.style" }]);
    expect(rules(diff())).toEqual(["error version-unchanged"]);
  });

  test("the page template's markup changed, its words not: named as a change of its markup", () => {
    repo.edit("measures/templates/page.html", 'class="hinweis"', 'class="versteckt"');
    const result = diff();
    expect(templateChanges(result)).toEqual([{ kind: "changed", field: "templates.page.markup" }]);
    expect(rules(result)).toEqual(["error version-unchanged"]);
    expect(markdownReport(result).text).toContain(
      "- **geändert** Aufbau der Seitenvorlage (templates/page.html: Elemente und Attribute) (`templates.page.markup`)\n",
    );
  });

  test("templates unchanged, or only re-spaced in the source: no report, no change", () => {
    expect(templateChanges(diff())).toEqual([]);
    repo.write({
      "measures/templates/page.html": page("Hinweis.").replace(/\n/g, "\n  ").replace("<p", "\n\n<p"),
      "measures/templates/style.css": "p.hinweis {\n  color: #333;\n}\n",
    });
    const result = diff();
    expect(templateChanges(result)).toEqual([]);
    expect(result.contentChanged).toBe(false);
    expect(rules(result)).toEqual([]);
    expect(markdownReport(result).text).toContain("Keine Änderungen an den Anlagen");
  });

  test("in a site in one language the template's words are no warning", () => {
    expect(diff().head.diagnostics.list.filter((d) => d.rule === "template-untranslated")).toEqual([]);
  });
});

describe("toms diff on the template of a site in two languages", () => {
  beforeEach(() => {
    repo = makeRepo();
    copyInto(repo, path.join(import.meta.dirname, "../examples/zweisprachig"), "measures");
    repo.write({ "measures/templates/page.html": page("Hinweis.") });
    repo.commit("base");
  });

  test("one template for every language: its words are warned at their place, their change is in every language's history entry", () => {
    repo.edit("measures/templates/page.html", "Hinweis.", "Die Maßnahmen gelten nicht für Daten in Frankfurt.");
    const result = diff();
    expect(result.head.diagnostics.list.map((d) => `${path.relative(repo.dir, d.file)}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      "measures/templates/page.html:5:20 warning template-untranslated",
    ]);
    expect(result.head.diagnostics.list[0]?.message).toBe(
      `The page template's own words ("Die Maßnahmen gelten nicht für Daten in Frankfurt.") are printed as written in every page and PDF of every language (de, en): the same words in each, translated in none.`,
    );
    // Reported once (the same in every language), and counted.
    expect(templateChanges(result).map((c) => [c.field, c.lang])).toEqual([["templates.page.text", undefined]]);
    expect(rules(result)).toEqual(["error version-unchanged"]);
    expect(result.suggestion?.yaml).toContain('      de: "Außerdem geändert: Text der Seitenvorlage (templates/page.html)."');
    expect(result.suggestion?.yaml).toContain('      en: "Also changed: Text of the page template (templates/page.html)."');
  });
});

describe("the build of a published version whose template changed", () => {
  let outs: ReturnType<typeof tempDir>;
  beforeEach(() => {
    outs = tempDir("toms-templates-");
    repo = makeRepo();
    repo.write({ ...smallContent, "measures/templates/page.html": page("Hinweis."), "measures/templates/style.css": style });
    repo.commit("1.0", "2026-01-01T00:00:00Z");
  });
  afterEach(() => outs.cleanup());

  const html = () => build({ content: path.join(repo.dir, "measures"), out: path.join(outs.dir, "dist"), pdf: false });

  test("builds the change under a new version, whose changes page names it for the customer", async () => {
    expect((await html()).ok).toBe(true);
    repo.edit("measures/templates/page.html", "Hinweis.", "Die Maßnahmen gelten nicht für Daten in Frankfurt.");
    repo.edit("measures/templates/style.css", "color: #333;", "color: #000;");
    bump();
    repo.commit("1.1", "2026-01-02T00:00:00Z");
    const result = await html();
    expect(result.diagnostics.list.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    const changes = fs.readFileSync(path.join(outs.dir, "dist/1.1/changes.html"), "utf8");
    expect(changes).toContain("Text der Seitenvorlage (templates/page.html)");
    expect(changes).toContain("Die Maßnahmen gelten nicht für Daten in Frankfurt.");
    expect(changes).toContain("Stylesheet (templates/style.css)");
  });

  test.each([
    ["its words", "measures/templates/page.html", "Hinweis.", "Die Maßnahmen gelten nicht für Daten in Frankfurt.", "templates.page.text"],
    ["its style sheet", "measures/templates/style.css", "color: #333;", "color: #fff;", "templates.style"],
  ])("refuses %s changed under the published version", async (_what, file, from, to, field) => {
    const first = await html();
    expect(first.ok).toBe(true);
    // Published: recorded on toms-published, as the Pages workflow does after deploying.
    const identity = { GIT_AUTHOR_NAME: "Pages", GIT_AUTHOR_EMAIL: "pages@example.org", GIT_COMMITTER_NAME: "Pages", GIT_COMMITTER_EMAIL: "pages@example.org" };
    const record = spawnSync(process.execPath, [path.resolve("bin/toms.js"), "record", "--out", path.join(outs.dir, "dist")], {
      cwd: repo.dir,
      encoding: "utf8",
      env: { ...process.env, ...identity },
    });
    expect(record.stderr).toBe("");
    expect(record.status).toBe(0);
    repo.edit(file, from, to);
    repo.commit("template", "2026-01-02T00:00:00Z");
    const result = await html();
    expect(result.ok).toBe(false);
    expect(result.diagnostics.list.map((d) => [d.rule, d.severity])).toEqual([["version-unchanged", "error"]]);
    expect(result.diagnostics.list[0]?.message).toContain(`(changed: ${field})`);
  });
});
