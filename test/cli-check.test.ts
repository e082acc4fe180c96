import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { materializeCase } from "./helpers/fixture.js";
import { tempDir } from "./helpers/tmp.js";

// `toms check` as CI scripts see it (FORMAT.md): output shapes and exit codes 0 ok, 1 error, 2 usage.
// Runs bin/toms.js, i.e. the compiled lib/ (`npm test` compiles first).
const repo = path.join(import.meta.dirname, "..");
const bin = path.join(repo, "bin/toms.js");
const fixtures = path.join(import.meta.dirname, "fixtures/check");
// Fixture cases hold only what differs from the base content: each is put together once, in a temporary folder
// laid out like test/fixtures/check, so the paths toms prints are the same as for the fixture.
const work = tempDir();
afterAll(work.cleanup);
const made = new Set<string>();
function fixture(name: string): string {
  const dir = path.join(work.dir, "test/fixtures/check", name);
  if (!made.has(name)) materializeCase(fixtures, name, dir);
  made.add(name);
  return path.join(dir, "content");
}

function toms(args: string[], cwd = repo): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("toms check (text)", () => {
  it("passes the shipped content with exit code 0", () => {
    expect(toms(["check"])).toEqual({ code: 0, stdout: "✓ no problems found\n", stderr: "" });
  });

  it("prints exactly the fixture's lines on stderr and exits 1 on an error", () => {
    const content = fixture("ref-cycle");
    const expected = fs.readFileSync(path.join(fixtures, "ref-cycle/expected.txt"), "utf8");
    expect(toms(["check", "--content", "."], content)).toEqual({ code: 1, stdout: "", stderr: expected });
  });

  it("names files relative to the working directory", () => {
    fixture("ref-dangling");
    const run = toms(["check", "--content", "test/fixtures/check/ref-dangling/content"], work.dir);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(
      'test/fixtures/check/ref-dangling/content/weitergabe.yaml:8:10 error There is no measure "zutritt-rx" to reuse (did you mean "zutritt-rz"?). [measure-ref]',
    );
  });

  it("exits 0 when there are only warnings", () => {
    const run = toms(["check", "--content", "."], fixture("unused-location"));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(fs.readFileSync(path.join(fixtures, "unused-location/expected.txt"), "utf8"));
  });

  it("reports a content folder that does not exist as wrong usage (exit 2), in one line", () => {
    const run = toms(["check", "--content", "no-such-folder"]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: 'toms: the content folder "no-such-folder" does not exist; point --content at the folder that holds site.yaml.\n',
    });
  });

  it("reports a --content that is a file as wrong usage (exit 2)", () => {
    const run = toms(["check", "--content", "README.md"]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: 'toms: --content "README.md" is a file, not a folder; point --content at the folder that holds site.yaml.\n',
    });
  });

  it("reports a content folder without site.yaml as a content error (exit 1): a pull request may delete it", () => {
    fixture("site-missing");
    const run = toms(["check", "--content", "test/fixtures/check/site-missing/content"], work.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("[content-missing]");
  });
});

describe("toms check --format json", () => {
  it("prints an array of { file, line, column, severity, rule, message, hint } and exits 1", () => {
    fixture("location-ref-unknown");
    const run = toms(["check", "--format", "json", "--content", "test/fixtures/check/location-ref-unknown/content"], work.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([
      {
        file: "test/fixtures/check/location-ref-unknown/content/zutritt.yaml",
        line: 13,
        column: 17,
        severity: "error",
        rule: "location-ref",
        message: 'Unknown location "berlinn" (did you mean "berlin"?).',
        hint: "Use the id of a location listed in site.yaml.",
      },
      {
        file: "test/fixtures/check/location-ref-unknown/content/zutritt.yaml",
        line: 13,
        column: 26,
        severity: "error",
        rule: "location-ref",
        message: 'Unknown location "paris".',
        hint: "Use the id of a location listed in site.yaml.",
      },
    ]);
  });

  it("prints [] and exits 0 for clean content", () => {
    const run = toms(["check", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it("gives warnings severity warning and exits 0", () => {
    const run = toms(["check", "--format=json", "--content", "."], fixture("unused-location"));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        file: "site.yaml",
        line: 24,
        column: 9,
        severity: "warning",
        rule: "unused-location",
        message: 'No measure names the location "paris"; its annex holds only the measures that apply everywhere.',
        hint: "Remove the location or assign measures to it.",
      },
    ]);
  });
});

describe("toms check --format github", () => {
  it("prints one workflow annotation per problem and exits 1", () => {
    const run = toms(["check", "--format", "github", "--content", "."], fixture("duplicate-group-and-location-id"));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '::error file=site.yaml,line=14,col=9,title=toms duplicate-id::The group id "vertraulichkeit" is used twice in site.yaml (first at line 12). Give each section, measure, group and location its own id.',
        '::error file=site.yaml,line=19,col=9,title=toms duplicate-id::The location id "berlin" is used twice in site.yaml (first at line 17). Give each section, measure, group and location its own id.',
        '::error file=weitergabe.yaml,line=2,col=8,title=toms group-ref::There is no group "integritaet" in site.yaml. Use the id of a group listed in site.yaml.',
        '::error file=zutritt.yaml,line=13,col=17,title=toms location-ref::Unknown location "aws". Use the id of a location listed in site.yaml.',
        "",
      ].join("\n"),
    );
  });

  it("annotates warnings as ::warning and exits 0", () => {
    const run = toms(["check", "--format", "github", "--content", "."], fixture("unused-location"));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '::warning file=site.yaml,line=24,col=9,title=toms unused-location::No measure names the location "paris"; its annex holds only the measures that apply everywhere. Remove the location or assign measures to it.\n',
    );
  });

  it("prints nothing for clean content", () => {
    expect(toms(["check", "--format", "github"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("wrong usage exits 2 with the usage on stderr", () => {
  it.each([
    ["an unknown flag", ["check", "--colour"], 'toms: unknown option "--colour"'],
    ["an unknown format", ["check", "--format", "xml"], 'toms: unknown --format "xml" for check (text, json or github)'],
    ["an unknown command", ["chekc"], 'toms: unknown command "chekc"'],
    ["no command", [], "toms: no command given"],
    ["an argument check does not take", ["check", "measures"], 'toms: check takes no arguments, got "measures"'],
    ["a flag without its value", ["check", "--content"], 'toms: option "--content" needs a value'],
  ])("%s", (_, args, first) => {
    const run = toms(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(first)).toBe(true);
    expect(run.stderr).toContain("Usage:\n  toms build");
  });
});
