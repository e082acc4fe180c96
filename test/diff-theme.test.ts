// toms diff and the build on site.yaml's theme (the logo's bytes, the accent colour) and site_url, in real git
// repositories: the logo is in the letterhead of every page and PDF, the accent colour is part of their look and
// site_url makes the PDFs link to that address, so a change of any of them is a change of every annex and needs a
// new version, like a change of a template (diff-templates.test.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { build } from "../src/commands/build.js";
import { diffContent } from "../src/diff/diff.js";
import { jsonReport } from "../src/diff/json.js";
import { markdownReport } from "../src/diff/report-markdown.js";
import type { Site } from "../src/model.js";
import { annexTextKey } from "../src/publish/annex-text.js";
import { makeRepo, smallContent, type TestRepo } from "./diff-helpers.js";
import { png } from "./helpers/png.js";
import { tempDir } from "./helpers/tmp.js";

let repo: TestRepo;
afterEach(() => repo.remove());

const logo = (file: string, shade: number) => fs.writeFileSync(path.join(repo.dir, "measures", file), png(40, 10, shade));
const withTheme = () => repo.edit("measures/site.yaml", "lang: de\n", "lang: de\nsite_url: https://example.org/anlage/\ntheme:\n  logo: marke/logo.png\n");
const diff = () => diffContent({ content: "measures", base: "main", cwd: repo.dir, today: "2099-06-01" });
const rules = (result: ReturnType<typeof diff>) => result.diagnostics.sorted().map((d) => `${d.severity} ${d.rule}`);
// Whether the key that tells an unpublished version's texts apart (the build's choice of the commit it was built from)
// sees the two sides as the same annexes.
const sameKey = (result: ReturnType<typeof diff>) => annexTextKey(result.base.site as Site) === annexTextKey(result.head.site as Site);
// A new version: raised, in force later, with its own history entry.
const bump = () => {
  repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "1.1"');
  repo.edit("measures/site.yaml", "valid_from: 2099-01-01", "valid_from: 2099-07-01");
  repo.edit("measures/site.yaml", "changes:\n", 'changes:\n  - version: "1.1"\n    date: 2099-07-01\n    summary: "Neues Logo."\n');
};

describe("toms diff on the theme and site_url", () => {
  beforeEach(() => {
    repo = makeRepo();
    repo.write(smallContent);
    fs.mkdirSync(path.join(repo.dir, "measures/marke"));
    logo("marke/logo.png", 0x80);
    withTheme();
    repo.commit("base");
  });

  test("the logo's bytes changed, its path not: a change of every annex, named (not shown); the version must be raised", () => {
    logo("marke/logo.png", 0x20);
    const result = diff();
    expect(result.site).toEqual([{ kind: "changed", field: "theme.logo" }]);
    expect(result.contentChanged).toBe(true);
    expect(sameKey(result)).toBe(false);
    expect(rules(result)).toEqual(["error version-unchanged"]);
    const md = markdownReport(result).text;
    expect(md).toContain("### site.yaml\n\n- **geändert** Logo (theme.logo) (`theme.logo`)\n");
    expect(md).not.toContain("Keine Änderungen an den Anlagen");
    expect(result.suggestion?.summary).toBe("Außerdem geändert: Logo (theme.logo).");
    expect(JSON.parse(jsonReport(result, repo.dir)).site).toEqual([{ kind: "changed", field: "theme.logo" }]);
    bump();
    expect(rules(diff())).toEqual([]);
  });

  test("the same logo under another path is no change of what readers see; another picture under another path is", () => {
    fs.renameSync(path.join(repo.dir, "measures/marke/logo.png"), path.join(repo.dir, "measures/marke/firma.png"));
    repo.edit("measures/site.yaml", "logo: marke/logo.png", "logo: marke/firma.png");
    const moved = diff();
    expect(moved.broken).toBeUndefined();
    expect(moved.site).toEqual([]);
    expect(moved.contentChanged).toBe(false);
    expect(sameKey(moved)).toBe(true);
    logo("marke/firma.png", 0x20);
    expect(diff().site).toEqual([{ kind: "changed", field: "theme.logo" }]);
    repo.edit("measures/site.yaml", "theme:\n  logo: marke/firma.png\n", "");
    expect(diff().site).toEqual([{ kind: "removed", field: "theme.logo" }]);
  });

  test("an accent colour added: the colour reported, a change of every annex", () => {
    repo.edit("measures/site.yaml", "  logo: marke/logo.png\n", '  logo: marke/logo.png\n  accent: "#8b0000"\n');
    const result = diff();
    expect(result.site).toEqual([{ kind: "added", field: "theme.accent", after: "#8b0000" }]);
    expect(rules(result)).toEqual(["error version-unchanged"]);
    expect(markdownReport(result).text).toContain("### site.yaml\n\n- **neu** Akzentfarbe (theme.accent) (`theme.accent`): #&#8203;8b0000\n");
    repo.commit("accent");
    repo.edit("measures/site.yaml", '"#8b0000"', '"#1d4e89"');
    const since = diffContent({ content: "measures", base: "HEAD", cwd: repo.dir, today: "2099-06-01" });
    expect(since.site).toEqual([{ kind: "changed", field: "theme.accent", before: "#8b0000", after: "#1d4e89" }]);
  });

  test("site_url changed: before and after reported, a change of every annex (the PDFs link to it)", () => {
    repo.edit("measures/site.yaml", "https://example.org/anlage/", "https://boese.example/anlage/");
    const result = diff();
    expect(result.site).toEqual([{ kind: "changed", field: "site_url", before: "https://example.org/anlage/", after: "https://boese.example/anlage/" }]);
    expect(result.contentChanged).toBe(true);
    expect(rules(result)).toEqual(["error version-unchanged"]);
    expect(markdownReport(result).text).toContain(
      "- **geändert** Öffentliche Adresse der Anlagen (site\\_url) (`site_url`): `https://example.org/anlage/` → `https://boese.example/anlage/`\n",
    );
    repo.edit("measures/site.yaml", "site_url: https://boese.example/anlage/\n", "");
    expect(diff().site).toEqual([{ kind: "removed", field: "site_url", before: "https://example.org/anlage/" }]);
  });

  test("site.yaml only re-spaced, commented, re-quoted, or the same colour and address spelt otherwise: no change", () => {
    repo.edit("measures/site.yaml", "  logo: marke/logo.png\n", '  logo: marke/logo.png\n  accent: "#8B0000"\n');
    repo.commit("accent");
    repo.edit(
      "measures/site.yaml",
      'site_url: https://example.org/anlage/\ntheme:\n  logo: marke/logo.png\n  accent: "#8B0000"\n',
      '# Die Adresse der Anlagen\nsite_url: "https://example.org/anlage"\n\ntheme:   # Logo und Farbe\n    logo:   "marke/logo.png"\n    accent: "#8b0000"   # dunkelrot\n',
    );
    const result = diffContent({ content: "measures", base: "HEAD", cwd: repo.dir, today: "2099-06-01" });
    expect(result.broken).toBeUndefined();
    expect(result.head.site?.siteUrl).toBe("https://example.org/anlage/");
    expect(result.head.site?.theme?.accent?.rule).toBe("#8b0000");
    expect(result.head.site?.theme?.logo?.name).toBe("logo.png");
    expect(result.site).toEqual([]);
    expect(result.contentChanged).toBe(false);
    expect(sameKey(result)).toBe(true);
    expect(rules(result)).toEqual([]);
    expect(markdownReport(result).text).toContain("Keine Änderungen an den Anlagen");
  });
});

describe("the build of a published version whose logo changed", () => {
  let outs: ReturnType<typeof tempDir>;
  beforeEach(() => {
    outs = tempDir("toms-theme-");
    repo = makeRepo();
    repo.write(smallContent);
    fs.mkdirSync(path.join(repo.dir, "measures/marke"));
    logo("marke/logo.png", 0x80);
    withTheme();
    repo.commit("1.0", "2026-01-01T00:00:00Z");
  });
  afterEach(() => outs.cleanup());

  const dist = (name: string) => path.join(outs.dir, name);
  const html = (name: string) => build({ content: path.join(repo.dir, "measures"), out: dist(name), pdf: false });

  test.each([
    ["its logo", () => logo("marke/logo.png", 0x20), "theme.logo"],
    ["its accent colour", () => repo.edit("measures/site.yaml", "  logo: marke/logo.png\n", '  logo: marke/logo.png\n  accent: "#8b0000"\n'), "theme.accent"],
    ["its site_url", () => repo.edit("measures/site.yaml", "https://example.org/anlage/", "https://boese.example/anlage/"), "site_url"],
  ])("refuses %s changed under the published version instead of serving the old one", async (_what, change, field) => {
    expect((await html("d1")).ok).toBe(true);
    // Published: recorded on toms-published, as the Pages workflow does after deploying.
    const identity = { GIT_AUTHOR_NAME: "Pages", GIT_AUTHOR_EMAIL: "pages@example.org", GIT_COMMITTER_NAME: "Pages", GIT_COMMITTER_EMAIL: "pages@example.org" };
    const record = spawnSync(process.execPath, [path.resolve("bin/toms.js"), "record", "--out", dist("d1")], {
      cwd: repo.dir,
      encoding: "utf8",
      env: { ...process.env, ...identity },
    });
    expect(record.stderr).toBe("");
    expect(record.status).toBe(0);
    change();
    repo.commit("theme", "2026-01-02T00:00:00Z");
    const result = await html("d2");
    expect(result.ok).toBe(false);
    expect(result.diagnostics.list.map((d) => [d.rule, d.severity])).toEqual([["version-unchanged", "error"]]);
    // When it was recorded (today) and from which commit vary from run to run.
    expect(result.diagnostics.list[0]?.message.replace(/on \d{4}-\d\d-\d\d from commit [0-9a-f]{12}/, "on DAY from commit COMMIT")).toBe(
      `Version "1.0" was published on DAY from commit COMMIT, and its text has changed since (changed: ${field}). A published version never changes: raise "version" (e.g. to "1.1"), set "valid_from" and add an entry to "changes".`,
    );
  });

  test("a new version with the new logo publishes it, and its changes page names it", async () => {
    expect((await html("d1")).ok).toBe(true);
    logo("marke/logo.png", 0x20);
    bump();
    repo.commit("1.1", "2026-01-02T00:00:00Z");
    const result = await html("d2");
    expect(result.diagnostics.list.filter((d) => d.severity === "error")).toEqual([]);
    expect(fs.readFileSync(dist("d2/logo.png")).equals(png(40, 10, 0x20))).toBe(true);
    expect(fs.readFileSync(dist("d2/1.1/changes.html"), "utf8")).toContain("Logo (theme.logo)");
  });
});
