// Generates schemas/validators.cjs: the JSON Schemas of the content compiled to standalone JavaScript by ajv, so that
// `toms check` neither loads nor runs the schema compiler. The file records a hash of the schemas it was made
// from; src/validate/schema.ts compiles at run time instead when they no longer match.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";

const dir = new URL("../schemas/", import.meta.url);
const names = ["site.schema.json", "section.schema.json", "catalogue.schema.json"];
const texts = names.map((n) => fs.readFileSync(new URL(n, dir), "utf8"));
const hash = createHash("sha256").update(texts.join("\0")).digest("hex");

// The same options as src/validate/schema.ts, plus source code for standalone output.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true, code: { source: true } });
addFormats.default(ajv, ["date", "uri"]);
const [site, section, catalogue] = texts.map((t) => JSON.parse(t));
ajv.addSchema(site, "site");
ajv.addSchema(section, "section");
ajv.addSchema(catalogue, "catalogue");
const code = standaloneCode.default(ajv, { site: "site", section: "section", catalogue: "catalogue" });
fs.writeFileSync(new URL("validators.cjs", dir), `${code}\nexports.schemaHash = ${JSON.stringify(hash)};\n`);
console.log(`schemas/validators.cjs written (${hash.slice(0, 12)})`);
