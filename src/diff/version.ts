import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { Site } from "../model.js";
import { languageName } from "../render/i18n.js";
import { fieldLabel, fieldNames, type FieldNames, reportWords } from "./report-words.js";
import { isBookkeeping, type AnnexChanges, type DocumentChange, type MeasureChange } from "./changes.js";

/** The entry of site.yaml's `changes` list toms proposes, with what else must change next to it. */
export interface Suggestion {
  version: string;
  date: string;
  summary: string;
  /** Whether `version` and `valid_from` must be raised as well (they were not). */
  bump: boolean;
  /** The lines to put into site.yaml. */
  yaml: string;
}

/**
 * Version discipline: customers sign a DPA against a version, so when what an annex says
 * changed, `version` must change too (error at `version`), `valid_from` should (warning),
 * and `changes` should say what happened (suggested entry).
 */
export function checkVersion(
  base: Site,
  head: Site,
  changed: { annexes: AnnexChanges[]; document: DocumentChange[]; languages?: { site: Site; annexes: AnnexChanges[]; document: DocumentChange[] }[] },
  placeOf: (field: "version" | "valid_from") => Place,
  diagnostics: Diagnostics,
  today: string,
): Suggestion | undefined {
  const bumped = base.version !== head.version;
  const next = bumped ? head.version : nextVersion(head.version);
  if (!bumped) {
    diagnostics.add(say["version-unchanged"].notRaised({ version: head.version, next }), placeOf("version"));
  } else if (base.validFrom === head.validFrom) {
    diagnostics.add(
      say["version-unchanged"].validFromKept({ version: head.version, validFrom: head.validFrom, previous: base.version }),
      placeOf("valid_from"),
      "warning",
    );
  }
  if (bumped && head.changes.some((c) => c.version === head.version)) return undefined;
  // A new version takes effect after the old one: today at the earliest, else the day after the old date.
  const date = bumped && base.validFrom !== head.validFrom ? head.validFrom : laterDate(today, dayAfter(base.validFrom));
  const versions = { base: base.version, head: head.version };
  // Each language's own changes: the main language's, then each translation's.
  const own = {
    site: head,
    annexes: changed.annexes,
    document: changed.document.filter((c) => !isBookkeeping(c, versions)),
    names: fieldNames(head, base),
  };
  const all = [
    own,
    ...(changed.languages ?? []).map((l) => ({ ...l, document: l.document.filter((c) => !isBookkeeping(c, versions)), names: fieldNames(l.site) })),
  ];
  const combined = (l: (typeof all)[number]) => l.annexes.find((a) => a.location === "all")?.changes ?? [];
  // A site in several languages writes the entry's summary in each, each from its own language's changes; a language
  // whose own texts did not change says, in its words, which other language's did (a change of the English text alone).
  const sentences = all.map((l) => {
    const mine = summarize(l.site.lang, combined(l), l.document, l.names);
    if (mine !== "" || all.length === 1) return mine;
    const others = all
      .filter((o) => o !== l)
      .map((o) => summarize(l.site.lang, renamed(combined(o), l.site), o.document, l.names, o.site.lang))
      .filter((s) => s !== "");
    return others.join(" ");
  });
  // Nothing to name (a change no summary words cover): the entry still needs one, to be written by hand.
  for (const [i, sentence] of sentences.entries()) if (sentence === "") sentences[i] = ".";
  const summary = sentences[0] as string;
  const translated = all.slice(1).map((l, i) => `      ${l.site.lang}: ${JSON.stringify(sentences[i + 1])}`);
  const summaryLines =
    translated.length === 0 ? [`    summary: ${JSON.stringify(summary)}`] : ["    summary:", `      ${head.lang}: ${JSON.stringify(summary)}`, ...translated];
  const entry = [`  - version: ${JSON.stringify(next)}`, `    date: ${date}`, ...summaryLines];
  const yaml = [...(bumped ? [] : [`version: ${JSON.stringify(next)}`, `valid_from: ${date}`]), "changes:", ...entry].join("\n");
  return { version: next, date, summary, bump: !bumped, yaml };
}

/** The version after `version`: its last number raised by one ("2026.1" → "2026.2"). */
export function nextVersion(version: string): string {
  const match = /^(.*?)(\d+)(\D*)$/.exec(version);
  return match ? `${match[1]}${Number(match[2]) + 1}${match[3]}` : `${version}.1`;
}

// Changes of measures named as a site in another language names them: each measure by its title there.
function renamed(changes: MeasureChange[], site: Site): MeasureChange[] {
  const titles = new Map(site.groups.flatMap((g) => g.sections.flatMap((s) => s.measures.map((m) => [m.id, m.title] as const))));
  return changes.map((c) => {
    const title = titles.get(c.measure);
    return title === undefined ? c : { ...c, title };
  });
}

function dayAfter(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? date : new Date(time + 86_400_000).toISOString().slice(0, 10);
}

function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}

const words = {
  de: {
    changed: "Geändert",
    added: "Neu",
    removed: "Entfernt",
    moved: "Verschoben",
    locations: "Standorte geändert",
    document: "Außerdem geändert",
    more: "und {n} weitere",
  },
  en: {
    changed: "Changed",
    added: "Added",
    removed: "Removed",
    moved: "Moved",
    locations: "Locations changed",
    document: "Also changed",
    more: "and {n} more",
  },
  fr: {
    changed: "Modifié",
    added: "Ajouté",
    removed: "Supprimé",
    moved: "Déplacé",
    locations: "Sites modifiés",
    document: "Également modifié",
    more: "et {n} de plus",
  },
} as const;

// A draft names at most this many measures or fields per kind, each cut to maxName characters: a history entry is a
// sentence or two, and the draft is shown in the pull-request comment, which has a size limit.
const maxNames = 10;
const maxName = 80;

// A first draft of the history entry, in the document's language: which measures changed how, and which other
// fields (`document`: the changes that are not the new version's bookkeeping).
function summarize(lang: string, changes: MeasureChange[], document: DocumentChange[], names: FieldNames, of?: string): string {
  const code = lang.toLowerCase().split("-")[0];
  const w = code === "de" ? words.de : code === "fr" ? words.fr : words.en;
  // The changes of another language's texts (`of`), said in this one: "Englische Fassung geändert: sperre."
  if (of !== undefined) {
    const named = [...new Set([...changes.map((c) => c.title ?? c.measure), ...document.map((c) => fieldLabel(c.field, reportWords(lang), names))])];
    if (named.length === 0) return "";
    const name = languageName(of, lang);
    const heading = code === "de" ? `Fassung auf ${name} geändert` : code === "fr" ? `Version en ${name} modifiée` : `${name} version changed`;
    return `${heading}: ${named.slice(0, maxNames).join(", ")}${named.length > maxNames ? ` ${w.more.replace("{n}", String(named.length - maxNames))}` : ""}.`;
  }
  const list = (names: string[]) => {
    const shown = names.slice(0, maxNames).map((n) => (n.length > maxName ? `${n.slice(0, maxName - 1)}…` : n));
    return names.length > maxNames ? `${shown.join(", ")} ${w.more.replace("{n}", String(names.length - maxNames))}` : shown.join(", ");
  };
  const parts: string[] = [];
  // A language withdrawn is said first: all its annexes are gone.
  const isLanguage = (c: DocumentChange) => c.field.startsWith("translations.");
  const withdrawn = document.filter((c) => isLanguage(c) && c.kind === "removed").map((c) => fieldLabel(c.field, reportWords(lang), names));
  if (withdrawn.length > 0) parts.push(`${w.removed}: ${list(withdrawn)}`);
  for (const kind of ["changed", "added", "removed", "moved", "locations"] as const) {
    const names = [...new Set(changes.filter((c) => c.kind === kind).map((c) => c.title ?? c.measure))];
    if (names.length > 0) parts.push(`${w[kind]}: ${list(names)}`);
  }
  // Fields as a reader names them ("Titel der Gruppe „Verfügbarkeit“"), not as YAML spells them.
  const fields = document.filter((c) => !(isLanguage(c) && c.kind === "removed"));
  if (fields.length > 0) parts.push(`${w.document}: ${list(fields.map((c) => fieldLabel(c.field, reportWords(lang), names)))}`);
  return parts.length === 0 ? "" : `${parts.join(". ")}.`;
}
