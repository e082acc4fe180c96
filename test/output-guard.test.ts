import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { listFiles, tempDir } from "./helpers/tmp.js";

// A build replaces its whole output folder, so a mistyped --out must never take the project with it.
const tmp = tempDir();
afterAll(tmp.cleanup);
const content = path.join(tmp.dir, "content");
fs.cpSync(path.join(import.meta.dirname, "fixtures/build/nordlicht/content"), content, { recursive: true });
const snapshot = (dir: string) => listFiles(dir).map((f) => `${f}:${fs.readFileSync(path.join(dir, f), "utf8").length}`);

describe("toms build refuses an output folder it would destroy", () => {
  it.each([
    ["the content folder", () => content, "is the content folder or contains it"],
    ["a folder around the content", () => tmp.dir, "is the content folder or contains it"],
    ["a folder inside the content", () => path.join(content, "sections"), "lies inside the content folder"],
    ["the working folder", () => process.cwd(), "is the working folder or contains it"],
    ["the root", () => "/", "would replace the whole file system root"],
  ])("%s", async (_, out, reason) => {
    const before = snapshot(content);
    const result = await build({ content, out: out(), pdf: false, archive: false });
    expect(result.ok).toBe(false);
    expect(result.failure).toContain(reason);
    expect(snapshot(content)).toEqual(before);
  });

  it("a folder holding files toms did not write, but not one toms wrote before", async () => {
    const foreign = path.join(tmp.dir, "foreign");
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, "thesis.md"), "years of work");
    const refused = await build({ content, out: foreign, pdf: false, archive: false });
    expect(refused.failure).toContain("holds files that toms did not write");
    expect(fs.readFileSync(path.join(foreign, "thesis.md"), "utf8")).toBe("years of work");

    const site = path.join(tmp.dir, "site");
    expect((await build({ content, out: site, pdf: false, archive: false })).ok).toBe(true);
    expect((await build({ content, out: site, pdf: false, archive: false })).ok).toBe(true);
  });
});
