import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DocumentChange } from "./changes.js";
import type { DiffResult } from "./diff.js";
import { strings } from "../render/i18n.js";
import { annexName, documentItem, groupChanges, inline, measureItem, type ReportContext } from "./report-items.js";
import { fieldNames, reportWords, type ReportWords } from "./report-words.js";
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

/**
 * The report for a pull-request comment, in the annex's language: head (verdict, problems, suggestion, overview), then
 * each distinct change once with the annexes it affects, cut to fit.
 */
export function markdownReport(result: DiffResult, options: MarkdownOptions = {}): { text: string; truncated: boolean } {
  const limit = options.limit ?? commentBudget;
  const lang = (result.head.site ?? result.base.site)?.lang ?? "en";
  const w = reportWords(lang);
  const name = (side: Side) => sideName(side, w);
  const title = `## toms diff: ${clip(`${name(result.base)} → ${name(result.head)}`, 300)}`;
  const full = limit === Number.POSITIVE_INFINITY;
  const fitted = (parts: Part[]) => fit(parts, limit, options.reportFile, "\n\n", w);
  if (result.broken) {
    const side = result[result.broken];
    const errors = side.diagnostics.sorted().filter((d) => d.severity === "error");
    const shown = (full ? errors : errors.slice(0, maxAlerts)).map((d) => alert(d, options.cwd, full));
    const more = errors.length > shown.length ? [w.moreErrors(errors.length - shown.length, clip(name(side), 300))] : [];
    const intro = w.brokenSide(clip(name(side), 300), errors.length);
    return fitted([title, intro, ...shown, ...more].map((text) => ({ text, changes: 0 })));
  }
  const nothing = result.site.length === 0 && result.sections.length === 0 && result.annexes.every((a) => a.changes.length === 0);
  if (nothing) return { text: `${w.nothing(clip(w.between(name(result.base), name(result.head)), 600))}\n`, truncated: false };

  const head: string[] = [title];
  if (!result.base.present) head.push(w.notPresent(clip(name(result.base), 300)));
  const problems = result.diagnostics.sorted();
  head.push(...(full ? problems : problems.slice(0, maxAlerts)).map((d) => alert(d, options.cwd, full)));
  if (!full && problems.length > maxAlerts) head.push(w.moreProblems(problems.length - maxAlerts));
  if (result.suggestion) {
    const what = result.suggestion.bump ? w.raiseAndAdd : w.addEntry;
    head.push(`${what}\n\n${fence(result.suggestion.yaml, "yaml", full ? Number.POSITIVE_INFINITY : maxPart)}`);
  }
  head.push(versionLine(result, w), overview(result, full ? Number.POSITIVE_INFINITY : maxRows, w));

  const parts: Part[] = head.map((text) => ({ text, changes: 0 }));
  // A change too long for the comment (a 32 KB text) is named, not shown, so that the changes after it still are.
  const measure = (text: string) => (full || text.length <= maxPart ? text : `${clip(text.split("\n")[0] ?? "", 2_000)}\n\n  ${w.tooLong}`);
  const section = (heading: string, items: string[]) =>
    items.forEach((item, i) => parts.push({ text: i === 0 ? `${heading}\n\n${measure(item)}` : measure(item), changes: 1 }));
  const context: ReportContext = {
    w,
    t: strings(lang),
    annexes: result.annexes.length,
    // A field is named as the reader knew it: the old title of a renamed group.
    names: fieldNames(result.head.site, result.base.site),
    perLanguage: perLanguage(result),
  };
  // The templates are files of their own, beside site.yaml.
  const template = (c: DocumentChange) => c.field.startsWith("templates.");
  section(
    "### site.yaml",
    result.site.filter((c) => !template(c)).map((c) => documentItem(c, context)),
  );
  section(
    "### templates/",
    result.site.filter(template).map((c) => documentItem(c, context)),
  );
  section(
    `### ${w.sections}`,
    result.sections.map((c) => documentItem(c, context)),
  );
  section(
    `### ${w.measures}`,
    groupChanges(result.annexes).map((g) => measureItem(g, context)),
  );
  return fitted(parts);
}

/** One piece of the report and how many changes it shows. */
interface Part {
  text: string;
  changes: number;
}

// Puts the parts together, separated by `gap`, and stops before the first that would pass the limit, with a note
// saying how many changes are left out: every part is added only when it fits together with room for the note,
// and the note is never longer than noteLength, so the report never passes the limit.
function fit(parts: Part[], limit: number, reportFile: string | undefined, gap: string, w: ReportWords): { text: string; truncated: boolean } {
  const total = parts.reduce((n, p) => n + p.changes, 0);
  let text = "";
  let shown = 0;
  for (const [index, part] of parts.entries()) {
    const next = `${text}${index === 0 ? "" : gap}${part.text}`;
    const later = index + 1 < parts.length;
    if (`${next}\n`.length + (later ? noteLength + gap.length : 0) > limit) {
      text += `${gap}${note(total - shown, reportFile, w)}\n`;
      return { text, truncated: true };
    }
    text = next;
    shown += part.changes;
  }
  return { text: `${text}\n`, truncated: false };
}

const noteLength = 600;

function note(omitted: number, reportFile: string | undefined, w: ReportWords): string {
  const where = reportFile ? w.fullReportIn(clip(path.basename(reportFile).replace(/`/g, ""), 100)) : w.fullReportRun;
  return `> [!NOTE]\n> ${w.cut(omitted, commentLimit.toLocaleString("en"), where)}`;
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

function sideName(side: Side, w: ReportWords): string {
  if (side.revision === undefined) return w.workingTree;
  const short = side.commit?.slice(0, 7) ?? "";
  return side.commit?.startsWith(side.revision) ? `\`${short}\`` : `\`${side.revision.replace(/`/g, "")}\` (\`${short}\`)`;
}

function alert(d: Diagnostic, cwd = process.cwd(), full = false): string {
  const file = printable(relativePosix(cwd, d.file));
  const kind = d.severity === "error" ? "CAUTION" : "WARNING";
  const max = full ? Number.POSITIVE_INFINITY : maxMessage;
  return `> [!${kind}]\n> ${clip(inline(d.message), max)}\n> \`${clip(file.replace(/`/g, ""), max / 2)}:${d.line}:${d.column}\` [${d.rule}]`;
}

// How many annexes each language has, in a site of several languages (their annexes carry their language).
function perLanguage(result: DiffResult): Map<string, number> | undefined {
  if (!result.annexes.some((a) => a.lang !== undefined)) return undefined;
  const counts = new Map<string, number>();
  for (const a of result.annexes) if (a.lang !== undefined) counts.set(a.lang, (counts.get(a.lang) ?? 0) + 1);
  return counts;
}

function versionLine({ base, head }: DiffResult, w: ReportWords): string {
  const pair = (label: string, before: string | undefined, after: string | undefined) =>
    before === after ? `**${label}** ${inline(after ?? "")} (${w.unchanged})` : `**${label}** ${inline(before ?? "–")} → ${inline(after ?? "–")}`;
  return `${pair(w.version, base.site?.version, head.site?.version)} · ${pair(w.validFrom, base.site?.validFrom, head.site?.validFrom)}`;
}

function overview(result: DiffResult, rows: number, w: ReportWords): string {
  const kinds = ["added", "removed", "changed", "moved", "locations"] as const;
  const shown = result.annexes
    .slice(0, rows)
    .map((a) => `| ${annexName(a, w)} | ${kinds.map((k) => a.changes.filter((c) => c.kind === k).length || "").join(" | ")} |`);
  const rest = result.annexes.length - shown.length;
  const more = rest > 0 ? [`| ${w.overview.more(rest)} | | | | | |`] : [];
  const o = w.overview;
  return [
    `| ${o.annex} | ${o.added} | ${o.removed} | ${o.changed} | ${o.moved} | ${o.locations} |`,
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...shown,
    ...more,
  ].join("\n");
}
