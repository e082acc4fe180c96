import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say, type Said } from "../diagnostics/say.js";
import type { Kind } from "../diagnostics/words.js";
import type { YamlFile } from "../load/yaml-file.js";
import { isFields } from "../util/guards.js";
import { slug } from "../util/slug.js";
import { closest } from "../util/suggest.js";
import type { ErrorObject } from "ajv";

/** An ajv error as toms reads it. */
export type SchemaError = ErrorObject;
import { asWritten, describe, entryOf, fieldName, isListEntry } from "./schema-words.js";
import { placeAt, placeOfKey } from "../load/yaml-path.js";

/** The rules of the problems the schemas find. */
type SchemaRule = "required-field" | "unknown-field" | "wrong-type" | "invalid-value" | "empty-list" | "measure-source" | "intro-source";

const sources = ["text", "file", "ref"];
/** Most schema problems reported per file: beyond that a list helps nobody, and placing each one costs time (20 000 unknown fields took 40 s). */
export const maxReportedPerFile = 50;

/** Turns ajv's errors for one file into diagnostics at the offending YAML node, in words an author understands. */
export function reportSchemaErrors(file: YamlFile, kind: Kind, errors: readonly SchemaError[], diagnostics: Diagnostics): void {
  const relevant = errors.filter(explained);
  let reported = 0;
  let more: { rule: SchemaRule; place: Place; count: number } | undefined;
  const report = (place: () => Place, said: () => Said<SchemaRule>) => {
    if (reported++ < maxReportedPerFile) diagnostics.add(said(), place());
    else if (more) more.count++;
    else more = { rule: said().rule, place: place(), count: 1 };
  };
  // A misspelt field shows up twice (unknown "titel", missing "title"): report it once, as the misspelling.
  const misspelt = new Set<string>();
  const unknown = relevant.flatMap((error) => {
    if (error.keyword !== "additionalProperties") return [];
    const name = String((error.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
    // YAML 1.1 merge keys (<<: *defaults) are an ordinary field name in YAML 1.2, which toms reads.
    const suggestion = name === "<<" ? undefined : closest(name, allowed);
    if (suggestion !== undefined) misspelt.add(`${error.instancePath}/${suggestion}`);
    return [{ pointer: error.instancePath, name, suggestion }];
  });
  // Every missing field of one place in one message; these first, as they matter most when a file has many problems.
  const missing = new Map<string, string[]>();
  for (const error of relevant) {
    if (error.keyword !== "required") continue;
    const name = String((error.params as { missingProperty: string }).missingProperty);
    if (misspelt.has(`${error.instancePath}/${name}`)) continue;
    const names = missing.get(error.instancePath) ?? [];
    if (!names.includes(name)) names.push(name);
    missing.set(error.instancePath, names);
  }
  for (const [pointer, fields] of missing) {
    report(
      () => placeAt(file, pointer),
      () => say["required-field"].missing({ where: describe(file, kind, pointer, true), fields }),
    );
  }
  for (const { pointer, name, suggestion } of unknown) {
    report(
      () => placeOfKey(file, pointer, name),
      () => {
        const where = describe(file, kind, pointer, true);
        return name === "<<" ? say["unknown-field"].mergeKey({ where }) : say["unknown-field"].unknown({ field: name, where, suggestion });
      },
    );
  }
  const seen = new Set<string>();
  for (const error of relevant) {
    if (error.keyword === "additionalProperties" || error.keyword === "required") continue;
    // A measure whose "txt" was reported as a misspelling of "text" is not also "without content".
    if (error.keyword === "oneOf" && sources.some((s) => misspelt.has(`${error.instancePath}/${s}`))) continue;
    const key = `${error.instancePath}|${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const said = explain(file, kind, error);
    report(
      () => (error.keyword === "not" ? placeOfKey(file, error.instancePath, "intro_file") : placeAt(file, error.instancePath)),
      () => said,
    );
  }
  if (more) diagnostics.add(say[more.rule].more({ count: more.count }), more.place);
}

/**
 * Which of ajv's errors say something the author needs; never the "if" bookkeeping. Of alternatives (oneOf), what
 * fits the value, decided by what each alternative is, not by its place in the schema. Alternatives of different
 * types (a certification is a name or a set of fields) are explained by the one of the value's type, or by the oneOf
 * itself when the value has none of them; alternatives told apart by their fields (a measure has text, file or ref)
 * by the oneOf, which says that better than each branch's "needs text".
 */
export function explained(error: SchemaError): boolean {
  if (error.keyword === "if" || /\/not\//.test(error.schemaPath)) return false;
  if (error.keyword === "not") return isFields(error.data);
  if (error.keyword === "oneOf") {
    const types = (error.schema as { type?: unknown }[]).flatMap((branch) => (typeof branch.type === "string" ? [branch.type] : []));
    return types.length > 0 ? !types.some((type) => hasType(error.data, type)) : isFields(error.data);
  }
  // Deeper inside an alternative (a field of a certification): only the alternative that reads the value's fields
  // gets there, the one the author meant.
  if (!/\/oneOf\/\d+\/[^/]+$/.test(error.schemaPath)) return true;
  // A keyword of the alternative itself (its type, its required fields): kept when the alternative is of the value's type.
  const type = (error.parentSchema as { type?: unknown } | undefined)?.type;
  return typeof type === "string" && hasType(error.data, type);
}

// Whether a value is of a JSON Schema type.
function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return isFields(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

function explain(file: YamlFile, kind: Kind, error: SchemaError): Said<SchemaRule> {
  const field = fieldName(error.instancePath);
  const where = describe(file, kind, error.instancePath);
  const value = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type": {
      if (error.instancePath === "") return say["wrong-type"].document({ kind, value });
      const list = entryOf(error.instancePath);
      if (list) return say["wrong-type"].entry({ where, list, value });
      const listEntry = isListEntry(error.instancePath);
      const written = asWritten(file, error.instancePath);
      // accent: #1d4e89 without quotes: YAML reads the colour as a comment, the value is empty.
      if (field === "accent" && value === null) return say["invalid-value"].colourAsComment();
      if (params.type === "string" && (typeof value === "number" || typeof value === "boolean") && written !== undefined) {
        return say["wrong-type"].unquoted({ field, where, listEntry, written, value });
      }
      return say["wrong-type"].field({ field, where, listEntry, expected: String(params.type), value });
    }
    case "minItems":
      return say["empty-list"].empty({ field, where });
    case "maxItems":
      return say["invalid-value"].tooMany({ field, where, count: Array.isArray(value) ? value.length : 0, limit: Number(params.limit) });
    case "minLength":
      return say["invalid-value"].empty({ field, where });
    case "maxLength":
      return say["invalid-value"].tooLong({ field, where, length: String(value).length, limit: Number(params.limit) });
    case "uniqueItems": {
      const repeated = Array.isArray(value) ? value[Number(params.j)] : undefined;
      return say["invalid-value"].repeated({ field, where, entry: typeof repeated === "string" ? repeated : undefined });
    }
    case "pattern":
      return patternProblem(field, where, String(value), String(params.pattern));
    case "format":
      if (params.format === "date") return say["invalid-value"].notDate({ value: String(value), field });
      return say["invalid-value"].notWebAddress({ value: String(value) });
    case "oneOf":
      if (/\/certifications\/\d+$/.test(error.instancePath)) return say["wrong-type"].certification({ where, value });
      return measureSource(value, where);
    case "not":
      return say["intro-source"].both({ where });
    default:
      return say["invalid-value"].unusable({ field, where });
  }
}

// What is wrong with a value that does not match its pattern (an id, a language code, a version, a web address).
function patternProblem(field: string, where: string, value: string, pattern: string): Said<"invalid-value"> {
  if (pattern === "^[a-z0-9][a-z0-9-]*$") {
    if (value === "") return say["invalid-value"].empty({ field, where });
    return say["invalid-value"].notId({ value, field, suggestion: slug(value) || undefined });
  }
  if (field === "lang") return say["invalid-value"].notLanguage({ value });
  if (pattern.startsWith("^https?")) return say["invalid-value"].notWebAddress({ value });
  if (field === "version") return say["invalid-value"].notVersion({ value });
  if (field === "accent") return say["invalid-value"].notColour({ value });
  return say["invalid-value"].wrongForm({ value, field, where });
}

function measureSource(data: unknown, where: string): Said<"measure-source"> {
  const present = sources.filter((k) => isFields(data) && k in data);
  if (present.length === 0) return say["measure-source"].none({ where });
  return say["measure-source"].several({ where, present });
}
