import fs from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../src/diagnostics/diagnostic.js";
import { parseYamlFile } from "../src/load/yaml-file.js";
import type { Validate } from "../src/validate/schema.js";
import { reportSchemaErrors } from "../src/validate/schema-messages.js";

// The alternatives of a oneOf (a certification is a name or a set of fields; a measure has text, file or ref) are
// explained by what each alternative is, not by its place in the schema: with every oneOf of the schemas in reverse
// order, each message stays the same.
const dir = path.join(import.meta.dirname, "../schemas");

function compile(name: string, reorder: boolean): Validate {
  const schema = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as unknown;
  // The options of src/validate/schema.ts and scripts/compile-schemas.mjs.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true });
  addFormats.default(ajv, ["date", "uri"]);
  return ajv.compile((reorder ? reversedOneOfs(schema) : schema) as object);
}

// A copy of a schema with the branches of every oneOf in reverse order; the number of oneOfs reversed is counted.
let reversed = 0;
function reversedOneOfs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(reversedOneOfs);
  if (node === null || typeof node !== "object") return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, reversedOneOfs(value)]));
  if (Array.isArray(copy.oneOf)) {
    copy.oneOf = [...copy.oneOf].reverse();
    reversed++;
  }
  return copy;
}

function messages(kind: "site" | "section", text: string, reorder: boolean): string[] {
  const diagnostics = new Diagnostics();
  const file = parseYamlFile(`/content/${kind}.yaml`, text, diagnostics);
  const validate = compile(`${kind}.schema.json`, reorder);
  if (file && !validate(file.value)) reportSchemaErrors(file, kind, validate.errors ?? [], diagnostics);
  return diagnostics.sorted().map((d) => `${d.line}:${d.column} ${d.message} [${d.rule}]`);
}

const site = `title: Anlage
lang: de
organisation:
  name: Beispiel GmbH
  address: [Musterstraße 1]
version: "2026.1"
valid_from: 2026-12-01
groups:
  - id: vertraulichkeit
    title: Vertraulichkeit
locations:
  - id: aws
    name: AWS Frankfurt
    certifications:
      - ""
      - 27001
      - { url: "https://example.org" }
      - { name: "ISO 27017", url: "ftp://example.org" }
      - { name: "ISO 27018", link: "https://example.org" }
      - "ISO 27001"
`;

const section = `id: zutritt
group: vertraulichkeit
title: Zutritt
measures:
  - id: keiner
  - id: zwei
    text: Ein Text.
    ref: keiner
  - id: gut
    file: gut.md
`;

describe("explaining the alternatives of a oneOf", () => {
  it("reverses the oneOfs of both schemas in the copy", () => {
    reversed = 0;
    compile("site.schema.json", true);
    compile("section.schema.json", true);
    // certifications, location_label and its words per language (site), a measure's source and not_applicable (section),
    // and the 17 texts that may be written per language (title: "…" or { de: "…", en: "…" }).
    expect(reversed).toBe(22);
  });

  it("explains each certification by the alternative of its type, in either order", () => {
    const inOrder = messages("site", site, false);
    expect(inOrder).toEqual([
      '15:9 "certifications" in location "aws" must not be empty. [invalid-value]',
      '16:9 A certification in location "aws" must be a name, or a name with a url, but here it is the number 27001. [wrong-type]',
      '17:9 Certification no. 3 of location "aws" is missing the required field "name". [required-field]',
      '18:35 "ftp://example.org" is not a web address; write it as https://… [invalid-value]',
      '19:30 Unknown field "link" in certification no. 5 of location "aws". [unknown-field]',
    ]);
    expect(messages("site", site, true)).toEqual(inOrder);
  });

  it("explains a measure's text, file or ref by the oneOf, in either order", () => {
    const inOrder = messages("section", section, false);
    expect(inOrder).toEqual([
      '5:5 Measure "keiner" has no content: give it one of "text", "file" or "ref". [measure-source]',
      '6:5 Measure "zwei" has "text" and "ref"; give exactly one of "text", "file" or "ref". [measure-source]',
    ]);
    expect(messages("section", section, true)).toEqual(inOrder);
  });
});
