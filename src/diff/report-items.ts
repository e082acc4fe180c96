import { ownName, type Strings } from "../render/i18n.js";
import type { AnnexChanges, DocumentChange, MeasureChange } from "./changes.js";
import { proseDifference, respacedOnly } from "./rendering.js";
import { attributeValue, fieldLabel, position, type FieldNames, type ReportWords } from "./report-words.js";
import { spacingChange } from "./shown.js";
import { excerptOfRuns, markdownOfProse, markdownOfRuns, tokenize, escapeToken, wordDiff } from "./word-diff.js";

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

/** What the items of a report need besides the change: its words, the page words of the annex, how many annexes there are. */
export interface ReportContext {
  w: ReportWords;
  t: Strings;
  /** How many annexes the comparison has (the combined one and each location's). */
  annexes: number;
  /** Names of groups, locations and sections, for the labels of changed fields. */
  names: FieldNames;
  /** In a site of several languages, how many annexes each language has. */
  perLanguage?: ReadonlyMap<string, number>;
}

/** One change of a measure as the report shows it: once, with the annexes it shows in. */
export interface ChangeGroup {
  /** The change as the first annex that shows it has it (the combined annex, where it is there). */
  change: MeasureChange;
  /** The annexes it shows in. */
  annexes: AnnexChanges[];
  /** For a change of locations: the annexes the measure enters and leaves. */
  enters: AnnexChanges[];
  leaves: AnnexChanges[];
  /** For a change of locations: the text that enters or leaves. */
  text?: string;
}

/**
 * The changes of every annex, each distinct change once: a measure changed the same way in the combined annex and
 * in Berlin's is one change that affects both. A change of a measure's locations is one change with the annexes it
 * enters and leaves. In the order the annexes list them (the combined annex first, in reading order).
 */
export function groupChanges(annexes: AnnexChanges[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const annex of annexes) {
    for (const change of annex.changes) {
      const { place: _, section: __, text: ___, ...rest } = change;
      const key = change.kind === "locations" ? `locations\0${change.measure}\0${change.before}\0${change.after}` : JSON.stringify(rest);
      let group = groups.get(key);
      if (!group) {
        group = { change, annexes: [], enters: [], leaves: [] };
        groups.set(key, group);
      }
      group.annexes.push(annex);
      if (change.kind === "locations" && change.text !== undefined) {
        group.text ??= change.text;
        const enters = change.locations?.after === undefined || change.locations.after.includes(annex.location);
        (enters ? group.enters : group.leaves).push(annex);
      }
    }
  }
  return [...groups.values()];
}

// At most this many annexes are named after a change: a site may have hundreds of locations.
const maxNamed = 20;

/** How the report names an annex: "Gesamtfassung", or the location's name with its id. */
export function annexName(annex: AnnexChanges, w: ReportWords): string {
  // In a site of several languages, each annex is named with its language ("Gesamtfassung · English").
  const language = annex.lang === undefined ? "" : ` · ${ownName(annex.lang)}`;
  if (annex.location === "all") return `${w.combined}${language}`;
  const full = inline(annex.name ?? annex.location);
  // A location's name has no length limit; a line of the comment stays short.
  return `${full.length > 120 ? `${full.slice(0, 119)}…` : full} (\`${annex.location}\`)${language}`;
}

function annexList(annexes: AnnexChanges[], w: ReportWords): string {
  const names = annexes.slice(0, maxNamed).map((a) => annexName(a, w));
  return annexes.length > maxNamed ? `${names.join(", ")} … (+${annexes.length - maxNamed})` : names.join(", ");
}

// Where a change shows: nothing when the site has one annex, "in every annex", or the annexes named.
function affected(group: ChangeGroup, c: ReportContext): string {
  if (c.annexes <= 1) return "";
  if (group.annexes.length === c.annexes) return ` — ${c.w.inEveryAnnex}`;
  // A site in several languages: a change of every annex of one language is said so ("in every annex · English").
  const lang = group.annexes[0]?.lang;
  if (lang !== undefined && group.annexes.every((a) => a.lang === lang) && group.annexes.length === c.perLanguage?.get(lang))
    return ` — ${c.w.inEveryAnnex} · ${ownName(lang)}`;
  return ` — ${c.w.inAnnexes(annexList(group.annexes, c.w))}`;
}

/** One change of a measure as a Markdown list item, with the annexes it affects and its text or word diff quoted below. */
export function measureItem(group: ChangeGroup, c: ReportContext): string {
  const { change } = group;
  const { w } = c;
  const title = change.title !== undefined ? ` ${w.q(inline(change.title))}` : "";
  const reuse = change.reuses !== undefined ? ` ${w.reuses(`\`${change.reuses}\``)}` : "";
  const head = (verb: string) => `- **${verb}** \`${change.measure}\`${title} ${w.at(inline(change.place))}${reuse}`;
  switch (change.kind) {
    case "added":
      return `${head(w.verb.added)}${affected(group, c)}\n\n${quote(markdownOfProse(change.after ?? ""))}`;
    case "removed":
      return `${head(w.verb.removed)}${affected(group, c)}\n\n${quote(markdownOfProse(change.before ?? ""))}`;
    case "moved":
      return `- **${w.verb.moved}** \`${change.measure}\`${title}: ${inline(position(change.before ?? "", w))} → ${inline(position(change.after ?? "", w))}${affected(group, c)}`;
    case "locations": {
      const where = (ids: string[] | undefined) => (ids ? inline(ids.join(", ")) : w.everyLocation);
      const lines = [`${head(w.verb.locations)}: ${w.locationsWord} ${where(change.locations?.before)} → ${where(change.locations?.after)}`];
      if (group.enters.length > 0) lines.push(`  ${w.label.enters}: ${annexList(group.enters, w)}`);
      if (group.leaves.length > 0) lines.push(`  ${w.label.leaves}: ${annexList(group.leaves, w)}`);
      const text = group.text === undefined ? "" : `\n\n${quote(markdownOfProse(group.text))}`;
      return `${lines.join("\\\n")}${text}`;
    }
    case "changed": {
      const lines = [`${head(w.verb.changed)}${affected(group, c)}`];
      if (change.titleChange) lines.push(`  ${w.title}: ${titleDiff(change.titleChange.before, change.titleChange.after)}`);
      for (const a of change.attributes ?? []) {
        const value = (v: string | undefined) => (v === undefined ? undefined : inline(attributeValue(a.name, v, c.t)));
        const before = value(a.before);
        const after = value(a.after);
        lines.push(`  ${w.attribute[a.name]}: ${before === undefined ? "–" : `~~${before}~~`} → ${after === undefined ? "–" : `**${after}**`}`);
      }
      if (change.placeholderChange) lines.push(`  ${w.placeholder[change.placeholderChange]}`);
      const body = proseChange(change.before ?? "", change.after ?? "", w);
      if (body !== "") lines.push("", body);
      return lines.join("\n");
    }
  }
}

/** One change of site.yaml or a section as a Markdown list item: what a reader calls the field, then its path. */
export function documentItem(change: DocumentChange, c: ReportContext): string {
  const { w } = c;
  const label = fieldLabel(change.field, w, c.names);
  const named = label === change.field ? `\`${change.field}\`` : `${inline(label)} (\`${change.field}\`)`;
  // A text of one language of a site in several: which language's text it is.
  const field = change.lang === undefined ? named : `${named} · ${ownName(change.lang)}`;
  switch (change.kind) {
    case "added":
      return `- **${w.verb.added}** ${field}${change.after !== undefined ? `: ${valueText(change, change.after)}` : ""}`;
    case "removed":
      return `- **${w.verb.removed}** ${field}${change.before !== undefined ? `: ${valueText(change, change.before)}` : ""}`;
    case "moved":
      return `- **${w.verb.reordered}** ${field}: ${inline(change.before ?? "")} → ${inline(change.after ?? "")}`;
    case "changed":
      if (change.prose) return `- **${w.verb.changed}** ${field}\n\n${proseChange(change.before ?? "", change.after ?? "", w)}`;
      // A change named without its values (the markup of the page template, the style sheet).
      if (change.before === undefined && change.after === undefined) return `- **${w.verb.changed}** ${field}`;
      return `- **${w.verb.changed}** ${field}: ${inline(change.before ?? "")} → ${inline(change.after ?? "")}`;
  }
}

// How a text changed, nested in a list item: the changed sentences as a word diff; when line breaks or spacing changed
// what the page shows, the page before and after (besides the word diff when words changed too); nothing when the page
// stays the same.
function proseChange(before: string, after: string, w: ReportWords): string {
  const difference = proseDifference(before, after);
  if (difference === "same") return "";
  if (difference === "spacing")
    return spacingChange(before, after, false, w)
      .map((line) => (line === "" ? "" : `  ${line}`))
      .join("\n");
  const words = quote(excerptOfRuns(wordDiff(before, after)));
  const respaced = respacedOnly(before, after);
  if (respaced === undefined) return words;
  return `${words}\n\n${spacingChange(before, respaced, true, w)
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
