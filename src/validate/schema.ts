import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ErrorObject } from "ajv";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { LoadedContent } from "../load/load.js";
import { reportSchemaErrors } from "./schema-messages.js";

/** A compiled schema check: true when valid, else the errors in `.errors` (ajv's interface). */
export interface Validate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The content schemas, compiled. */
export interface Validators {
  site: Validate;
  section: Validate;
  catalogue: Validate;
}

/** Folder of the JSON Schemas shipped with toms (also referenced by the content's yaml-language-server lines). */
export const schemaDir = new URL("../../schemas/", import.meta.url);

const names = ["site.schema.json", "section.schema.json", "catalogue.schema.json"] as const;
let compiled: Validators | undefined;

/**
 * The site, section and catalogue validators, with every error reported. Uses the standalone code that
 * `npm run compile` generates (schemas/validators.cjs), so checking loads no schema compiler; compiles
 * the schemas at run time when that file is missing or was made from other schemas.
 */
export function validators(): Validators {
  if (compiled) return compiled;
  const texts = names.map((n) => fs.readFileSync(new URL(n, schemaDir), "utf8"));
  const hash = createHash("sha256").update(texts.join("\0")).digest("hex");
  const require = createRequire(import.meta.url);
  try {
    const generated = require(fileURLToPath(new URL("validators.cjs", schemaDir))) as Validators & { schemaHash: string };
    if (generated.schemaHash === hash) compiled = { site: generated.site, section: generated.section, catalogue: generated.catalogue };
  } catch {
    // Not generated (a checkout without `npm run compile`): fall back to compiling below.
  }
  compiled ??= compileAtRunTime(texts, require);
  return compiled;
}

function compileAtRunTime(texts: string[], require: NodeJS.Require): Validators {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
  // The same options as scripts/compile-schemas.mjs.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true });
  addFormats(ajv, ["date", "uri"]);
  const [site, section, catalogue] = texts.map((t) => JSON.parse(t) as object);
  return { site: ajv.compile(site as object), section: ajv.compile(section as object), catalogue: ajv.compile(catalogue as object) };
}

/** The schema stage: each YAML file read is checked against its schema (site.yaml, a section or a catalogue), every problem reported. */
export function validateShapes(content: LoadedContent, diagnostics: Diagnostics): void {
  const { site: validateSite, section: validateSection, catalogue: validateCatalogue } = validators();
  if (content.site?.value !== undefined && !validateSite(content.site.value)) {
    reportSchemaErrors(content.site, "site", validateSite.errors ?? [], diagnostics);
  }
  for (const file of content.sections) {
    if (file.value !== undefined && !validateSection(file.value)) reportSchemaErrors(file, "section", validateSection.errors ?? [], diagnostics);
  }
  for (const file of content.catalogues) {
    if (file.value !== undefined && !validateCatalogue(file.value)) reportSchemaErrors(file, "catalogue", validateCatalogue.errors ?? [], diagnostics);
  }
}
