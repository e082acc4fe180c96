import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Editors show a property's title and description while authors type, so every property needs both.
const dir = path.join(import.meta.dirname, "../schemas");
const schemas = ["site.schema.json", "section.schema.json", "catalogue.schema.json"];

function properties(node: unknown, at: string, found: [string, Record<string, unknown>][] = []): [string, Record<string, unknown>][] {
  if (Array.isArray(node)) node.forEach((n, i) => properties(n, `${at}/${i}`, found));
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === "object") {
      for (const [name, schema] of Object.entries(record.properties as Record<string, Record<string, unknown>>))
        found.push([`${at}/properties/${name}`, schema]);
    }
    for (const [key, value] of Object.entries(record)) properties(value, `${at}/${key}`, found);
  }
  return found;
}

describe.each(schemas)("%s", (name) => {
  const schema = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Record<string, unknown>;
  it("is JSON Schema draft 2020-12", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
  it("gives every property a title and a description", () => {
    const list = properties(schema, "");
    expect(list.length).toBeGreaterThan(5);
    for (const [where, property] of list) {
      expect(typeof property.title, `${where} title`).toBe("string");
      expect(typeof property.description, `${where} description`).toBe("string");
    }
  });
});

describe("the shipped example (meetyoo)", () => {
  it("names the schema in the first line of every YAML file, for editors", () => {
    const root = path.join(import.meta.dirname, "../measures");
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const first = fs.readFileSync(path.join(root, file), "utf8").split("\n")[0] ?? "";
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, file).not.toBeNull();
      const target = path.resolve(path.dirname(path.join(root, file)), match?.[1] ?? "");
      const expected = path.basename(file) === "site.yaml" ? "site.schema.json" : "section.schema.json";
      expect(path.relative(dir, target), file).toBe(expected);
    }
  });
});
