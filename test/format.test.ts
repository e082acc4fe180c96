import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

// One format for all code (biome.json): a change that is not formatted fails here, with the files to format.
it("the code is formatted (npm run format)", () => {
  const biome = path.join(import.meta.dirname, "../node_modules/@biomejs/biome/bin/biome");
  const run = spawnSync(process.execPath, [biome, "format", "."], { cwd: path.join(import.meta.dirname, ".."), encoding: "utf8" });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
});
