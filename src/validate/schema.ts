import fs from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** The two content schemas, compiled once per process. */
export interface Validators {
  site: ValidateFunction;
  section: ValidateFunction;
}

let compiled: Validators | undefined;

/** Folder of the JSON Schemas shipped with toms (also referenced by the content's yaml-language-server lines). */
export const schemaDir = new URL("../../schemas/", import.meta.url);

/** Compiles the site and section schemas (once) with every error reported, not just the first. */
export function validators(): Validators {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true });
  addFormats.default(ajv, ["date", "uri"]);
  const load = (name: string) => JSON.parse(fs.readFileSync(new URL(name, schemaDir), "utf8")) as object;
  compiled = { site: ajv.compile(load("site.schema.json")), section: ajv.compile(load("section.schema.json")) };
  return compiled;
}

/** An ajv error as toms reads it. */
export type SchemaError = ErrorObject;
