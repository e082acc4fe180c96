import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { RuleId } from "../diagnostics/rules.js";
import type { YamlFile } from "../load/yaml-file.js";
import { didYouMean } from "../util/suggest.js";
import type { SchemaError } from "./schema.js";
import { parsePointer, placeAt, placeOfKey } from "./yaml-path.js";

type Kind = "site" | "section";

/** Turns ajv's errors for one file into diagnostics at the offending YAML node, in words an author understands. */
export function reportSchemaErrors(file: YamlFile, kind: Kind, errors: readonly SchemaError[], diagnostics: Diagnostics): void {
  // A misspelt field shows up twice (unknown "titel", missing "title"): report it once, as the misspelling.
  const misspelt = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== "additionalProperties") continue;
    const name = String((error.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
    const suggestion = didYouMean(name, allowed);
    diagnostics.add(
      "unknown-field",
      placeOfKey(file, error.instancePath, name),
      `Unknown field "${name}" in ${describe(file, kind, error.instancePath)}${suggestion}.`,
    );
    const match = /"(.*)"/.exec(suggestion)?.[1];
    if (match) misspelt.add(`${error.instancePath}/${match}`);
  }
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === "additionalProperties") continue;
    // Alternatives (oneOf, not) are explained by their parent error, not by each failed branch.
    if (/\/(oneOf|anyOf|not)\/\d*/.test(error.schemaPath)) continue;
    if (error.keyword === "if") continue;
    const missing = error.keyword === "required" ? String((error.params as { missingProperty: string }).missingProperty) : "";
    if (missing && misspelt.has(`${error.instancePath}/${missing}`)) continue;
    const key = `${error.instancePath}|${error.keyword}|${missing}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [rule, message] = explain(file, kind, error);
    diagnostics.add(rule, placeAt(file, error.instancePath), message);
  }
}

function explain(file: YamlFile, kind: Kind, error: SchemaError): [RuleId, string] {
  const field = fieldName(error.instancePath);
  const where = describe(file, kind, error.instancePath);
  const value = error.data;
  switch (error.keyword) {
    case "required": {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const target = error.instancePath === "" ? (kind === "site" ? "site.yaml" : "The section") : capitalise(where);
      return ["required-field", `${target} is missing the required field "${missing}".`];
    }
    case "type": {
      const expected = String((error.params as { type: string }).type);
      if (error.instancePath === "") {
        const what = kind === "site" ? "site.yaml" : "A section file";
        return ["wrong-type", `${what} must be a set of fields (such as ${kind === "site" ? "title, version, groups" : "id, group, title, measures"}), but this file holds ${kindOf(value)}.`];
      }
      return ["wrong-type", `"${field}" in ${where} must be ${typeWord(expected)}, but here it is ${kindOf(value)}.`];
    }
    case "minItems":
      return ["empty-list", `"${field}" in ${where} must list at least one entry.`];
    case "minLength":
      return ["invalid-value", `"${field}" in ${where} must not be empty.`];
    case "maxLength":
      return ["invalid-value", `"${field}" in ${where} is too long.`];
    case "uniqueItems":
      return ["invalid-value", `"${field}" in ${where} lists the same entry twice.`];
    case "pattern":
      return ["invalid-value", patternMessage(field, where, String(value), String((error.params as { pattern: string }).pattern))];
    case "format": {
      const format = (error.params as { format: string }).format;
      if (format === "date") return ["invalid-value", `"${String(value)}" is not a date; write "${field}" as YYYY-MM-DD, e.g. 2026-12-01.`];
      return ["invalid-value", `"${String(value)}" is not a web address; write it as https://…`];
    }
    case "oneOf":
      return measureSourceOrCertification(error, where);
    case "not":
      return ["measure-source", `${capitalise(where)} has both "intro" and "intro_file"; give only one of them.`];
    default:
      return ["invalid-value", `"${field}" in ${where}: ${error.message ?? "invalid value"}.`];
  }
}

function measureSourceOrCertification(error: SchemaError, where: string): [RuleId, string] {
  const data = error.data;
  if (/\/certifications\/\d+$/.test(error.instancePath)) {
    return ["wrong-type", `A certification in ${where} must be a name, or a name with a url, but here it is ${kindOf(data)}.`];
  }
  const present = ["text", "file", "ref"].filter((k) => data !== null && typeof data === "object" && k in data);
  if (present.length === 0) {
    return ["measure-source", `${capitalise(where)} has no content: give it one of "text", "file" or "ref".`];
  }
  return ["measure-source", `${capitalise(where)} has ${present.map((p) => `"${p}"`).join(" and ")}; give exactly one of "text", "file" or "ref".`];
}

function patternMessage(field: string, where: string, value: string, pattern: string): string {
  if (pattern === "^[a-z0-9][a-z0-9-]*$") {
    const fix = value
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    const suggestion = fix ? ` (e.g. "${fix}")` : "";
    return `"${value}" is not a valid id for "${field}" in ${where}: use only lower-case letters, digits and hyphens${suggestion}.`;
  }
  if (field === "lang") return `"${value}" is not a language code; use a code such as "de", "en" or "fr-CH".`;
  if (pattern.startsWith("^https?")) return `"${value}" is not a web address; write it as https://…`;
  if (field === "version") return `"${value}" is not a usable version; use letters, digits, dots and hyphens, e.g. "2026.1".`;
  return `"${value}" has the wrong form for "${field}" in ${where}.`;
}

/** Names the thing a pointer is in, e.g. `measure "zutritt-rz" (no. 2)` or `location no. 3`. */
export function describe(file: YamlFile, kind: Kind, pointer: string): string {
  const tokens = parsePointer(pointer);
  const value = file.value as Record<string, unknown> | undefined;
  const item = (list: string, noun: string): string | undefined => {
    const index = tokens.indexOf(list);
    if (index === -1 || tokens.length <= index + 1) return undefined;
    const n = Number(tokens[index + 1]);
    const entry = (value?.[list] as unknown[] | undefined)?.[n] as { id?: unknown } | undefined;
    return typeof entry?.id === "string" && entry.id !== "" ? `${noun} "${entry.id}"` : `${noun} no. ${n + 1}`;
  };
  if (kind === "section") return item("measures", "measure") ?? "the section";
  return (
    item("locations", "location") ??
    item("groups", "group") ??
    (tokens[0] === "changes" && tokens.length > 1 ? `change entry no. ${Number(tokens[1]) + 1}` : undefined) ??
    (tokens[0] === "organisation" ? "organisation" : "site.yaml")
  );
}

function fieldName(pointer: string): string {
  const tokens = parsePointer(pointer);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as string;
    if (!/^\d+$/.test(token)) return token;
  }
  return "";
}

function typeWord(type: string): string {
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
  if (typeof value === "string") return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `${value}`;
  return "a set of fields";
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
