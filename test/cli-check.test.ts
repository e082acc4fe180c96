import { execFileSync, spawnSync } from "node:child_process";
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

// The environment of a CI job without GitHub's variables and without colour settings, plus what a test sets.
function toms(args: string[], cwd = repo, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(FORCE_COLOR|NO_COLOR|GITHUB_\w+|CI)$/.test(key)));
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 30_000, env: { ...clean, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const expected = (name: string) => fs.readFileSync(path.join(fixtures, name, "expected.txt"), "utf8");
// The lines of a text report without frames and hints: what the check fixtures record.
const firstLines = (report: string) =>
  `${report
    .split("\n")
    .filter((line) => /^\S+:\d+:\d+ (error|warning) /.test(line) || /^[✖⚠✓] /.test(line))
    .join("\n")}\n`;

describe("toms check (text)", () => {
  it("passes the shipped example (meetyoo) with exit code 0", () => {
    expect(toms(["check"])).toEqual({ code: 0, stdout: "✓ no problems found\n", stderr: "" });
  });

  it("prints each problem's line, its source with a caret under the span, and what to do; exit 1", () => {
    expect(toms(["check", "--content", "."], fixture("ref-cycle"))).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        'weitergabe.yaml:8:10 error The measures "zutritt-rz-weitergabe" → "kreis-b" → "kreis-c" → "zutritt-rz-weitergabe" reuse each other in a circle, so none of them has a text. [ref-cycle]',
        "  7 |   - id: zutritt-rz-weitergabe",
        "> 8 |     ref: kreis-b",
        "    |          ^^^^^^^",
        "  hint: Let one of the measures carry the text itself.",
        "",
        "✖ 1 error, 0 warnings",
        "",
      ].join("\n"),
    });
  });

  it.each(["location-ref-unknown", "deceptive-bidi", "glyph-missing", "encoding-latin1-prose", "site-missing"])(
    "%s: the first line of each problem and the summary are the fixture's lines",
    (name) => {
      const run = toms(["check", "--content", "."], fixture(name));
      expect(run.code).toBe(1);
      expect(firstLines(run.stderr)).toBe(expected(name));
    },
  );

  it("shows no raw control or bidirectional character of the content, frames included", () => {
    const run = toms(["check", "--content", "."], fixture("deceptive-bidi"));
    expect(run.stderr).toContain('> 6 |     text: "Besucher werden \\u{202E}nicht\\u{202C} begleitet."');
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
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
    expect(firstLines(run.stderr)).toBe(expected("unused-location"));
    expect(run.stderr).toContain("  hint: Remove the location or assign measures to it.\n");
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

describe("colour", () => {
  const plain = () => toms(["check", "--content", "."], fixture("location-ref-unknown"));
  // Escape sequences of colours (SGR) only: nothing that moves the cursor or renames the window.
  const sgr = /\u001b\[\d+m/g;

  it("is off when the output is not a terminal (a pipe, a file, a CI log)", () => {
    expect(plain().stderr).not.toContain("\u001b");
  });

  it("is on with FORCE_COLOR, and then the same text with colours", () => {
    const run = toms(["check", "--content", "."], fixture("location-ref-unknown"), { FORCE_COLOR: "1" });
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(
      '\u001b[1mzutritt.yaml:13:17\u001b[22m \u001b[1m\u001b[31merror\u001b[39m\u001b[22m Unknown location "berlinn" (did you mean "berlin"?). \u001b[2m[location-ref]\u001b[22m',
    );
    expect(run.stderr.replace(sgr, "")).toBe(plain().stderr);
    expect(run.stderr.replace(sgr, "")).not.toContain("\u001b");
  });

  it("stays off with FORCE_COLOR=0, and NO_COLOR turns it off", () => {
    const env = fixture("location-ref-unknown");
    expect(toms(["check", "--content", "."], env, { FORCE_COLOR: "0" }).stderr).toBe(plain().stderr);
    expect(toms(["check", "--content", "."], env, { NO_COLOR: "1" }).stderr).toBe(plain().stderr);
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

  it("prints nothing for clean content, and the job summary says so", () => {
    const summary = path.join(work.dir, "clean-summary.md");
    expect(toms(["check", "--format", "github"], repo, { GITHUB_STEP_SUMMARY: summary })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(fs.readFileSync(summary, "utf8")).toBe("### toms check: ✓ no problems found\n\n");
  });

  describe("more problems than GitHub annotates (10 errors and 10 warnings per step)", () => {
    // 13 unknown locations (errors) and 12 images (warnings): 25 problems.
    const content = path.join(work.dir, "many/content");
    fs.cpSync(path.join(fixtures, "_base/content"), content, { recursive: true });
    const measure = (i: number) =>
      i < 13 ? `  - id: m${i}\n    locations: [ort-${i}]\n    text: Text.\n` : `  - id: m${i}\n    text: "Bild ![Plan](https://example.org/${i}.png)"\n`;
    const lines = Array.from({ length: 25 }, (_, i) => measure(i)).join("");
    fs.writeFileSync(path.join(content, "viele.yaml"), `id: viele\ngroup: integritaet\ntitle: "Viele"\nmeasures:\n${lines}`);
    const note =
      "::notice title=toms check::GitHub shows only 10 errors and 10 warnings of a step as annotations: 3 of 13 errors and 2 of 12 warnings are not annotated.";

    it("annotates all 25, says that 5 are not shown, and lists all in the job summary (appended, linked)", () => {
      const summary = path.join(work.dir, "many-summary.md");
      fs.writeFileSync(summary, "earlier step\n");
      const env = {
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "beispiel/toms",
        GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
        GITHUB_WORKSPACE: work.dir,
      };
      const run = toms(["check", "--format", "github", "--content", "many/content"], work.dir, env);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe("");
      const out = run.stdout.trimEnd().split("\n");
      expect(out.filter((l) => l.startsWith("::error ")).length).toBe(13);
      expect(out.filter((l) => l.startsWith("::warning ")).length).toBe(12);
      expect(out.at(-1)).toBe(`${note} The job summary lists all of them.`);

      const written = fs.readFileSync(summary, "utf8").split("\n");
      expect(written.slice(0, 6)).toEqual([
        "earlier step",
        "### toms check: ✖ 13 errors, 12 warnings",
        "",
        "| | Where | Problem | Rule |",
        "| --- | --- | --- | --- |",
        '| error | [many/content/viele.yaml:6:17](https://github.com/beispiel/toms/blob/0123456789abcdef0123456789abcdef01234567/many/content/viele.yaml#L6) | Unknown location "ort-0". Use the id of a location listed in site.yaml. | location-ref |',
      ]);
      const rows = written.filter((l) => /^\| (error|warning) \|/.test(l));
      expect(rows.length).toBe(25);
      expect(rows.filter((l) => l.startsWith("| warning |")).length).toBe(12);
      expect(rows.at(-1)).toMatch(/^\| warning \| \[many\/content\/viele\.yaml:\d+:\d+\]\(https:\/\/github\.com\/.*#L\d+\) \| .* \| markdown-image \|$/);
    });

    it("outside a workflow: the notice points to toms check, and no summary is written", () => {
      const run = toms(["check", "--format", "github", "--content", "many/content"], work.dir);
      expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(`${note} Run toms check for the full list.`);
    });
  });

  it("escapes Markdown and HTML of the content in the job summary", () => {
    const summary = path.join(work.dir, "escaped-summary.md");
    const content = path.join(work.dir, "escape/content");
    fs.cpSync(path.join(fixtures, "_base/content"), content, { recursive: true });
    fs.writeFileSync(
      path.join(content, "x.yaml"),
      'id: x\ngroup: integritaet\ntitle: "X"\nmeasures:\n  - id: y\n    locations: ["<img src=x>|**@alle**"]\n    text: T.\n',
    );
    toms(["check", "--format", "github", "--content", "escape/content"], work.dir, { GITHUB_STEP_SUMMARY: summary });
    const row = fs
      .readFileSync(summary, "utf8")
      .split("\n")
      .find((l) => l.startsWith("| error |"));
    expect(row).toBe(
      '| error | escape/content/x.yaml:6:17 | "\\<img src=x\\>\\|\\*\\*\\@alle\\*\\*" is not a valid location id: use only lower-case letters, digits and hyphens \\(e.g. "img-src-x-alle"\\). Correct the value. | invalid-value |',
    );
  });
});

describe("without --content, the content folder is found from where toms runs", () => {
  // A repository whose measures/ has one problem (as the fixture location-ref-unknown), with a subfolder.
  const project = path.join(work.dir, "projekt");
  fs.mkdirSync(project, { recursive: true });
  execFileSync("git", ["init", "-q"], { cwd: project });
  fs.cpSync(path.join(fixtures, "_base/content"), path.join(project, "measures"), { recursive: true });
  fs.copyFileSync(path.join(fixtures, "location-ref-unknown/content/zutritt.yaml"), path.join(project, "measures/zutritt.yaml"));
  const first = (cwd: string) => toms(["check"], cwd).stderr.split("\n")[0];

  it.each([
    ["the project", ".", "measures/zutritt.yaml"],
    ["the content folder", "measures", "zutritt.yaml"],
    ["a folder inside it", "measures/prose", "../zutritt.yaml"],
  ])("from %s", (_, cwd, shown) => {
    expect(first(path.join(project, cwd))).toBe(`${shown}:13:17 error Unknown location "berlinn" (did you mean "berlin"?). [location-ref]`);
  });

  it("a content folder of another name, from inside it; not from the project, where nothing says which it is", () => {
    const other = path.join(work.dir, "anders");
    fs.mkdirSync(other);
    execFileSync("git", ["init", "-q"], { cwd: other });
    fs.cpSync(path.join(fixtures, "_base/content"), path.join(other, "anlage"), { recursive: true });
    expect(toms(["check"], path.join(other, "anlage"))).toEqual({ code: 0, stdout: "✓ no problems found\n", stderr: "" });
    expect(toms(["check"], path.join(other, "anlage/prose"))).toEqual({ code: 0, stdout: "✓ no problems found\n", stderr: "" });
    expect(toms(["check"], other)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'toms: there is no content folder here: no measures/ folder and no site.yaml in this folder or one above it (up to the top of the git repository); point --content at the folder that holds site.yaml.\nRun "toms help check" for its options and examples.\n',
    });
  });

  it("outside a git repository, only in the folder itself: nothing far above is picked up", () => {
    const loose = path.join(work.dir, "lose");
    fs.cpSync(path.join(fixtures, "_base/content"), loose, { recursive: true });
    expect(toms(["check"], loose).code).toBe(0);
    expect(toms(["check"], path.join(loose, "prose")).code).toBe(2);
  });

  it("toms build from inside the content folder writes dist/ beside it, in the project", () => {
    const clean = path.join(work.dir, "sauber");
    fs.mkdirSync(clean);
    execFileSync("git", ["init", "-q"], { cwd: clean });
    fs.cpSync(path.join(fixtures, "_base/content"), path.join(clean, "measures"), { recursive: true });
    const run = toms(["build", "--no-pdf"], path.join(clean, "measures/prose"));
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^✓ 3 annexes written to \.\.\/\.\.\/dist in \d+ ms$/);
    expect(fs.existsSync(path.join(clean, "dist/index.html"))).toBe(true);
  });
});
