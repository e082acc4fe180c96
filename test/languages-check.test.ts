// The rules of references, locations and catalogues on a site in two languages (examples/zweisprachig): the content
// is resolved once per language, and a problem is reported once, at the line of the language it concerns.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { check } from "../src/commands/check.js";
import { tempDir } from "./helpers/tmp.js";

const example = path.join(import.meta.dirname, "../examples/zweisprachig");
let tmp: ReturnType<typeof tempDir>;
let dir: string;
beforeEach(() => {
  tmp = tempDir("toms-languages-check-");
  dir = path.join(tmp.dir, "measures");
  fs.cpSync(example, dir, { recursive: true });
});
afterEach(() => tmp.cleanup());

function edit(file: string, from: string, to: string): void {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, "utf8");
  if (!text.includes(from)) throw new Error(`fixture: "${from}" is not in ${file}`);
  fs.writeFileSync(full, text.replace(from, to));
}

/** Every problem as "file:line:column severity rule". */
function problems(): string[] {
  return check(dir)
    .diagnostics.sorted()
    .map((d) => `${path.relative(dir, d.file)}:${d.line}:${d.column} ${d.severity} ${d.rule}`);
}

/** Where `text` starts in a file: "file:line:column". */
function at(file: string, text: string, offset = 0): string {
  const source = fs.readFileSync(path.join(dir, file), "utf8");
  const index = source.indexOf(text);
  if (index < 0) throw new Error(`fixture: "${text}" is not in ${file}`);
  const before = source.slice(0, index + offset).split("\n");
  return `${file}:${before.length}:${(before.at(-1) ?? "").length + 1}`;
}

const zutritt = "1-vertraulichkeit/zutrittskontrolle.yaml";

describe("the rules on a site in two languages", () => {
  it("the example itself has no problem", () => {
    expect(problems()).toEqual([]);
  });

  it("an unknown location is reported once, not once per language", () => {
    edit(zutritt, "locations: [leipzig]", "locations: [leipzg]");
    expect(problems()).toEqual([`${at(zutritt, "leipzg")} error location-ref`]);
  });

  it("a ref to a measure that does not exist, and a ref that widens the locations, are reported once each", () => {
    edit(
      zutritt,
      "  - id: besucher\n",
      "  - id: besucher-kopie\n    ref: besucherr\n  - id: usv-kopie\n    ref: usv\n    locations: [frankfurt]\n  - id: besucher\n",
    );
    expect(problems()).toEqual([
      `${at(zutritt, "besucherr")} error measure-ref`,
      `${at(zutritt, "ref: usv\n    locations: [frankfurt]", "ref: usv\n    locations: ".length)} error ref-locations`,
    ]);
  });

  it("a problem of the English text alone is reported at the English text, once", () => {
    edit(zutritt, "every entry is logged.", "every entry is <b>logged</b>.");
    const english = at(zutritt, "every entry is <b>", "every entry is ".length);
    expect(problems()).toEqual([`${english} error markdown-html`]);
  });

  it("a certification's address is checked once, and its name in each language: an address as the English name alone is reported there", () => {
    edit("site.yaml", '          en: "ISO/IEC 27001 (own ISMS, audited yearly)"\n', '          en: "www.iso.org"\n        url: https://xn--ws-6kc.com/iso\n');
    expect(problems()).toEqual([`${at("site.yaml", "www.iso.org", -1)} warning link-mismatch`, `${at("site.yaml", "https://xn--ws")} warning link-lookalike`]);
  });

  it("a catalogue's gaps are reported once per control, whatever the number of languages; a covered control is covered in both", () => {
    edit("site.yaml", "translations: [en]\n", "translations: [en]\ncatalogues: [art32]\n");
    const gaps = check(dir).diagnostics.list.map((d) => `${d.rule} ${d.message}`);
    expect(gaps).toHaveLength(7);
    expect(new Set(gaps).size).toBe(7);
    expect(problems().every((p) => p === `${at("site.yaml", "art32]")} warning catalogue-gap`)).toBe(true);
    expect(check(dir).diagnostics.list.filter((d) => d.message.includes("art32:confidentiality"))).toHaveLength(1);
    edit(zutritt, "  - id: besucher\n", "  - id: besucher\n    covers: [art32:confidentiality]\n");
    const after = check(dir);
    expect(after.diagnostics.list.filter((d) => d.message.includes("art32:confidentiality"))).toEqual([]);
    expect(after.diagnostics.list).toHaveLength(6);
    // Each language's annex shows the coverage in its words.
    expect(after.site?.lang).toBe("de");
    expect(after.translations.map((t) => t.lang)).toEqual(["en"]);
  });

  it("an unknown catalogue is reported once", () => {
    edit("site.yaml", "translations: [en]\n", "translations: [en]\ncatalogues: [art33]\n");
    expect(problems()).toEqual([`${at("site.yaml", "art33")} error catalogue-ref`]);
  });

  // Every text's "en" key and English prose file renamed to another language code.
  function translateInto(code: string): void {
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const file of walk(dir)) {
      if (file.endsWith(".en.md")) fs.renameSync(file, file.replace(/\.en\.md$/, `.${code}.md`));
      else if (file.endsWith(".yaml")) fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\ben:(?= )/g, `${code}:`));
    }
    edit("site.yaml", "translations: [en]", `translations: [${code}]`);
  }

  it("language codes: EN is reported as en (and read as en), en-GB takes the English words, an unknown code is warned of", () => {
    edit("site.yaml", "translations: [en]", "translations: [EN]");
    expect(problems()).toEqual([`${at("site.yaml", "EN]")} error invalid-value`]);
    expect(check(dir).diagnostics.list[0]?.message).toContain('write "en"');
    edit("site.yaml", "translations: [EN]", "translations: [en]");
    translateInto("en-GB");
    expect(problems()).toEqual([]);
    expect(check(dir).translations.map((t) => t.lang)).toEqual(["en-GB"]);
    tmp.cleanup();
    tmp = tempDir("toms-languages-check-");
    dir = path.join(tmp.dir, "measures");
    fs.cpSync(example, dir, { recursive: true });
    translateInto("zz-Latn-123");
    expect(problems()).toEqual([`${at("site.yaml", "zz-Latn-123]")} warning lang-words`]);
    expect(check(dir).diagnostics.list[0]?.message).toMatch(/^"zz-Latn-123" is not a language toms knows .* will be in English/);
  });
});
