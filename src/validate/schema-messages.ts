import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import type { RuleId } from "../diagnostics/rules.js";
import type { YamlFile } from "../load/yaml-file.js";
import { isFields } from "../util/guards.js";
import { didYouMean } from "../util/suggest.js";
import type { SchemaError } from "./schema.js";
import { asWritten, capitalise, describe, entryOf, fieldName, isListEntry, kindOf, listing, patternMessage, typeWord, type Kind } from "./schema-words.js";
import { placeAt, placeOfKey } from "./yaml-path.js";

const sources = ["text", "file", "ref"];
/** Most schema problems reported per file: beyond that a list helps nobody, and placing each one costs time (20 000 unknown fields took 40 s). */
export const maxReportedPerFile = 50;

/** Turns ajv's errors for one file into diagnostics at the offending YAML node, in words an author understands. */
export function reportSchemaErrors(file: YamlFile, kind: Kind, errors: readonly SchemaError[], diagnostics: Diagnostics): void {
  const relevant = errors.filter(explained);
  let reported = 0;
  let more: { rule: RuleId; place: Place; count: number } | undefined;
  const report = (rule: RuleId, place: () => Place, message: () => string) => {
    if (reported++ < maxReportedPerFile) diagnostics.add(rule, place(), message());
    else if (more) more.count++;
    else more = { rule, place: place(), count: 1 };
  };
  // A misspelt field shows up twice (unknown "titel", missing "title"): report it once, as the misspelling.
  const misspelt = new Set<string>();
  const unknown = relevant.flatMap((error) => {
    if (error.keyword !== "additionalProperties") return [];
    const name = String((error.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
    // YAML 1.1 merge keys (<<: *defaults) are an ordinary field name in YAML 1.2, which toms reads.
    const suggestion = name === "<<" ? ' (YAML merge keys "<<" are not supported: write the fields out)' : didYouMean(name, allowed);
    const match = /"(.*)"/.exec(suggestion)?.[1];
    if (match) misspelt.add(`${error.instancePath}/${match}`);
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
  for (const [pointer, names] of missing) {
    const target = pointer === "" ? (kind === "site" ? "site.yaml" : "The section") : capitalise(describe(file, kind, pointer));
    const fields = names.map((n) => `"${n}"`);
    report(
      "required-field",
      () => placeAt(file, pointer),
      () => `${target} is missing the required field${names.length > 1 ? "s" : ""} ${listing(fields)}.`,
    );
  }
  for (const { pointer, name, suggestion } of unknown) {
    report(
      "unknown-field",
      () => placeOfKey(file, pointer, name),
      () => `Unknown field "${name}" in ${describe(file, kind, pointer)}${suggestion}.`,
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
    const [rule, message] = explain(file, kind, error);
    report(
      rule,
      () => (error.keyword === "not" ? placeOfKey(file, error.instancePath, "intro_file") : placeAt(file, error.instancePath)),
      () => message,
    );
  }
  if (more) diagnostics.add(more.rule, more.place, `This file has ${more.count} more problems like the ones above; fix those first, then check again.`);
}

// Which of ajv's errors say something the author needs: of alternatives (oneOf, not) the branch that
// fits the value's type, or the parent when none does; never the "if" bookkeeping.
function explained(error: SchemaError): boolean {
  const data = error.data;
  if (error.keyword === "if" || /\/not\//.test(error.schemaPath)) return false;
  if (error.keyword === "not") return isFields(data);
  const certification = /\/certifications\/\d+$/.test(error.instancePath);
  if (error.keyword === "oneOf") return certification ? typeof data !== "string" && !isFields(data) : isFields(data);
  const branch = /\/oneOf\/(\d+)\//.exec(error.schemaPath)?.[1];
  if (branch === undefined) return true;
  // A measure's branches only say "needs text", "needs file", "needs ref": the parent says it better.
  if (!/\/certifications\/\d+(\/|$)/.test(error.instancePath)) return false;
  // A certification is a name (branch 0) or a set of fields (branch 1): explain the one the author meant.
  if (!certification) return branch === "1";
  return branch === (typeof data === "string" ? "0" : isFields(data) ? "1" : "neither");
}

function explain(file: YamlFile, kind: Kind, error: SchemaError): [RuleId, string] {
  const field = fieldName(error.instancePath);
  const where = describe(file, kind, error.instancePath);
  const value = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type": {
      const expected = typeWord(String(params.type));
      if (error.instancePath === "") {
        const what = kind === "site" ? "site.yaml" : "A section file";
        return [
          "wrong-type",
          `${what} must be a set of fields (such as ${kind === "site" ? "title, version, groups" : "id, group, title, measures"}), but this file holds ${kindOf(value)}.`,
        ];
      }
      const entry = entryOf(error.instancePath);
      const subject = entry
        ? `${capitalise(where)} must be a set of fields (such as ${entry})`
        : isListEntry(error.instancePath)
          ? `Each entry of "${field}" in ${where} must be ${expected}`
          : `"${field}" in ${where} must be ${expected}`;
      const raw = asWritten(file, error.instancePath);
      if (params.type === "string" && (typeof value === "number" || typeof value === "boolean") && raw !== undefined) {
        return [
          "wrong-type",
          `${subject}, but YAML reads ${raw} as ${typeof value === "number" ? kindOf(value) : "a yes/no value"}; write it in quotes: "${raw}".`,
        ];
      }
      const listHint = params.type === "array" ? ' (entries in [ ] or on lines starting with "- ")' : "";
      return ["wrong-type", `${subject}${listHint}, but here it is ${kindOf(value)}.`];
    }
    case "minItems":
      return ["empty-list", `"${field}" in ${where} must list at least one entry.`];
    case "minLength":
      return ["invalid-value", `"${field}" in ${where} must not be empty.`];
    case "maxLength":
      return ["invalid-value", `"${field}" in ${where} is ${String(value).length} characters long; it may have at most ${String(params.limit)}.`];
    case "uniqueItems": {
      const repeated = Array.isArray(value) ? value[Number(params.j)] : undefined;
      return ["invalid-value", `"${field}" in ${where} lists ${typeof repeated === "string" ? `"${repeated}"` : "the same entry"} twice.`];
    }
    case "pattern":
      return ["invalid-value", patternMessage(field, where, String(value), String(params.pattern))];
    case "format": {
      if (params.format === "date") return ["invalid-value", `"${String(value)}" is not a date; write "${field}" as YYYY-MM-DD, e.g. 2026-12-01.`];
      return ["invalid-value", `"${String(value)}" is not a web address; write it as https://…`];
    }
    case "oneOf":
      if (/\/certifications\/\d+$/.test(error.instancePath)) {
        return ["wrong-type", `A certification in ${where} must be a name, or a name with a url, but here it is ${kindOf(value)}.`];
      }
      return measureSource(value, where);
    case "not":
      return ["intro-source", `${capitalise(where)} has both "intro" and "intro_file"; give only one of them.`];
    default:
      return ["invalid-value", `"${field}" in ${where} has a value toms cannot use.`];
  }
}

function measureSource(data: unknown, where: string): [RuleId, string] {
  const present = sources.filter((k) => isFields(data) && k in data);
  if (present.length === 0) return ["measure-source", `${capitalise(where)} has no content: give it one of "text", "file" or "ref".`];
  return ["measure-source", `${capitalise(where)} has ${listing(present.map((p) => `"${p}"`))}; give exactly one of "text", "file" or "ref".`];
}
