import path from "node:path";
import type { Diagnostic } from "./diagnostic.js";
import { rules } from "./rules.js";
import { summaryLine } from "./text.js";
import { isInside, relativePosix } from "../util/paths.js";
import { printable } from "../util/terminal.js";

/** GitHub shows at most this many error annotations, and as many warnings, of one step; the rest only in the log. */
export const annotationLimit = 10;

/** A job summary (GITHUB_STEP_SUMMARY) holds at most 1 MiB per step; toms keeps its part well below. */
const summaryBudget = 900 * 1024;

/**
 * Workflow commands: one annotation per problem at its line (all of them, as the log keeps them), and a notice
 * when GitHub will show only the first ten errors or warnings, saying where the full list is.
 */
export function githubAnnotations(list: readonly Diagnostic[], options: { cwd?: string; summaryWritten?: boolean } = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const lines = list.map((d) => {
    const props = `file=${escapeProperty(printable(relativePosix(cwd, d.file) || "."))},line=${d.line},col=${d.column},title=${escapeProperty(`toms ${d.rule}`)}`;
    return `::${d.severity} ${props}::${escapeData(printable(`${d.message} ${rules[d.rule].hint}`))}\n`;
  });
  const errors = list.filter((d) => d.severity === "error").length;
  const warnings = list.length - errors;
  const cut = [
    ...(errors > annotationLimit ? [`${errors - annotationLimit} of ${errors} errors`] : []),
    ...(warnings > annotationLimit ? [`${warnings - annotationLimit} of ${warnings} warnings`] : []),
  ];
  if (cut.length > 0) {
    const where = options.summaryWritten ? "The job summary lists all of them." : "Run toms check for the full list.";
    const note = `GitHub shows only ${annotationLimit} errors and ${annotationLimit} warnings of a step as annotations: ${cut.join(" and ")} are not annotated. ${where}`;
    lines.push(`::notice title=${escapeProperty("toms check")}::${escapeData(note)}\n`);
  }
  return lines.join("");
}

/**
 * The full list as Markdown for the job summary (GITHUB_STEP_SUMMARY): every problem with its place (linked to the
 * file at the commit when the workflow's variables say where that is), message and what to do. Content is
 * untrusted: every character Markdown or HTML would act on is escaped.
 */
export function githubSummary(list: readonly Diagnostic[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const errors = list.filter((d) => d.severity === "error").length;
  const head = `### toms check: ${escapeMarkdown(summaryLine(errors, list.length - errors))}\n\n`;
  if (list.length === 0) return head;
  const rows: string[] = [];
  let size = head.length;
  for (const d of list) {
    const place = `${relativePosix(cwd, d.file) || "."}:${d.line}:${d.column}`;
    const link = blobUrl(d, env);
    const where = link ? `[${escapeMarkdown(place)}](${link})` : escapeMarkdown(place);
    const row = `| ${d.severity} | ${where} | ${escapeMarkdown(`${d.message} ${rules[d.rule].hint}`)} | ${escapeMarkdown(d.rule)} |\n`;
    if (size + row.length > summaryBudget) {
      rows.push(`\n${list.length - rows.length} more problems are not listed here (a job summary holds at most 1 MiB); run toms check to see them all.\n`);
      break;
    }
    rows.push(row);
    size += row.length;
  }
  return `${head}| | Where | Problem | Rule |\n| --- | --- | --- | --- |\n${rows.join("")}\n`;
}

// The file at the workflow's commit on GitHub, at the problem's line; undefined outside a workflow.
function blobUrl(d: Diagnostic, env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha, GITHUB_WORKSPACE: workspace } = env;
  if (!server || !repository || !sha || !workspace || !isInside(path.resolve(workspace), d.file)) return undefined;
  // Parentheses too, which would end the Markdown link.
  const encode = (part: string) => encodeURIComponent(part).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const file = relativePosix(path.resolve(workspace), d.file).split("/").map(encode).join("/");
  return `${server}/${repository}/blob/${encodeURIComponent(sha)}/${file}#L${d.line}`;
}

// Within a table cell only inline Markdown applies: a backslash before each character that can start emphasis,
// code, a link or image, HTML or an entity, a cell's end, strikethrough, math, an @mention or an #issue leaves
// none of them to content (CommonMark lets any ASCII punctuation be escaped). Hidden characters show as escapes.
export function escapeMarkdown(text: string): string {
  return printable(text).replace(/[\\`*_{}[\]()<>&|~$@#!]/g, (c) => `\\${c}`);
}

// GitHub's workflow command escaping (see @actions/core's command.ts).
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
