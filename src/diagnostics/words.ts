import { codePointName, isBidiControl } from "../util/characters.js";

// The words the catalogue's message templates share: how a value, a type, a place in a file or a character is
// named to an author. Kept next to the catalogue so that every word a diagnostic says is written in src/diagnostics/.

/** Which schema a file is checked against. */
export type Kind = "site" | "section" | "catalogue";

/** Words for a JSON Schema type. */
export function typeWord(type: string): string {
  switch (type) {
    case "string":
      return "text";
    case "array":
      return "a list";
    case "object":
      return "a set of fields";
    case "integer":
      return "a whole number";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    default:
      return type;
  }
}

/** Says in words what kind of value an author wrote. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the text "${shorten(value)}"`;
  // YAML's .nan and .inf are numbers too, but "NaN" and "Infinity" mean nothing to an author.
  if (typeof value === "number")
    return Number.isFinite(value) ? `the number ${value}` : Number.isNaN(value) ? "a special number (not a number)" : "a special number (infinity)";
  if (typeof value === "boolean") return `${value}`;
  return "a set of fields";
}

/** Text cut to 40 characters, so a message stays readable. */
export function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The string with its first letter in upper case. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A place name (see placeName) at the start of a sentence: capitalised, except a file name ("site.yaml"). */
export function atStart(where: string): string {
  return where === "site.yaml" ? where : capitalise(where);
}

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Each item in double quotes. */
export function quoted(items: readonly string[]): string[] {
  return items.map((item) => `"${item}"`);
}

/** ' (did you mean "x"?)' for a suggestion, else the empty string. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
}

/**
 * Names the thing a place in a content file is in, from the pointer's tokens and the file's value: e.g.
 * `measure "zutritt-rz"`, `location no. 3`, `certification no. 2 of location "aws"` or `site.yaml`. With `itself`
 * the pointer is a set of fields that lacks or has a field (required and unknown fields), and names that set itself
 * where it has a name of its own (the organisation, a certification) rather than the thing around it.
 */
export function placeName(kind: Kind, tokens: readonly string[], value: unknown, itself = false): string {
  const fields = value as Record<string, unknown> | undefined;
  const item = (list: string, noun: string): string | undefined => {
    const index = tokens.indexOf(list);
    if (index === -1 || tokens.length <= index + 1) return undefined;
    const n = Number(tokens[index + 1]);
    const entry = (fields?.[list] as unknown[] | undefined)?.[n] as { id?: unknown } | undefined;
    return typeof entry?.id === "string" && entry.id !== "" ? `${noun} "${shorten(entry.id)}"` : `${noun} no. ${n + 1}`;
  };
  if (kind === "section") return item("measures", "measure") ?? "the section";
  if (kind === "catalogue") return item("controls", "control") ?? "the catalogue";
  // A certification's own fields (name, url) belong to it, not to its location; the entry itself (a name, or a set
  // of fields) is a value of the location's "certifications".
  const certification = tokens.indexOf("certifications");
  if (certification !== -1 && tokens.length > certification + (itself ? 1 : 2)) {
    return `certification no. ${Number(tokens[certification + 1]) + 1} of ${item("locations", "location") ?? "a location"}`;
  }
  return (
    item("locations", "location") ??
    item("groups", "group") ??
    (tokens[0] === "changes" && tokens.length > 1 ? `change entry no. ${Number(tokens[1]) + 1}` : undefined) ??
    (tokens[0] === "organisation" && (tokens.length > 1 || itself) ? "organisation" : "site.yaml")
  );
}

/** What a hidden character does, in words for an author. */
export function describeHidden(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const name = codePointName(char);
  if (isBidiControl(char))
    return `the invisible character ${name}, which changes the order in which the text around it is shown: the annex could read differently from what a reviewer sees`;
  if (/\p{Cc}/u.test(char)) return `the control character ${name}, which is not text`;
  if (code === 0x2028 || code === 0x2029) return `the character ${name}, which editors and the annex treat differently`;
  if (/\p{Co}/u.test(char)) return `the private-use character ${name}, which has no agreed meaning and no letter in the annex's fonts`;
  if (/[\p{Cs}\p{Cn}]/u.test(char)) return `${name}, which is not a character of Unicode`;
  return `the invisible character ${name}`;
}

/** A run of characters with their code points (at most three named): `"😀" (U+1F600)`. */
export function characterRun(run: string): string {
  const chars = [...run];
  if (chars.length === 1) return `"${run}" (${codePointName(run)})`;
  return `"${run}" (${chars
    .map((c) => codePointName(c))
    .slice(0, 3)
    .join(", ")}${chars.length > 3 ? ", …" : ""})`;
}
