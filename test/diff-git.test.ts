import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { diffContent } from "../src/diff/diff.js";
import { GitUsageError, locateContent } from "../src/diff/git.js";
import { gitFs } from "../src/diff/git-fs.js";
import { maxFileBytes } from "../src/load/source.js";
import { makeRepo, smallContent, type TestRepo } from "./diff-helpers.js";

let repo: TestRepo;
let base: string;
beforeEach(() => {
  repo = makeRepo();
  repo.write(Object.fromEntries(Object.entries(smallContent).map(([file, text]) => [`docs/${file}`, text])));
  base = repo.commit("base");
});
afterEach(() => repo.remove());

describe("reading a revision", () => {
  test("lists and reads the files of the content folder at a commit, under the working-tree path", () => {
    repo.write({ "docs/measures/neu.yaml": "id: neu\n", "docs/measures/.hidden/x.yaml": "x: 1\n", "docs/other.yaml": "x: 1\n" });
    repo.commit("more");
    const root = path.join(repo.dir, "docs/measures");
    const at = gitFs(repo.dir, base, "docs/measures", root);
    expect(at.files().map((f) => path.relative(repo.dir, f))).toEqual([
      "docs/measures/backup.yaml",
      "docs/measures/site.yaml",
      "docs/measures/zugang.yaml",
      "docs/measures/zutritt.yaml",
    ]);
    expect(at.read(path.join(root, "zugang.yaml")).toString("utf8")).toBe(smallContent["measures/zugang.yaml"]);
    expect(at.exists(path.join(root, "neu.yaml"))).toBe(false);
    expect(() => at.read(path.join(root, "neu.yaml"))).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });

  test("finds the content folder from a working folder below the top", () => {
    const cwd = path.join(repo.dir, "docs");
    expect(locateContent("measures", cwd)).toEqual({ top: repo.dir, inRepo: "docs/measures" });
    expect(locateContent(".", path.join(cwd, "measures"))).toEqual({ top: repo.dir, inRepo: "docs/measures" });
    repo.edit("docs/measures/zugang.yaml", "zwölf", "16");
    const result = diffContent({ content: "measures", base: "main", cwd });
    expect(result.annexes[0]?.changes.map((c) => c.measure)).toEqual(["passwort"]);
  });

  test("never touches the working tree or the index", () => {
    repo.edit("docs/measures/zugang.yaml", "zwölf", "16");
    repo.git("add", "docs/measures/zugang.yaml");
    repo.edit("docs/measures/zutritt.yaml", "verschlossen", "zu");
    repo.write({ "docs/measures/untracked.md": "neu\n" });
    const status = repo.git("status", "--porcelain=v2");
    // Taken after `git status`, which may itself refresh the index.
    const index = path.join(repo.dir, ".git/index");
    const snapshot = () => ({
      index: fs.readFileSync(index),
      mtime: fs.statSync(index).mtimeMs,
      zugang: fs.readFileSync(path.join(repo.dir, "docs/measures/zugang.yaml")),
    });
    const before = snapshot();
    const result = diffContent({ content: "docs/measures", base: "main", head: "HEAD", cwd: repo.dir });
    expect(result.contentChanged).toBe(false);
    expect(snapshot()).toEqual(before);
    expect(repo.git("status", "--porcelain=v2")).toBe(status);
    expect(fs.existsSync(path.join(repo.dir, ".git/index.lock"))).toBe(false);
  });

  test("follows links inside the folder and reports links leading out of it", () => {
    repo.write({
      "docs/secret.md": "geheim\n",
      "docs/measures/prose/text.md": "Geteilter Text.\n",
      "docs/measures/zugang.yaml":
        smallContent["measures/zugang.yaml"] + "  - id: geteilt\n    file: prose/link.md\n  - id: draussen\n    file: prose/out.md\n",
    });
    fs.symlinkSync("text.md", path.join(repo.dir, "docs/measures/prose/link.md"));
    fs.symlinkSync("../../secret.md", path.join(repo.dir, "docs/measures/prose/out.md"));
    const commit = repo.commit("links");
    const root = path.join(repo.dir, "docs/measures");
    const at = gitFs(repo.dir, commit, "docs/measures", root);
    expect(at.read(path.join(root, "prose/link.md")).toString("utf8")).toBe("Geteilter Text.\n");
    expect(at.realpath(path.join(root, "prose/out.md"))).toBe(path.join(repo.dir, "docs/secret.md"));
    const result = diffContent({ content: "docs/measures", base: "HEAD", cwd: repo.dir });
    expect(result.broken).toBe("base");
    expect(result.base.diagnostics.list.map((d) => `${path.relative(repo.dir, d.file)}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      "docs/measures/zugang.yaml:12:11 file-outside",
    ]);
  });

  test("files outside the batch (not YAML or Markdown) are read on demand", () => {
    repo.write({ "docs/measures/prose/text.txt": "Reiner Text.\n", "docs/measures/bild.png": "\x89PNG" });
    const commit = repo.commit("txt");
    const root = path.join(repo.dir, "docs/measures");
    expect(gitFs(repo.dir, commit, "docs/measures", root).read(path.join(root, "prose/text.txt")).toString("utf8")).toBe("Reiner Text.\n");
  });

  test("a file too large at a revision is reported with its size, as on disk", () => {
    repo.write({ "docs/measures/gross.yaml": `# ${"x".repeat(maxFileBytes + 10)}\n` });
    const commit = repo.commit("large");
    const result = diffContent({ content: "docs/measures", base: commit, cwd: repo.dir });
    expect(result.base.diagnostics.list.map((d) => `${d.rule} ${d.message}`)).toEqual([
      "file-too-large The file is larger than 256 KB, the most a content file may have; split it into smaller files.",
    ]);
  });
});

describe("usage errors", () => {
  test("an unknown revision", () => {
    expect(() => diffContent({ content: "docs/measures", base: "nope", cwd: repo.dir })).toThrow(
      new GitUsageError('unknown revision "nope": no commit of that name in this repository (is it fetched?).'),
    );
  });

  test("a name git would read as an option", () => {
    expect(() => diffContent({ content: "docs/measures", base: "--output=x", cwd: repo.dir })).toThrow(
      new GitUsageError('"--output=x" is not a revision name.'),
    );
  });

  test("not a git repository", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "toms-nogit-"));
    try {
      expect(() => diffContent({ content: "measures", base: "main", cwd: dir })).toThrow(/^toms diff needs a git repository: not a git repository/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a content folder outside the repository", () => {
    expect(() => locateContent("../elsewhere", repo.dir)).toThrow(/^the content folder "\.\.\/elsewhere" is not inside the git repository/);
  });
});
