import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { check as checkContent } from "../src/commands/check.js";
import { materializeCase } from "./helpers/fixture.js";
import { tempDir } from "./helpers/tmp.js";

// Each folder in test/fixtures/check holds content/ with only the files that differ from _base/content (and
// removed.txt listing base files the case deletes), and expected.txt: the exact `toms check` output, run inside
// the content folder put together from both. After an intended change of a
// message, regenerate with `npx vitest run test/check-fixtures.test.ts -u` and read every changed line:
// would a data protection officer know what is wrong and where?
const root = path.join(import.meta.dirname, "fixtures/check");
const cases = fs
  .readdirSync(root)
  .filter((c) => !c.startsWith("_") && fs.existsSync(path.join(root, c, "expected.txt")))
  .sort();

/** The day the fixtures are checked on (review dates are judged against it): fixed, so the output is too. */
const today = "2026-12-01";

/** What `toms check --today 2026-12-01` prints for a content folder, with paths relative to that folder. */
function checkOutput(content: string): string {
  const { diagnostics } = checkContent(content, undefined, { today });
  return formatDiagnostics(diagnostics.sorted(), "text", content);
}

describe("check fixtures", () => {
  it("has the cases the validation corpus promises (at least 40)", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it("lists every case in the corpus index", () => {
    const index = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const listed = [...index.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(cases);
  });

  it("starts from a base content with no problem at all", () => {
    expect(checkOutput(path.join(root, "_base/content"))).toBe("✓ no problems found\n");
  });

  it.each(cases)("%s", async (name) => {
    const { dir, cleanup } = tempDir();
    let output: string;
    try {
      output = checkOutput(materializeCase(root, name, dir));
    } finally {
      cleanup();
    }
    await expect(output).toMatchFileSnapshot(path.join(root, name, "expected.txt"));
  });
});

describe("ref chains", () => {
  it("a ref without locations takes those of the measure it names, even when that one is a ref itself", () => {
    const content = fs.mkdtempSync(path.join(os.tmpdir(), "toms-ref-chain-"));
    try {
      fs.cpSync(path.join(root, "_base/content"), content, { recursive: true });
      // verschluesselung (everywhere) ← verschluesselung-berlin [berlin] ← verschluesselung-auch (none of its own).
      const weitergabe = fs.readFileSync(path.join(content, "weitergabe.yaml"), "utf8");
      const chain =
        "  - id: verschluesselung-berlin\n    ref: verschluesselung\n    locations: [berlin]\n  - id: verschluesselung-auch\n    ref: verschluesselung-berlin\n";
      fs.writeFileSync(path.join(content, "weitergabe.yaml"), `${weitergabe}${chain}`);
      const { site, diagnostics } = checkContent(content);
      expect(diagnostics.sorted()).toEqual([]);
      const measures = new Map(site?.groups.flatMap((g) => g.sections.flatMap((s) => s.measures.map((m) => [m.id, m] as const))));
      expect(measures.get("verschluesselung-auch")).toMatchObject({ locations: ["berlin"], reuses: "verschluesselung" });
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
    }
  });
});

describe("ref titles", () => {
  it("a ref without a title of its own shows the title of the nearest measure of its chain that has one", () => {
    const content = fs.mkdtempSync(path.join(os.tmpdir(), "toms-ref-title-"));
    try {
      fs.cpSync(path.join(root, "_base/content"), content, { recursive: true });
      // zutritt-rz has the title "Rechenzentrum Berlin"; a ref to it, a ref to that ref, and one with its own title.
      const refs = [
        "  - id: ohne-titel\n    ref: zutritt-rz",
        "  - id: kette\n    ref: ohne-titel",
        "  - id: eigener-titel\n    title: Nur Bestandskunden\n    ref: zutritt-rz",
        "  - id: kette-eigener\n    ref: eigener-titel",
      ].join("\n");
      fs.appendFileSync(path.join(content, "weitergabe.yaml"), `${refs}\n`);
      const { site, diagnostics } = checkContent(content, undefined, { today });
      expect(diagnostics.sorted()).toEqual([]);
      const titles = new Map(site?.groups.flatMap((g) => g.sections.flatMap((s) => s.measures.map((m) => [m.id, m.title] as const))));
      expect(titles.get("ohne-titel")).toBe("Rechenzentrum Berlin");
      expect(titles.get("kette")).toBe("Rechenzentrum Berlin");
      expect(titles.get("eigener-titel")).toBe("Nur Bestandskunden");
      expect(titles.get("kette-eigener")).toBe("Nur Bestandskunden");
      // The base's own ref (zutritt-rz-weitergabe) shows it too.
      expect(titles.get("zutritt-rz-weitergabe")).toBe("Rechenzentrum Berlin");
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
    }
  });
});

describe("YAML aliases", () => {
  // A text written once (&name) and repeated by an alias (*name) is the same text in each place: the review found a
  // measure whose text was an alias missing from every annex, with check silent.
  it("repeat a text, a per-language text, one language of it and a prose file, in every language's annex", () => {
    const content = fs.mkdtempSync(path.join(os.tmpdir(), "toms-alias-"));
    try {
      fs.cpSync(path.join(root, "_base/content"), content, { recursive: true });
      fs.cpSync(path.join(root, "translation-same/content"), content, { recursive: true });
      fs.writeFileSync(path.join(content, "prose/verschluesselung.en.md"), "Data are encrypted in transit with **TLS 1.2** or newer.\n");
      const weitergabe = fs.readFileSync(path.join(content, "weitergabe.yaml"), "utf8").replace("file: prose/", "file: &datei prose/");
      fs.writeFileSync(path.join(content, "weitergabe.yaml"), `${weitergabe}  - id: datei-kopie\n    locations: [aws]\n    file: *datei\n`);
      const aliases = [
        "  - id: einzeln\n    locations: [aws]\n    text:\n      de: &de Besucher tragen einen Ausweis.\n      en: &en Visitors wear a badge.",
        "  - id: einzeln-kopie\n    locations: [berlin]\n    text: { de: *de, en: *en }",
        "  - id: beide\n    locations: [berlin]\n    text: &beide\n      de: Die Tür ist zu.\n      en: The door is shut.",
        "  - id: beide-kopie\n    locations: [aws]\n    text: *beide",
      ].join("\n");
      fs.appendFileSync(path.join(content, "zutritt.yaml"), `${aliases}\n`);
      const { site, translations, diagnostics } = checkContent(content, undefined, { today });
      expect(diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
      const texts = (doc: typeof site) =>
        new Map(
          doc?.groups.flatMap((g) =>
            g.sections.flatMap((s) => s.measures.map((m) => [m.id, `${m.locations?.join(",")}: ${m.prose.markdown.trim()}`] as const)),
          ),
        );
      const german = texts(site);
      expect(german.get("einzeln-kopie")).toBe("berlin: Besucher tragen einen Ausweis.");
      expect(german.get("beide-kopie")).toBe("aws: Die Tür ist zu.");
      expect(german.get("datei-kopie")).toBe("aws: Daten werden bei der Übertragung mit **TLS 1.2** oder neuer verschlüsselt.");
      const english = texts(translations[0]);
      expect(english.get("einzeln-kopie")).toBe("berlin: Visitors wear a badge.");
      expect(english.get("beide")).toBe("berlin: The door is shut.");
      expect(english.get("beide-kopie")).toBe("aws: The door is shut.");
      expect(english.get("datei-kopie")).toBe("aws: Data are encrypted in transit with **TLS 1.2** or newer.");
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
    }
  });
});

describe("the shipped example (meetyoo)", () => {
  it("checks with zero errors and zero warnings", () => {
    const { diagnostics, site } = checkContent(path.join(import.meta.dirname, "../measures"));
    expect(diagnostics.sorted()).toEqual([]);
    expect(site?.groups.length).toBeGreaterThan(0);
  });
});
