import fs from "node:fs";
import path from "node:path";
import { type Rule, rules } from "../diagnostics/rules.js";
import { printable } from "../util/terminal.js";
import { codeBlock, generatedNote } from "./markdown.js";

/** The example of a rule from its check fixture: the files that differ from the base content, and the lines toms check prints. */
interface Example {
  case: string;
  files: { name: string; shown: string }[];
  removed: string[];
  output: string[];
}

/**
 * docs/rules.md: every rule of the catalogue (src/diagnostics/rules.ts) with its severity, title, why and what to do,
 * and its example — the input of its check fixture and the exact lines toms check prints for it — or, for a rule no
 * fixture can show, where it is reported and tested.
 */
export function rulesPage(root: string): string {
  const fixtures = path.join(root, "test/fixtures/check");
  const entries = Object.entries(rules as Record<string, Rule>);
  const lines = [
    generatedNote("src/diagnostics/rules.ts and test/fixtures/check"),
    "",
    "# Problems toms reports",
    "",
    "`toms check` (and `toms build`, `toms diff`) report each problem at its file, line and column, with the id of its rule",
    "in brackets, e.g. `[location-ref]`. This page explains every rule: what it protects, an example that triggers it,",
    "and what to do. An **error** stops the build and fails the pull request; a **warning** is shown but does not.",
    "",
    "Each example is a test case: the files that differ from a small valid content folder",
    "([`test/fixtures/check/_base/content`](../test/fixtures/check/_base/content/)) and the first line of each problem",
    "`toms check` prints for them. On a terminal, toms also shows the lines around the problem and the hint.",
    "",
    "| rule | severity | problem |",
    "| --- | --- | --- |",
    ...entries.map(([id, rule]) => `| [\`${id}\`](#${id}) | ${rule.severity} | ${rule.title} |`),
    "",
  ];
  for (const [id, rule] of entries) {
    lines.push(`## ${id}`, "", `**${rule.title}** · ${rule.severity}`, "", rule.why, "", `**What to do:** ${rule.hint}`, "");
    if (typeof rule.fixture === "string") {
      const example = exampleOf(fixtures, rule.fixture, id);
      const differs = example.files.length + example.removed.length > 0 ? " The content differs from the base example in:" : "";
      lines.push(`**Example** ([\`${example.case}\`](../test/fixtures/check/${example.case}/)).${differs}`, "");
      for (const file of example.files) lines.push(`\`${file.name}\`:`, "", file.shown, "");
      for (const file of example.removed) lines.push(`\`${file}\` is removed.`, "");
      lines.push("`toms check` prints:", "", codeBlock(example.output.join("\n")), "");
    } else {
      lines.push(
        `**Example:** no check fixture can show this rule: ${rule.fixture.reason}. [\`${rule.fixture.test}\`](../${rule.fixture.test}) produces it.`,
        "",
      );
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function exampleOf(fixtures: string, name: string, id: string): Example {
  const dir = path.join(fixtures, name);
  const output = fs
    .readFileSync(path.join(dir, "expected.txt"), "utf8")
    .split("\n")
    .filter((line) => line.endsWith(` [${id}]`));
  const removedFile = path.join(dir, "removed.txt");
  const removed = fs.existsSync(removedFile) ? fs.readFileSync(removedFile, "utf8").split("\n").filter(Boolean) : [];
  const content = path.join(dir, "content");
  const files = fs.existsSync(content) ? listAll(content).map((name) => ({ name, shown: show(path.join(content, name), name) })) : [];
  return { case: name, files, removed, output };
}

function listAll(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const name = path.posix.join(prefix, entry.name);
      return entry.isDirectory() ? listAll(dir, name) : [name];
    });
}

// A file as the page shows it: text in a code block with its invisible characters as their codes (the page must not
// do what the example warns about), and in words what cannot be shown as text.
function show(file: string, name: string): string {
  const stat = fs.lstatSync(file);
  if (stat.isSymbolicLink()) {
    const target = fs.readlinkSync(file);
    const exists = fs.existsSync(path.resolve(path.dirname(file), target));
    return `A link to \`${target}\`${exists ? "" : ", which does not exist"}.`;
  }
  const bytes = fs.readFileSync(file);
  if (bytes.length === 0) return "An empty file.";
  const lang = name.endsWith(".md") ? "markdown" : name.endsWith(".yaml") ? "yaml" : "";
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return `Saved as UTF-16 (shown decoded):\n\n${codeBlock(visible(new TextDecoder("utf-16le").decode(bytes.subarray(2))), lang)}`;
  if (bytes.includes(0)) return `A binary file of ${bytes.length} bytes, not text.`;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return `Saved as Windows-1252, not UTF-8 (shown decoded):\n\n${codeBlock(visible(new TextDecoder("windows-1252").decode(bytes)), lang)}`;
  }
  const shown = visible(text);
  const note = shown === text.replace(/\r\n|\r/g, "\n") ? "" : "Its invisible characters are shown as their code in braces, e.g. `\\u{202E}`:\n\n";
  return `${note}${codeBlock(shown, lang)}`;
}

function visible(text: string): string {
  return text
    .split(/\r\n|\n|\r/)
    .map((line) => printable(line))
    .join("\n");
}
