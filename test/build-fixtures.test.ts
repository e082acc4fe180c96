import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../src/commands/build.js";
import { copyInto, makeRepo } from "./diff-helpers.js";
import { listFiles, tempDir } from "./helpers/tmp.js";

// Each folder in test/fixtures/build holds content/ and expected/: the exact site `toms build --no-pdf` writes.
// Regenerate after an intended change with `npx vitest run test/build-fixtures.test.ts -u`, then read the diff.
// Each content is committed to a repository of its own first: the expected site is a published one (no draft
// banner), whatever state the fixture has in toms's own working tree while someone edits it.
const root = path.join(import.meta.dirname, "fixtures/build");
const cases = fs.readdirSync(root).filter((c) => fs.existsSync(path.join(root, c, "content")));
const tmp = tempDir();
afterAll(tmp.cleanup);

describe.each(cases)("build fixture %s", (name) => {
  it("writes exactly the expected files", async () => {
    let result: BuildResult;
    const out = path.join(tmp.dir, name);
    const repo = makeRepo();
    try {
      copyInto(repo, path.join(root, name, "content"), "content");
      repo.commit(name);
      result = await build({ content: path.join(repo.dir, "content"), out, pdf: false, archive: false });
    } finally {
      repo.remove();
    }
    expect(result.diagnostics.sorted()).toEqual([]);
    expect(result.ok).toBe(true);
    const written = listFiles(out);
    // The style sheet and the bundled fonts (scripts/fonts.mjs) are toms's, not the content's.
    const own = (file: string) => file === "style.css" || file.startsWith("fonts/");
    for (const file of written) {
      if (own(file)) continue;
      await expect(fs.readFileSync(path.join(out, file), "utf8")).toMatchFileSnapshot(path.join(root, name, "expected", file));
    }
    const expected = fs.existsSync(path.join(root, name, "expected")) ? listFiles(path.join(root, name, "expected")) : [];
    expect(written.filter((f) => !own(f))).toEqual(expected);
  });
});
