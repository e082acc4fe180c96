import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { sourceDateEpochProblem } from "../src/pdf/build-date.js";
import { copyInto, makeRepo } from "./diff-helpers.js";
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

// The command as users run it (bin/toms.js runs the compiled bundle: `npm test` compiles first).
function toms(args: string[], env: Record<string, string> = {}, cwd = tmp.dir): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(import.meta.dirname, "../bin/toms.js"), ...args], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("toms build: wrong usage exits 2 with one line and writes nothing", () => {
  it("an --out that is an existing file: the file stays as it was", () => {
    fs.writeFileSync(path.join(tmp.dir, "notes.txt"), "meine Notizen");
    expect(toms(["build", "--content", "content", "--out", "notes.txt", "--no-pdf"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'toms: --out "notes.txt" is a file (or a link to one), not a folder; the build would replace it. Name a folder.\n',
    });
    expect(fs.readFileSync(path.join(tmp.dir, "notes.txt"), "utf8")).toBe("meine Notizen");
  });

  it("an --out that is a link to a file, or a link to nothing: the link and its file stay", () => {
    fs.writeFileSync(path.join(tmp.dir, "kept.txt"), "bleibt");
    fs.symlinkSync("kept.txt", path.join(tmp.dir, "link.txt"));
    fs.symlinkSync("nowhere", path.join(tmp.dir, "dangling"));
    const link = toms(["build", "--content", "content", "--out", "link.txt", "--no-pdf"]);
    expect(link.code).toBe(2);
    expect(link.stderr).toBe('toms: --out "link.txt" is a file (or a link to one), not a folder; the build would replace it. Name a folder.\n');
    const dangling = toms(["build", "--content", "content", "--out", "dangling", "--no-pdf"]);
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toBe('toms: --out "dangling" is a link that leads nowhere, not a folder; the build would replace it. Name a folder.\n');
    expect(fs.readlinkSync(path.join(tmp.dir, "link.txt"))).toBe("kept.txt");
    expect(fs.readlinkSync(path.join(tmp.dir, "dangling"))).toBe("nowhere");
    expect(fs.readFileSync(path.join(tmp.dir, "kept.txt"), "utf8")).toBe("bleibt");
  });

  it("an unsafe --out (the content folder) exits 2, not 1", () => {
    const before = snapshot(content);
    const run = toms(["build", "--content", "content", "--out", "content", "--no-pdf"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: 'toms: --out "content" is the content folder or contains it, and the build would replace it.\n' });
    expect(snapshot(content)).toEqual(before);
  });

  it("a content folder that does not exist", () => {
    expect(toms(["build", "--content", "nirgends", "--out", "cli-site", "--no-pdf"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'toms: the content folder "nirgends" does not exist; point --content at the folder that holds site.yaml.\n',
    });
    expect(fs.existsSync(path.join(tmp.dir, "cli-site"))).toBe(false);
  });

  it("a SOURCE_DATE_EPOCH past the year 9999 (a PDF date has four digits for the year), and one that is no number", () => {
    const late = toms(["build", "--content", "content", "--out", "cli-site"], { SOURCE_DATE_EPOCH: "99999999999999" });
    expect(late).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "toms: SOURCE_DATE_EPOCH 99999999999999 is after 9999-12-31 23:59:59 UTC; a PDF date has a four-digit year, so it must lie between 0 and 253402300799.\n",
    });
    const text = toms(["build", "--content", "content", "--out", "cli-site"], { SOURCE_DATE_EPOCH: "gestern" });
    expect(text).toEqual({ code: 2, stdout: "", stderr: 'toms: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not "gestern".\n' });
    expect(fs.existsSync(path.join(tmp.dir, "cli-site"))).toBe(false);
  });

  it("accepts every second up to the end of 9999; an HTML build does not read SOURCE_DATE_EPOCH at all", () => {
    expect(sourceDateEpochProblem("0")).toBeUndefined();
    expect(sourceDateEpochProblem("253402300799")).toBeUndefined();
    expect(sourceDateEpochProblem("253402300800")).toContain("a PDF date has a four-digit year");
    const run = toms(["build", "--content", "content", "--out", "cli-site", "--no-pdf", "--no-archive"], { SOURCE_DATE_EPOCH: "99999999999999" });
    expect(run.code).toBe(0);
  });
});

describe("names the build makes from --out and the version stay within a file name's 255 bytes", () => {
  it("an --out whose name leaves no room for the build's folders beside it is wrong usage", () => {
    const long = "s".repeat(231);
    const run = toms(["build", "--content", "content", "--out", long, "--no-pdf"]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `toms: --out "${long}" has a name of 231 bytes; the build needs room beside it for a longer one, so use at most 230.\n`,
    });
    expect(toms(["build", "--content", "content", "--out", "s".repeat(230), "--no-pdf", "--no-archive"]).code).toBe(0);
  });

  it("the longest version the check accepts (64 characters) builds, with its folder of the published version", () => {
    // Committed: only a published build (not a draft) writes the folder of its version.
    const repo = makeRepo();
    try {
      copyInto(repo, content, "longest-version");
      const version = `2026.${"1".repeat(59)}`;
      repo.edit(
        "longest-version/site.yaml",
        /^version: .*$/m.exec(fs.readFileSync(path.join(repo.dir, "longest-version/site.yaml"), "utf8"))?.[0] ?? "",
        `version: "${version}"`,
      );
      repo.commit("longest version");
      const run = toms(["build", "--content", "longest-version", "--out", "long-site", "--no-pdf"], {}, repo.dir);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(fs.readFileSync(path.join(repo.dir, "long-site", version, "helsinki.html"), "utf8")).toBe(
        fs.readFileSync(path.join(repo.dir, "long-site", "helsinki.html"), "utf8"),
      );
    } finally {
      repo.remove();
    }
  });
});
