// The git repository, output folders and commands shared by the tests of published versions (versions*.test.ts):
// each describe block makes a fresh repository with fresh() and removes it with cleanup().
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { build, type BuildResult } from "../../src/commands/build.js";
import { sha256File } from "../../src/publish/manifest.js";
import { makeRepo, smallContent, type TestRepo } from "../diff-helpers.js";
import { listFiles, tempDir } from "./tmp.js";

const bin = path.resolve("bin/toms.js");
// The record's commit needs an identity, as the workflow gives it one.
export const identity = {
  GIT_AUTHOR_NAME: "Pages",
  GIT_AUTHOR_EMAIL: "pages@example.org",
  GIT_COMMITTER_NAME: "Pages",
  GIT_COMMITTER_EMAIL: "pages@example.org",
};
export const toms = (cwd: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...identity } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
export const hashes = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, sha256File(path.join(dir, f))]));
export const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "toms-manifest.json"), "utf8"));
export const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");
export const draftMark = "Entwurf – nicht veröffentlicht";

/** The repository and output folders of the running describe block (live bindings: set by fresh()). */
export let repo: TestRepo;
export let outs: ReturnType<typeof tempDir>;
/** A new repository holding version 1.0, and new output folders. */
export function fresh(): void {
  repo = newRepo();
  outs = tempDir("toms-versions-");
}
/** Removes what fresh() made. */
export function cleanup(): void {
  repo.remove();
  outs.cleanup();
}
export const out = (name: string) => path.join(outs.dir, name);
export const content = (r: TestRepo = repo) => path.join(r.dir, "measures");
export const html = (name: string, pdf = false) => build({ content: content(), out: out(name), pdf });
export const record = (name: string, ...args: string[]) => toms(repo.dir, "record", "--out", out(name), ...args);
export const recordTip = (r: TestRepo = repo) => r.git("rev-parse", "--verify", "-q", "refs/heads/toms-published").trim();
// A new version: raised, in force later, with its own history entry.
export const bump = (to: string, summary: string, r: TestRepo = repo) => {
  const site = fs.readFileSync(path.join(r.dir, "measures/site.yaml"), "utf8");
  const from = /^version: "([^"]+)"$/m.exec(site)?.[1] as string;
  r.edit("measures/site.yaml", `version: "${from}"`, `version: "${to}"`);
  const date = `2099-0${Number(to.split(".")[1]) + 1}-01`;
  r.edit("measures/site.yaml", "changes:\n", `changes:\n  - version: "${to}"\n    date: ${date}\n    summary: "${summary}"\n`);
  r.edit("measures/site.yaml", /^valid_from: .*$/m.exec(site)?.[0] as string, `valid_from: ${date}`);
};
export const newRepo = () => {
  const r = makeRepo();
  r.write(smallContent);
  r.commit("1.0", "2026-01-01T00:00:00Z");
  return r;
};
export const ok = (result: BuildResult) => {
  expect(result.failure).toBeUndefined();
  expect(result.diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
};
