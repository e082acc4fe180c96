import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { checkContent } from "../src/validate/check.js";
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

/** What `toms check` prints for a content folder, with paths relative to that folder. */
function checkOutput(content: string): string {
  const { diagnostics } = checkContent(content);
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

describe("the shipped content", () => {
  it("checks with zero errors and zero warnings", () => {
    const { diagnostics, site } = checkContent(path.join(import.meta.dirname, "../measures"));
    expect(diagnostics.sorted()).toEqual([]);
    expect(site?.groups.length).toBeGreaterThan(0);
  });
});
