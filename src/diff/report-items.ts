import type { AnnexChanges, DocumentChange, MeasureChange } from "./changes.js";
import { proseDifference, respacedOnly } from "./rendering.js";
import { spacingChange } from "./shown.js";
import { markdownOfProse, markdownOfRuns, tokenize, escapeToken, wordDiff } from "./word-diff.js";

/** Text shown literally in Markdown (every word escaped). */
export function inline(text: string): string {
  return tokenize(text.replace(/\s*\n\s*/g, "; "))
    .map(escapeToken)
    .join("");
}

/** Markdown lines as a block quote nested in a list item. */
export function quote(lines: string[]): string {
  return lines.map((line) => (line === "" ? "  >" : `  > ${line}`)).join("\n");
}

/** The heading of one annex's part of the report. */
export function annexHeading(annex: AnnexChanges): string {
  const full = inline(annex.name ?? annex.location);
  // A location's name has no length limit; a heading of the comment stays short.
  const name = annex.location === "all" ? "Combined annex (all locations)" : `${full.length > 120 ? `${full.slice(0, 119)}…` : full} (\`${annex.location}\`)`;
  const count = annex.changes.length;
  return `### ${name}: ${count === 0 ? "no change" : `${count} change${count === 1 ? "" : "s"}`}`;
}

/** One change of a measure as a Markdown list item, with its text or word diff quoted below. */
export function measureItem(change: MeasureChange, annex: string): string {
  const title = change.title !== undefined ? ` “${inline(change.title)}”` : "";
  const reuse = change.reuses !== undefined ? ` (the text of \`${change.reuses}\`, reused here)` : "";
  const head = (verb: string) => `- **${verb}** \`${change.measure}\`${title} in ${inline(change.place)}${reuse}`;
  switch (change.kind) {
    case "added":
      return `${head("added")}\n\n${quote(markdownOfProse(change.after ?? ""))}`;
    case "removed":
      return `${head("removed")}\n\n${quote(markdownOfProse(change.before ?? ""))}`;
    case "moved":
      return `- **moved** \`${change.measure}\`${title}: ${inline(change.before ?? "")} → ${inline(change.after ?? "")}`;
    case "locations": {
      const arrow = `locations ${inline(change.before ?? "")} → ${inline(change.after ?? "")}`;
      if (change.text === undefined) return `${head("locations changed")}: ${arrow}`;
      const enters = annex === "all" || change.locations?.after === undefined || change.locations.after.includes(annex);
      return `${head(enters ? "enters this annex" : "leaves this annex")}: ${arrow}\n\n${quote(markdownOfProse(change.text))}`;
    }
    case "changed": {
      const lines = [head("changed")];
      if (change.titleChange) lines.push(`  Title: ${titleDiff(change.titleChange.before, change.titleChange.after)}`);
      for (const a of change.attributes ?? []) {
        const name = { status: "Status", responsible: "Responsible", not_applicable: "Not applicable here", reviewed: "Last reviewed", covers: "Covers" }[
          a.name
        ];
        lines.push(`  ${name}: ${a.before === undefined ? "–" : `~~${inline(a.before)}~~`} → ${a.after === undefined ? "–" : `**${inline(a.after)}**`}`);
      }
      if (change.placeholderChange === "written") lines.push("  No longer marked as a placeholder.");
      if (change.placeholderChange === "placeholder") lines.push("  Now marked as a placeholder (not yet written).");
      const body = proseChange(change.before ?? "", change.after ?? "");
      if (body !== "") lines.push("", body);
      return lines.join("\n");
    }
  }
}

/** One change of site.yaml or a section as a Markdown list item. */
export function documentItem(change: DocumentChange): string {
  const field = `\`${change.field}\``;
  switch (change.kind) {
    case "added":
      return `- **added** ${field}${change.after !== undefined ? `: ${valueText(change, change.after)}` : ""}`;
    case "removed":
      return `- **removed** ${field}${change.before !== undefined ? `: ${valueText(change, change.before)}` : ""}`;
    case "moved":
      return `- **reordered** ${field}: ${inline(change.before ?? "")} → ${inline(change.after ?? "")}`;
    case "changed":
      if (change.prose) return `- **changed** ${field}\n\n${proseChange(change.before ?? "", change.after ?? "")}`;
      return `- **changed** ${field}: ${inline(change.before ?? "")} → ${inline(change.after ?? "")}`;
  }
}

// How a text changed, nested in a list item: a word diff; when line breaks or spacing changed what the page shows,
// the page before and after (besides the word diff when words changed too); nothing when the page stays the same.
function proseChange(before: string, after: string): string {
  const difference = proseDifference(before, after);
  if (difference === "same") return "";
  if (difference === "spacing")
    return spacingChange(before, after)
      .map((line) => (line === "" ? "" : `  ${line}`))
      .join("\n");
  const words = quote(markdownOfRuns(wordDiff(before, after)));
  const respaced = respacedOnly(before, after);
  if (respaced === undefined) return words;
  return `${words}\n\n${spacingChange(before, respaced, true)
    .map((line) => (line === "" ? "" : `  ${line}`))
    .join("\n")}`;
}

function valueText(change: DocumentChange, value: string): string {
  return change.prose ? `\n\n${quote(markdownOfProse(value))}` : inline(value);
}

function titleDiff(before: string | undefined, after: string | undefined): string {
  if (before === undefined) return `**${inline(after ?? "")}**`;
  if (after === undefined) return `~~${inline(before)}~~`;
  return markdownOfRuns(wordDiff(before, after)).join(" ");
}
