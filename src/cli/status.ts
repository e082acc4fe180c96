import path from "node:path";
import { type CatalogueStatus, type MeasureStatus, type Status, status } from "../commands/status.js";
import { formatDiagnostics } from "../diagnostics/format.js";
import { escapeMarkdown } from "../diagnostics/github.js";
import { remembering } from "../diagnostics/sources.js";
import { diskFs } from "../load/content-fs.js";
import type { ReviewState } from "../resolve/review.js";
import { daysBetween } from "../util/dates.js";
import { printable, printableJson } from "../util/terminal.js";
import { contentFolderProblem } from "./content-folder.js";
import { drawFor } from "./output.js";

/** Output formats of `toms status`. */
export type StatusFormat = "text" | "json" | "markdown";

/** The first line of the Markdown report: the review workflow finds its issue by it. */
export const statusMarker = "<!-- toms-status -->";

/**
 * `toms status`: where each measure stands in its review cycle, grouped by owner, and what each catalogue misses at
 * each location. Returns 0 with the report (whatever it says: it is a report, not a check), 1 when the content has
 * errors (they are printed instead), 2 for a content folder that is not there.
 */
export function runStatus(options: { content: string; today: string; format: StatusFormat }): number {
  const problem = contentFolderProblem(options.content);
  if (problem) {
    process.stderr.write(`toms: ${printable(problem)}.\n`);
    return 2;
  }
  const { fs: contentFs, sources } = remembering(diskFs(path.resolve(options.content)));
  const result = status(options.content, options.today, contentFs);
  if (!result.status) {
    const errors = result.diagnostics.sorted().filter((d) => d.severity === "error");
    process.stderr.write(formatDiagnostics(errors, "text", process.cwd(), { sources, ...drawFor(process.stderr) }));
    process.stderr.write("toms: no status while the content has errors; fix them first (toms check shows them too).\n");
    return 1;
  }
  const report = result.status;
  if (options.format === "json") process.stdout.write(`${printableJson(JSON.stringify(report, null, 2))}\n`);
  else if (options.format === "markdown") process.stdout.write(statusMarkdown(report));
  else process.stdout.write(statusText(report));
  return 0;
}

// Most urgent first.
const order: Record<ReviewState, number> = { overdue: 0, missing: 1, due: 2, ok: 3 };
const noOwner = "(no owner)";

/** The measures by owner (owners in alphabetical order, those without one last), each list most urgent first. */
export function byOwner(measures: readonly MeasureStatus[]): [owner: string, measures: MeasureStatus[]][] {
  const groups = new Map<string, MeasureStatus[]>();
  for (const m of measures) groups.set(m.owner ?? noOwner, [...(groups.get(m.owner ?? noOwner) ?? []), m]);
  const sorted = [...groups].sort(([a], [b]) => (a === noOwner ? 1 : b === noOwner ? -1 : a.localeCompare(b)));
  return sorted.map(([owner, list]) => [
    owner,
    [...list].sort((a, b) => order[a.state] - order[b.state] || (a.due ?? "").localeCompare(b.due ?? "") || a.id.localeCompare(b.id)),
  ]);
}

/** "2 overdue, 1 due within 30 days, 3 without a review date, 17 up to date" */
export function counts(measures: readonly MeasureStatus[]): string {
  const n = (state: ReviewState) => measures.filter((m) => m.state === state).length;
  const parts = [
    n("overdue") && `${n("overdue")} overdue`,
    n("due") && `${n("due")} due within 30 days`,
    n("missing") && `${n("missing")} without a review date`,
    n("ok") && `${n("ok")} up to date`,
  ].filter(Boolean);
  return `${measures.length} measure${measures.length === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

function when(m: MeasureStatus, today: string): string {
  if (m.reviewed === null) return "never reviewed";
  if (m.due === null) return `reviewed ${m.reviewed}`;
  const days = daysBetween(today, m.due);
  const relative = days === 0 ? "today" : days > 0 ? `in ${days} day${days === 1 ? "" : "s"}` : `${-days} day${days === -1 ? "" : "s"} ago`;
  return `reviewed ${m.reviewed}, due ${m.due} (${relative})`;
}

/** The text report, for a terminal. */
export function statusText(report: Status): string {
  const lines: string[] = [];
  const interval = report.review_interval_months;
  lines.push(
    `Review status on ${report.today}${interval === null ? " (site.yaml sets no review_interval_months: no date is ever due)" : `, a review every ${interval} month${interval === 1 ? "" : "s"}`}`,
  );
  lines.push(counts(report.measures), "");
  const idWidth = Math.min(40, Math.max(...report.measures.map((m) => m.id.length)));
  for (const [owner, list] of byOwner(report.measures)) {
    lines.push(`${printable(owner)} (${list.length})`);
    for (const m of list) lines.push(`  ${m.state.padEnd(8)} ${printable(m.id).padEnd(idWidth)}  ${when(m, report.today)}`);
    lines.push("");
  }
  lines.push(...coverageText(report.catalogues));
  return `${lines.join("\n").trimEnd()}\n`;
}

function coverageText(catalogues: readonly CatalogueStatus[]): string[] {
  if (catalogues.length === 0) return ["Coverage: site.yaml names no catalogues."];
  const lines = ["Coverage"];
  for (const catalogue of catalogues) {
    lines.push(`  ${catalogue.id}: ${printable(catalogue.title)}`);
    const annexes = catalogue.controls[0]?.annexes.map((a) => a) ?? [];
    const width = Math.max(...annexes.map((a) => a.name.length));
    annexes.forEach((annex, i) => {
      const rows = catalogue.controls.map((c) => ({ control: c, row: c.annexes[i] as ControlStatusRow }));
      const gaps = rows.filter((r) => r.row.state === "gap");
      const na = rows.filter((r) => r.row.state === "not-applicable").length;
      const covered = rows.length - gaps.length - na;
      lines.push(`    ${printable(annex.name).padEnd(width)}  ${covered} of ${rows.length} covered${na > 0 ? `, ${na} not applicable` : ""}`);
      const idWidth = Math.max(...gaps.map((g) => g.control.id.length));
      for (const gap of gaps) lines.push(`      missing  ${gap.control.id.padEnd(idWidth)}  ${printable(gap.control.name)}`);
    });
  }
  return lines;
}

type ControlStatusRow = CatalogueStatus["controls"][number]["annexes"][number];

const badge: Record<ReviewState, string> = { overdue: "🔴 overdue", missing: "⚪ no date", due: "🟡 due", ok: "🟢 ok" };

/**
 * The Markdown report, for an issue a scheduled workflow keeps up to date: what needs a review, per owner, and the
 * gaps of the catalogues. Every content text is escaped (no mention, link or math can come from it).
 */
export function statusMarkdown(report: Status): string {
  const todo = report.measures.filter((m) => m.state !== "ok");
  const gaps = report.catalogues.flatMap((c) => c.controls.flatMap((k) => k.annexes.filter((a) => a.state === "gap").map((a) => ({ c, k, a }))));
  const parts = [statusMarker, `## TOMs review status on ${report.today}`, ""];
  const interval = report.review_interval_months;
  parts.push(
    interval === null
      ? "site.yaml sets no `review_interval_months`, so no review is ever due; measures without a date are listed."
      : `Each measure is to be reviewed every ${interval} month${interval === 1 ? "" : "s"}. ${counts(report.measures)}.`,
    "",
  );
  if (todo.length === 0) parts.push("Every measure is up to date.", "");
  for (const [owner, list] of byOwner(todo)) {
    parts.push(`### ${escapeMarkdown(owner)}`, "", "| state | measure | section | last review | due |", "| --- | --- | --- | --- | --- |");
    for (const m of list) {
      const name = m.title === null ? `\`${m.id}\`` : `${escapeMarkdown(m.title)} (\`${m.id}\`)`;
      parts.push(`| ${badge[m.state]} | ${name} | \`${m.section}\` | ${m.reviewed ?? "–"} | ${m.due ?? "–"} |`);
    }
    parts.push("");
  }
  if (report.catalogues.length > 0) {
    parts.push("### Catalogue coverage", "");
    if (gaps.length === 0) parts.push(`Every control of ${report.catalogues.map((c) => `\`${c.id}\``).join(", ")} is covered in every annex.`, "");
    else {
      parts.push("| control | not covered in |", "| --- | --- |");
      const byControl = new Map<string, { label: string; annexes: string[] }>();
      for (const { c, k, a } of gaps) {
        const key = `${c.id}:${k.id}`;
        const entry = byControl.get(key) ?? { label: `\`${key}\` ${escapeMarkdown(k.name)}`, annexes: [] };
        entry.annexes.push(escapeMarkdown(a.name));
        byControl.set(key, entry);
      }
      for (const { label, annexes } of byControl.values()) parts.push(`| ${label} | ${annexes.join(", ")} |`);
      parts.push("");
    }
  }
  parts.push("_Written by `toms status --format markdown`; the next run updates this issue, and closes it when nothing is left._");
  return `${parts.join("\n")}\n`;
}
