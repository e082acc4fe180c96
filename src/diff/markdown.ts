import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiffResult } from "./diff.js";
import { annexHeading, documentItem, inline, measureItem } from "./markdown-items.js";
import type { Side } from "./side.js";
import { relativePosix } from "../util/paths.js";

/** GitHub's limit for a pull-request comment. */
export const commentLimit = 65_536;

/** What the report may use of it: the rest is left for the workflow's hidden marker and link to the full report. */
export const commentBudget = 60_000;

/** Options of the Markdown report. */
export interface MarkdownOptions {
  /** Largest report in characters; longer ones are cut between changes, with a note. */
  limit?: number;
  /** Where the full report is written, named in the note when the report is cut. */
  reportFile?: string;
  /** Folder file names in diagnostics are shown relative to. */
  cwd?: string;
}

/** The report for a pull-request comment: fixed head (verdict, suggestion, overview), then one block per change, cut to fit. */
export function markdownReport(result: DiffResult, options: MarkdownOptions = {}): { text: string; truncated: boolean } {
  const limit = options.limit ?? commentBudget;
  const title = `${sideName(result.base)} → ${sideName(result.head)}`;
  if (result.broken) {
    const side = result[result.broken];
    const errors = side.diagnostics.sorted().filter((d) => d.severity === "error");
    const shown = errors.slice(0, 20).map((d) => alert(d, options.cwd));
    const more = errors.length > shown.length ? [`… and ${errors.length - shown.length} more; run \`toms check\` at ${sideName(side)}.`] : [];
    const intro = `The content at ${sideName(side)} has ${errors.length} error${errors.length === 1 ? "" : "s"}, so nothing was compared.`;
    return { text: `${[`## toms diff: ${title}`, intro, ...shown, ...more].join("\n\n")}\n`, truncated: false };
  }
  const nothing = result.site.length === 0 && result.sections.length === 0 && result.annexes.every((a) => a.changes.length === 0);
  if (nothing) return { text: `No changes to the annexes between ${title.replace(" → ", " and ")}.\n`, truncated: false };

  const head: string[] = [`## toms diff: ${title}`];
  if (!result.base.present) head.push(`The content folder does not exist at ${sideName(result.base)}: everything is new.`);
  head.push(...result.diagnostics.sorted().map((d) => alert(d, options.cwd)));
  if (result.suggestion) {
    const what = result.suggestion.bump ? "Raise the version and add an entry to the change history" : "Add an entry to the change history";
    head.push(`${what} in \`site.yaml\`:\n\n\`\`\`yaml\n${result.suggestion.yaml}\n\`\`\``);
  }
  head.push(versionLine(result), overview(result));

  const blocks: { text: string; changes: number }[] = [];
  const section = (heading: string, items: string[]) =>
    items.forEach((item, i) => blocks.push({ text: i === 0 ? `${heading}\n\n${item}` : item, changes: 1 }));
  section("### site.yaml", result.site.map(documentItem));
  section("### Sections", result.sections.map(documentItem));
  for (const annex of result.annexes) {
    if (annex.changes.length === 0) blocks.push({ text: annexHeading(annex), changes: 0 });
    else section(annexHeading(annex), annex.changes.map((c) => measureItem(c, annex.location)));
  }

  let text = `${head.join("\n\n")}\n`;
  const total = blocks.reduce((n, b) => n + b.changes, 0);
  let shown = 0;
  for (const [index, block] of blocks.entries()) {
    const next = `${text}\n${block.text}\n`;
    const rest = blocks.slice(index + 1).reduce((n, b) => n + b.changes, 0);
    // Room must stay for the note should a later block not fit.
    if (next.length + (rest > 0 ? noteLength : 0) > limit) {
      text += `\n${note(total - shown, options.reportFile)}\n`;
      return { text, truncated: true };
    }
    text = next;
    shown += block.changes;
  }
  return { text, truncated: false };
}

const noteLength = 600;

function note(omitted: number, reportFile: string | undefined): string {
  const where = reportFile ? `The full report is in \`${path.basename(reportFile)}\`.` : "Run `toms diff BASE HEAD --report FILE` for the full report.";
  return `> [!NOTE]\n> The report is cut here: ${omitted} more change${omitted === 1 ? " is" : "s are"} not shown, as a pull-request comment holds at most ${commentLimit.toLocaleString("en")} characters. ${where}`;
}

function sideName(side: Side): string {
  if (side.revision === undefined) return "the working tree";
  const short = side.commit?.slice(0, 7) ?? "";
  return side.commit?.startsWith(side.revision) ? `\`${short}\`` : `\`${side.revision.replace(/`/g, "")}\` (\`${short}\`)`;
}

function alert(d: Diagnostic, cwd = process.cwd()): string {
  const file = relativePosix(cwd, d.file);
  const kind = d.severity === "error" ? "CAUTION" : "WARNING";
  return `> [!${kind}]\n> ${inline(d.message)}\n> \`${file}:${d.line}:${d.column}\` [${d.rule}]`;
}

function versionLine({ base, head }: DiffResult): string {
  const pair = (label: string, before: string | undefined, after: string | undefined) =>
    before === after ? `**${label}** ${inline(after ?? "")} (unchanged)` : `**${label}** ${inline(before ?? "–")} → ${inline(after ?? "–")}`;
  return `${pair("Version", base.site?.version, head.site?.version)} · ${pair("valid from", base.site?.validFrom, head.site?.validFrom)}`;
}

function overview(result: DiffResult): string {
  const kinds = ["added", "removed", "changed", "moved", "locations"] as const;
  const rows = result.annexes.map((a) => {
    const name = a.location === "all" ? "combined" : `${inline(a.name ?? a.location)} (\`${a.location}\`)`;
    return `| ${name} | ${kinds.map((k) => a.changes.filter((c) => c.kind === k).length || "").join(" | ")} |`;
  });
  return ["| annex | added | removed | changed | moved | locations |", "| --- | ---: | ---: | ---: | ---: | ---: |", ...rows].join("\n");
}
