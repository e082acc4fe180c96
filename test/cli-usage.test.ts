import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The command line itself: help, version, and every wrong usage (exit 2, nothing on stdout, what is wrong and
// which help to read on stderr). Runs bin/toms.js, i.e. the compiled lib/ (`npm test` compiles first).
const repo = path.join(import.meta.dirname, "..");
const bin = path.join(repo, "bin/toms.js");
const version = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")).version as string;

function toms(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: "utf8", timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const mainHelp = `toms: the annex "Technische und organisatorische Schutzmaßnahmen" (Art. 32 GDPR) as docs-as-code

Usage: toms COMMAND [OPTIONS]

Commands:
  check   check the measures and report every problem at its file, line and column
  build   check, then write the HTML and PDF annexes and the index page
  dev     preview the annexes in the browser while you edit, with problems shown in the page
  diff    show what changed in each annex between two git revisions
  status  list each measure's owner, last review and next due date, and what each catalogue misses
  record  record the versions of a deployed site on the branch toms-published
  init    start a new annex: a content repository with the usual checklist to fill in
  import  draft a content folder from an existing annex (.docx, .html or .md)

Options:
  -h, --help  show help; "toms help COMMAND" shows a command's options and examples
  --version   print the version of toms

Run "toms help COMMAND" (or "toms COMMAND --help") for the options and examples of a command.
`;

const checkHelp = `toms check: check the measures and report every problem at its file, line and column

Usage: toms check [--content DIR] [--format text|json|github] [--today DATE]

Options:
  --content DIR    the folder that holds site.yaml (default: found from here, see below)
  --today DATE     the day review dates are judged on, YYYY-MM-DD (default: the day of
                   SOURCE_DATE_EPOCH when set, else today's date)
  --format FORMAT  text: each problem with its lines and what to do (default);
                   json: a list for programs; github: annotations in a GitHub
                   workflow, and the full list in its job summary
  -h, --help       show this help

Without --content, toms looks in this folder and then in each folder above it,
up to the top of the git repository, for a folder measures/ or a site.yaml; the
first it finds is the content folder.

Exit status: 0 when there is no error (warnings may be shown), 1 for errors in
the content, 2 for wrong usage.

Examples:
  toms check                        # check the content folder of this project
  toms check --content ../anlage-1  # check another content folder
  toms check --format github        # in a GitHub workflow
`;

describe("help", () => {
  it.each([[[]], [["help"]], [["--help"]], [["-h"]]])("toms %j prints the commands and exits 0", (args) => {
    expect(toms(...args)).toEqual({ code: 0, stdout: mainHelp, stderr: "" });
  });

  it.each([
    [["help", "check"]],
    [["check", "--help"]],
    [["check", "-h"]],
    [["--help", "check"]],
    // Help is what someone who got the options wrong asks for: it wins over them.
    [["check", "--colour", "--help"]],
  ])("toms %j prints the help of check", (args) => {
    expect(toms(...args)).toEqual({ code: 0, stdout: checkHelp, stderr: "" });
  });

  it.each(["build", "diff", "record", "import"])("toms help %s: description, usage, every option, 2 or 3 examples", (command) => {
    const help = toms("help", command);
    expect(help.code).toBe(0);
    expect(toms(command, "--help")).toEqual(help);
    const text = help.stdout;
    expect(text.split("\n")[0]).toMatch(new RegExp(`^toms ${command}: \\w`));
    expect(text).toContain(`\n\nUsage: toms ${command} `);
    const usage = (/\nUsage: (.*)\n/.exec(text) as RegExpExecArray)[1] as string;
    // Every option of the usage line is explained, and the other way round.
    const inUsage = [...usage.matchAll(/--[a-z-]+/g)].map((m) => m[0]).sort();
    const explained = [...text.matchAll(/^ {2}(?:-h, )?(--[a-z-]+)/gm)].map((m) => m[1]).filter((o) => o !== "--help");
    expect(explained.sort()).toEqual(inUsage);
    const examples = text
      .slice(text.indexOf("\nExamples:\n"))
      .split("\n")
      .filter((l) => l.startsWith(`  toms ${command}`));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    expect(text).toMatch(/\nExit status: 0 .*/);
  });
});

describe("--version", () => {
  it.each([[["--version"]], [["check", "--version"]]])("toms %j prints the version of package.json", (args) => {
    expect(toms(...args)).toEqual({ code: 0, stdout: `toms ${version}\n`, stderr: "" });
  });
});

describe("wrong usage exits 2: what is wrong, then which help to read", () => {
  const commands = 'Run "toms help" for the commands.';
  const of = (command: string) => `Run "toms help ${command}" for its options and examples.`;
  it.each([
    [["chekc"], 'unknown command "chekc" (did you mean "check"?)', commands],
    [["recrod"], 'unknown command "recrod" (did you mean "record"?)', commands],
    [["publish"], 'unknown command "publish"', commands],
    [["help", "buidl"], 'unknown command "buidl" (did you mean "build"?)', commands],
    [["help", "check", "build"], 'help takes one command, got "check build"', commands],
    [["--bogus"], 'unknown option "--bogus"', commands],
    [["check", "--fromat", "json"], 'unknown option "--fromat" for check (did you mean "--format"?)', of("check")],
    [["check", "--colour"], 'unknown option "--colour" for check', of("check")],
    [["check", "-x"], 'unknown option "-x" for check', of("check")],
    [["check", "--out", "dist"], "check has no option --out (build, record and import have it)", of("check")],
    [["check", "--format", "xml"], 'unknown --format "xml" for check (text, json or github)', of("check")],
    [["check", "--format", "jsno"], 'unknown --format "jsno" for check (text, json or github; did you mean "json"?)', of("check")],
    [["check", "measures"], 'check takes no arguments, got "measures"', of("check")],
    [["check", "--content"], 'option "--content" needs a value', of("check")],
    [["build", "--verbos"], 'unknown option "--verbos" for build (did you mean "--verbose"?)', of("build")],
    [["build", "--no-pdf=ja"], 'option "--no-pdf" takes no value', of("build")],
    [["build", "--format", "json"], "build has no option --format (check, diff and status have it)", of("build")],
    [["build", "site"], 'build takes no arguments, got "site"', of("build")],
    [["diff"], "diff takes BASE and an optional HEAD revision", of("diff")],
    [["diff", "a", "b", "c"], 'diff takes BASE and an optional HEAD revision, got "a b c"', of("diff")],
    [["diff", "main", "--format", "text"], 'unknown --format "text" for diff (markdown or json)', of("diff")],
    [["diff", "main", "--raport", "x.md"], 'unknown option "--raport" for diff (did you mean "--report"?)', of("diff")],
    [["record", "--adpot"], 'unknown option "--adpot" for record (did you mean "--adopt"?)', of("record")],
    [["record", "extra"], 'record takes no arguments, got "extra"', of("record")],
    // What is typed is shown escaped: it cannot act on the terminal.
    [["che\u001b[31mck"], 'unknown command "che\\u{1B}[31mck"', commands],
  ])("toms %j", (args, message, help) => {
    expect(toms(...args)).toEqual({ code: 2, stdout: "", stderr: `toms: ${message}\n${help}\n` });
  });

  it.each([
    [["check", "--content", "no-such-folder"], 'the content folder "no-such-folder" does not exist; point --content at the folder that holds site.yaml'],
    [
      ["build", "--content", "no-such-folder", "--no-pdf"],
      'the content folder "no-such-folder" does not exist; point --content at the folder that holds site.yaml',
    ],
    [["build", "--out", ".", "--no-pdf"], '--out "." is the working folder or contains it, and the build would replace it'],
    [["record", "--content", "no-such-folder"], 'the content folder "no-such-folder" does not exist; point --content at the folder that holds site.yaml'],
    [["record", "--out", "no-such-site"], 'the site folder "no-such-site" does not exist; point --out at the site as deployed (what toms build wrote)'],
    [["record", "--out", "README.md"], '--out "README.md" is a file, not a folder; point --out at the site as deployed (what toms build wrote)'],
    [["diff", "no-such-revision"], 'unknown revision "no-such-revision": no commit of that name in this repository (is it fetched?)'],
  ])("toms %j: a folder, file or revision that is not there", (args, message) => {
    expect(toms(...args)).toEqual({ code: 2, stdout: "", stderr: `toms: ${message}.\n` });
  });
});
