import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiffResult } from "./diff.js";
import { annexHeading, documentItem, inline, measureItem } from "./report-items.js";
import type { Side } from "./side.js";
import { relativePosix } from "../util/paths.js";
import { printable } from "../util/terminal.js";

/** GitHub's limit for a pull-request comment. */
export const commentLimit = 65_536;

/**
 * What the report may use of it. The rest is for the workflow (.github/workflows/pull-request.yml), which adds a
 * hidden marker line and a link to the full report of at most workflowReserve characters.
 */
export const commentBudget = 60_000;

/** The most the workflow may add to the report; it leaves out a link that would not fit. */
export const workflowReserve = commentLimit - commentBudget;

/** Options of the Markdown report. */
export interface MarkdownOptions {
  /** Largest report in characters; longer ones are cut between changes, with a note. */
  limit?: number;
  /** Where the full report is written, named in the note when the report is cut. */
  reportFile?: string;
  /** Folder file names in diagnostics are shown relative to. */
  cwd?: string;
}

// Bounds of the parts of the report, so that its head (problems, suggestion, overview) cannot outgrow the comment
// either: at most 20 problems of at most ~1,500 characters, an overview of at most 60 annexes, no single part
// over 12,000 characters. Whatever they add up to, the report is put together part by part and stops, with the
// note, before a part that would pass the limit.
const maxAlerts = 20;
const maxMessage = 1_000;
const maxRows = 60;
const maxPart = 12_000;

/** The report for a pull-request comment: head (verdict, problems, suggestion, overview), then one part per change, cut to fit. */
export function markdownReport(result: DiffResult, options: MarkdownOptions = {}): { text: string; truncated: boolean } {
  const limit = options.limit ?? commentBudget;
  const title = `## toms diff: ${clip(`${sideName(result.base)} → ${sideName(result.head)}`, 300)}`;
  const full = limit === Number.POSITIVE_INFINITY;
  if (result.broken) {
    const side = result[result.broken];
    const errors = side.diagnostics.sorted().filter((d) => d.severity === "error");
    const shown = (full ? errors : errors.slice(0, maxAlerts)).map((d) => alert(d, options.cwd, full));
    const more = errors.length > shown.length ? [`… and ${errors.length - shown.length} more; run \`toms check\` at ${clip(sideName(side), 300)}.`] : [];
    const intro = `The content at ${clip(sideName(side), 300)} has ${errors.length} error${errors.length === 1 ? "" : "s"}, so nothing was compared.`;
    return fit(
      [title, intro, ...shown, ...more].map((text) => ({ text, changes: 0 })),
      limit,
      options.reportFile,
      "\n\n",
    );
  }
  const nothing = result.site.length === 0 && result.sections.length === 0 && result.annexes.every((a) => a.changes.length === 0);
  if (nothing) return { text: `No changes to the annexes between ${clip(`${sideName(result.base)} and ${sideName(result.head)}`, 600)}.\n`, truncated: false };

  const head: string[] = [title];
  if (!result.base.present) head.push(`The content folder does not exist at ${clip(sideName(result.base), 300)}: everything is new.`);
  const problems = result.diagnostics.sorted();
  head.push(...(full ? problems : problems.slice(0, maxAlerts)).map((d) => alert(d, options.cwd, full)));
  if (!full && problems.length > maxAlerts) head.push(`… and ${problems.length - maxAlerts} more problems (see the full report).`);
  if (result.suggestion) {
    const what = result.suggestion.bump ? "Raise the version and add an entry to the change history" : "Add an entry to the change history";
    head.push(`${what} in \`site.yaml\`:\n\n${fence(result.suggestion.yaml, "yaml", full ? Number.POSITIVE_INFINITY : maxPart)}`);
  }
  head.push(versionLine(result), overview(result, full ? Number.POSITIVE_INFINITY : maxRows));

  const parts: Part[] = head.map((text) => ({ text, changes: 0 }));
  // A change too long for the comment (a 32 KB text) is named, not shown, so that the changes after it still are.
  const measure = (text: string) =>
    full || text.length <= maxPart ? text : `${clip(text.split("\n")[0] ?? "", 2_000)}\n\n  (Too long to show here: see the full report.)`;
  const section = (heading: string, items: string[]) =>
    items.forEach((item, i) => parts.push({ text: i === 0 ? `${heading}\n\n${measure(item)}` : measure(item), changes: 1 }));
  section("### site.yaml", result.site.map(documentItem));
  section("### Sections", result.sections.map(documentItem));
  for (const annex of result.annexes) {
    if (annex.changes.length === 0) parts.push({ text: annexHeading(annex), changes: 0 });
    else
      section(
        annexHeading(annex),
        annex.changes.map((c) => measureItem(c, annex.location)),
      );
  }
  return fit(parts, limit, options.reportFile, "\n\n");
}

/** One piece of the report and how many changes it shows. */
interface Part {
  text: string;
  changes: number;
}

// Puts the parts together, separated by `gap`, and stops before the first that would pass the limit, with a note
// saying how many changes are left out: every part is added only when it fits together with room for the note,
// and the note is never longer than noteLength, so the report never passes the limit.
function fit(parts: Part[], limit: number, reportFile: string | undefined, gap: string): { text: string; truncated: boolean } {
  const total = parts.reduce((n, p) => n + p.changes, 0);
  let text = "";
  let shown = 0;
  for (const [index, part] of parts.entries()) {
    const next = `${text}${index === 0 ? "" : gap}${part.text}`;
    const later = index + 1 < parts.length;
    if (`${next}\n`.length + (later ? noteLength + gap.length : 0) > limit) {
      text += `${gap}${note(total - shown, reportFile)}\n`;
      return { text, truncated: true };
    }
    text = next;
    shown += part.changes;
  }
  return { text: `${text}\n`, truncated: false };
}

const noteLength = 600;

function note(omitted: number, reportFile: string | undefined): string {
  const where = reportFile
    ? `The full report is in \`${clip(path.basename(reportFile).replace(/`/g, ""), 100)}\`.`
    : "Run `toms diff BASE HEAD --report FILE` for the full report.";
  return `> [!NOTE]\n> The report is cut here: ${omitted} more change${omitted === 1 ? " is" : "s are"} not shown, as a pull-request comment holds at most ${commentLimit.toLocaleString("en")} characters. ${where}`;
}

/** A text cut to at most `max` characters, with "…" where it was cut. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// A code block no line of the text can close, cut to `max` characters (closed again after the cut).
function fence(text: string, lang: string, max: number): string {
  const marks = "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const body = text.length <= max ? text : `${text.slice(0, max)}\n… (cut here: see the full report)`;
  return `${marks}${lang}\n${body}\n${marks}`;
}

function sideName(side: Side): string {
  if (side.revision === undefined) return "the working tree";
  const short = side.commit?.slice(0, 7) ?? "";
  return side.commit?.startsWith(side.revision) ? `\`${short}\`` : `\`${side.revision.replace(/`/g, "")}\` (\`${short}\`)`;
}

function alert(d: Diagnostic, cwd = process.cwd(), full = false): string {
  const file = printable(relativePosix(cwd, d.file));
  const kind = d.severity === "error" ? "CAUTION" : "WARNING";
  const max = full ? Number.POSITIVE_INFINITY : maxMessage;
  return `> [!${kind}]\n> ${clip(inline(d.message), max)}\n> \`${clip(file.replace(/`/g, ""), max / 2)}:${d.line}:${d.column}\` [${d.rule}]`;
}

function versionLine({ base, head }: DiffResult): string {
  const pair = (label: string, before: string | undefined, after: string | undefined) =>
    before === after ? `**${label}** ${inline(after ?? "")} (unchanged)` : `**${label}** ${inline(before ?? "–")} → ${inline(after ?? "–")}`;
  return `${pair("Version", base.site?.version, head.site?.version)} · ${pair("valid from", base.site?.validFrom, head.site?.validFrom)}`;
}

function overview(result: DiffResult, rows: number): string {
  const kinds = ["added", "removed", "changed", "moved", "locations"] as const;
  const shown = result.annexes.slice(0, rows).map((a) => {
    const name = a.location === "all" ? "combined" : `${clip(inline(a.name ?? a.location), 120)} (\`${a.location}\`)`;
    return `| ${name} | ${kinds.map((k) => a.changes.filter((c) => c.kind === k).length || "").join(" | ")} |`;
  });
  const rest = result.annexes.length - shown.length;
  const more = rest > 0 ? [`| … and ${rest} more annexes (see the full report) | | | | | |`] : [];
  return ["| annex | added | removed | changed | moved | locations |", "| --- | ---: | ---: | ---: | ---: | ---: |", ...shown, ...more].join("\n");
}
