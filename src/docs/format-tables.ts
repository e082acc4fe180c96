import fs from "node:fs";
import path from "node:path";
import { cell } from "./markdown.js";

interface Schema {
  title?: string;
  description?: string;
  type?: string;
  format?: string;
  pattern?: string;
  maxLength?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
}

/** The generated parts of docs/format.md, by marker name: the field tables of site.yaml, a section and a measure. */
export function fieldTables(root: string): Record<string, string> {
  const site = read(root, "site");
  const section = read(root, "section");
  const measure = section.$defs?.measure as Schema;
  return {
    site: table(site, site, ""),
    section: table(section, { ...section, properties: Object.fromEntries(Object.entries(section.properties ?? {}).filter(([k]) => k !== "measures")) }, ""),
    measure: table(section, measure, "measures[]."),
  };
}

const start = (name: string) => `<!-- generated: ${name} (from the schemas, by npm run docs) -->`;
const end = "<!-- end of generated -->";

/** A hand-written page with the generated parts between its markers put in anew; throws when a marker is missing. */
export function fillMarkers(page: string, parts: Record<string, string>): string {
  let out = page;
  for (const [name, text] of Object.entries(parts)) {
    const from = out.indexOf(start(name));
    const to = out.indexOf(end, from);
    if (from === -1 || to === -1) throw new Error(`docs/format.md has no markers for "${name}": ${start(name)} … ${end}`);
    out = `${out.slice(0, from)}${start(name)}\n${text}\n${out.slice(to)}`;
  }
  return out;
}

function read(root: string, name: string): Schema {
  return JSON.parse(fs.readFileSync(path.join(root, `schemas/${name}.schema.json`), "utf8")) as Schema;
}

// One row per field, nested fields under their parent (organisation.name, groups[].id), each with whether it is
// required, what kind of value it takes, and the schema's title and description.
function table(document: Schema, schema: Schema, prefix: string): string {
  const rows = ["| field | required | value | meaning |", "| --- | --- | --- | --- |"];
  const visit = (object: Schema, at: string) => {
    for (const [name, raw] of Object.entries(object.properties ?? {})) {
      const field = resolve(document, raw);
      const key = `${at}${name}`;
      const required = object.required?.includes(name) ? "yes" : "";
      rows.push(`| \`${key}\` | ${required} | ${cell(kind(document, field))} | **${cell(field.title ?? name)}.** ${cell(field.description ?? "")} |`);
      const item = field.items ? resolve(document, field.items) : undefined;
      if (field.properties) visit(field, `${key}.`);
      else if (item?.properties) visit(item, `${key}[].`);
      else if (item?.oneOf) for (const alternative of item.oneOf) if (alternative.properties) visit(alternative, `${key}[].`);
    }
  };
  visit(schema, prefix);
  return rows.join("\n");
}

function resolve(document: Schema, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const target = document.$defs?.[schema.$ref.replace("#/$defs/", "")] ?? {};
  // The field's own title and description win over the definition's.
  return { ...target, ...schema, $ref: undefined } as Schema;
}

// What kind of value a field takes, in words.
function kind(document: Schema, schema: Schema): string {
  // A text a reader reads: one text, or one per language in a translated site (docs/languages.md).
  const [one, perLanguage] = schema.oneOf ?? [];
  if (schema.oneOf?.length === 2 && one && perLanguage?.title === "Per language") return `${kind(document, one)}, or one per language`;
  if (schema.pattern === "^[a-z0-9][a-z0-9-]*$") return `id (a-z, 0-9, -; at most ${schema.maxLength} characters)`;
  if (schema.format === "date") return "date (YYYY-MM-DD)";
  if (schema.format === "uri") return "web address (https://…)";
  if (schema.type === "string") return schema.maxLength ? `text (at most ${schema.maxLength} characters)` : "text";
  if (schema.type === "integer") return "whole number";
  if (schema.type === "boolean") return "true or false";
  if (schema.type === "object") return "fields";
  if (schema.type === "array" && schema.items) {
    const item = resolve(document, schema.items);
    const what = item.oneOf ? item.oneOf.map((alternative) => kind(document, alternative)).join(" or ") : kind(document, item);
    return `list of ${what}${schema.maxItems ? `; at most ${schema.maxItems} entries` : ""}`;
  }
  return "";
}
