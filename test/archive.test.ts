import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { sha256File } from "../src/publish/manifest.js";
import { makeRepo, smallContent, type TestRepo } from "./diff-helpers.js";
import { listFiles } from "./helpers/tmp.js";

// Customers sign a version: every published version stays at dist/<version>/, with the SHA-256 of its PDFs
// on the index page. Nothing is recorded here (see versions.test.ts for the record): earlier versions are rebuilt
// from git, their unchanged PDFs taken over from the previous output, or printed again when it is gone.
let repo: TestRepo;
const content = () => path.join(repo.dir, "measures");
const out = (name: string) => path.join(repo.dir, name);
const files = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, sha256File(path.join(dir, f))]));

beforeAll(async () => {
  repo = makeRepo();
  repo.write(smallContent);
  repo.commit("Version 1.0");
  expect((await build({ content: content(), out: out("dist"), pdf: true })).ok).toBe(true);
  repo.edit("measures/zutritt.yaml", "Alle Türen sind verschlossen.", "Alle Türen sind verschlossen und alarmgesichert.");
  repo.edit("measures/site.yaml", 'version: "1.0"', 'version: "1.1"');
  repo.commit("Version 1.1: alarm");
}, 120_000);
afterAll(() => repo.remove());

describe("the archive of published versions", () => {
  let before: Record<string, string>;
  beforeAll(async () => {
    before = files(out("dist"));
    const result = await build({ content: content(), out: out("dist"), pdf: true });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
  }, 120_000);

  it("keeps the earlier version byte for byte and adds the new one next to the latest", () => {
    const after = files(out("dist"));
    for (const file of Object.keys(before).filter((f) => f.startsWith("1.0/"))) expect(after[file], file).toBe(before[file]);
    expect(Object.keys(after).filter((f) => f.startsWith("1.1/") && !f.startsWith("1.1/fonts/"))).toEqual([
      "1.1/all.html",
      "1.1/all.pdf",
      "1.1/aws.html",
      "1.1/aws.pdf",
      "1.1/berlin.html",
      "1.1/berlin.pdf",
      // What changed against 1.0 (issue 14), part of the version's folder.
      "1.1/changes.html",
      "1.1/changes.pdf",
      "1.1/style.css",
    ]);
    // Each version's pages have the fonts they were printed with.
    expect(
      Object.keys(after)
        .filter((f) => f.startsWith("1.1/fonts/"))
        .map((f) => f.slice(4)),
    ).toEqual(Object.keys(after).filter((f) => f.startsWith("fonts/")));
    expect(after["berlin.pdf"]).toBe(after["1.1/berlin.pdf"]);
    expect(after["berlin.pdf"]).not.toBe(after["1.0/berlin.pdf"]);
    expect(fs.readFileSync(path.join(out("dist"), "1.0/berlin.html"), "utf8")).not.toContain("alarmgesichert");
  });

  it("lists every version on the index page with the SHA-256 of each PDF", () => {
    const index = fs.readFileSync(path.join(out("dist"), "index.html"), "utf8");
    const after = files(out("dist"));
    for (const version of ["1.0", "1.1"]) {
      for (const annex of ["all", "berlin", "aws"]) {
        expect(index).toContain(`href="${version}/${annex}.pdf"`);
        expect(index).toContain(`SHA-256 ${after[`${version}/${annex}.pdf`]}`);
      }
    }
    expect(index.indexOf(">1.1</span>")).toBeLessThan(index.indexOf(">1.0</span>"));
  });

  it("rebuilds an earlier version from git, identical to what was published, when the output is gone", async () => {
    const result = await build({ content: content(), out: out("fresh"), pdf: true });
    expect(result.ok).toBe(true);
    expect(files(out("fresh"))).toEqual(files(out("dist")));
  }, 120_000);
});
