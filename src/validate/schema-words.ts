import { slug } from "../util/slug.js";
import { isScalar } from "yaml";
import type { YamlFile } from "../load/yaml-file.js";
import { nodeAt, parsePointer } from "./yaml-path.js";

/** Which schema a file is checked against. */
export type Kind = "site" | "section";

// Lists whose entries are sets of fields, with the fields an entry needs (for "must be a set of fields").
const entryFields: Record<string, string> = {
  measures: "id and text",
  groups: "id and title",
  locations: "id and name",
  changes: "version, date and summary",
};

/** Names the thing a pointer is in, e.g. `measure "zutritt-rz"`, `location no. 3` or `site.yaml`. */
export function describe(file: YamlFile, kind: Kind, pointer: string): string {
  const tokens = parsePointer(pointer);
  const value = file.value as Record<string, unknown> | undefined;
  const item = (list: string, noun: string): string | undefined => {
    const index = tokens.indexOf(list);
    if (index === -1 || tokens.length <= index + 1) return undefined;
    const n = Number(tokens[index + 1]);
    const entry = (value?.[list] as unknown[] | undefined)?.[n] as { id?: unknown } | undefined;
    return typeof entry?.id === "string" && entry.id !== "" ? `${noun} "${shorten(entry.id)}"` : `${noun} no. ${n + 1}`;
  };
  if (kind === "section") return item("measures", "measure") ?? "the section";
  return (
    item("locations", "location") ??
    item("groups", "group") ??
    (tokens[0] === "changes" && tokens.length > 1 ? `change entry no. ${Number(tokens[1]) + 1}` : undefined) ??
    (tokens[0] === "organisation" && tokens.length > 1 ? "organisation" : "site.yaml")
  );
}

/** The name of the field a pointer ends in (the list's name for a list entry). */
export function fieldName(pointer: string): string {
  const tokens = parsePointer(pointer);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as string;
    if (!/^\d+$/.test(token)) return token;
  }
  return "";
}

/** For a list entry that must be a set of fields (a measure, group …): what such an entry holds. */
export function entryOf(pointer: string): string | undefined {
  const tokens = parsePointer(pointer);
  const last = tokens[tokens.length - 1] ?? "";
  const list = tokens[tokens.length - 2] ?? "";
  return /^\d+$/.test(last) && tokens.length === 2 ? entryFields[list] : undefined;
}

/** Whether a pointer ends at an entry of a list. */
export function isListEntry(pointer: string): boolean {
  return /\/\d+$/.test(pointer);
}

/** The value at a pointer exactly as the author typed it (e.g. `2026.10`, which YAML reads as 2026.1). */
export function asWritten(file: YamlFile, pointer: string): string | undefined {
  const { node } = nodeAt(file, pointer);
  if (!isScalar(node) || !node.range) return undefined;
  const raw = file.text.slice(node.range[0], node.range[1]).trim();
  return raw === "" || raw.includes("\n") ? undefined : raw;
}

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

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// What kind of id each id-valued field holds.
const idKinds: Record<string, string> = { id: "id", group: "group id", ref: "measure id", locations: "location id" };

/** Says what is wrong with a value that does not match its pattern (an id, a language code, a version, a web address). */
export function patternMessage(field: string, where: string, value: string, pattern: string): string {
  if (pattern === "^[a-z0-9][a-z0-9-]*$") {
    if (value === "") return `"${field}" in ${where} must not be empty.`;
    const fix = slug(value);
    const suggestion = fix ? ` (e.g. "${shorten(fix)}")` : "";
    return `"${shorten(value)}" is not a valid ${idKinds[field] ?? "id"}: use only lower-case letters, digits and hyphens${suggestion}.`;
  }
  if (field === "lang") return `"${value}" is not a language code; use a code such as "de", "en" or "fr-CH".`;
  if (pattern.startsWith("^https?")) return `"${value}" is not a web address; write it as https://…`;
  if (field === "version") return `"${value}" is not a usable version; use letters, digits, dots and hyphens, e.g. "2026.1".`;
  return `"${shorten(value)}" has the wrong form for "${field}" in ${where}.`;
}
