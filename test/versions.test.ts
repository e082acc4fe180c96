// Published versions are immutable (issue 10): each scenario in a real git repository, with toms record run as
// the command the Pages workflow runs. Most builds are HTML only; the drafts and the build from scratch print PDFs.
// (versions-forged.test.ts: versions added to the record by hand, and rebase merges.)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sourceState } from "../src/publish/source-state.js";
import { collapse, pageTexts } from "./pdf-tools.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { sha256File } from "../src/publish/manifest.js";
import { listFiles } from "./helpers/tmp.js";
import {
  bump,
  cleanup,
  content,
  draftMark,
  fresh,
  hashes,
  html,
  manifest,
  ok,
  out,
  outs,
  read,
  record,
  recordTip,
  repo,
  toms,
  identity,
} from "./helpers/versions.js";

describe("a build of uncommitted content is a draft", () => {
  beforeAll(async () => {
    fresh();
    repo.edit("measures/zutritt.yaml", "Alle Türen", "ENTWURFSTEXT Alle Türen");
    ok(await html("dist", true));
  });
  afterAll(() => {
    cleanup();
  });

  it("says so on every page and on every page of its PDFs, writes no archive, lists no SHA-256", () => {
    const files = listFiles(out("dist")).filter((f) => !f.startsWith("fonts/"));
    expect(files).toEqual(["all.html", "all.pdf", "aws.html", "aws.pdf", "berlin.html", "berlin.pdf", "index.html", "style.css", "toms-manifest.json"]);
    for (const page of files.filter((f) => f.endsWith(".html")))
      expect(read(out("dist"), page), page).toContain(`<p class="draft-banner" role="note"><strong>${draftMark}</strong></p>`);
    for (const pdf of files.filter((f) => f.endsWith(".pdf"))) {
      const pages = pageTexts(path.join(out("dist"), pdf)).map(collapse);
      expect(pages.length).toBeGreaterThan(0);
      for (const text of pages) expect(text, pdf).toContain(`Version 1.0 · ${draftMark}`);
    }
    expect(read(out("dist"), "index.html")).not.toContain("SHA-256");
    expect(manifest(out("dist"))).toMatchObject({ draft: true, versions: [] });
  });

  it("is refused by toms record", () => {
    const run = record("dist");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is a draft \(built from content that was not committed\): a draft is never published, so it is never recorded/);
    expect(repo.git("branch", "--list", "toms-published")).toBe("");
  });

  it("once committed, builds the version; the draft's files are neither the archive nor reused", async () => {
    const draft = hashes(out("dist"));
    bump("1.1", "Entwurf übernommen.");
    repo.commit("1.1", "2026-01-02T00:00:00Z");
    const result = ok(await html("dist", true));
    expect(result.draft).toBeUndefined();
    const after = hashes(out("dist"));
    for (const file of ["all.pdf", "berlin.pdf", "aws.pdf"]) expect(after[file], file).not.toBe(draft[file]);
    // 1.0 is what its commit said, not the draft built while 1.0 was still the version.
    expect(read(out("dist"), "1.0/all.html")).not.toContain("ENTWURFSTEXT");
    expect(collapse(pageTexts(path.join(out("dist"), "1.0/all.pdf")).join(" "))).not.toContain("ENTWURFSTEXT");
    expect(read(out("dist"), "1.1/all.html")).toContain("ENTWURFSTEXT");
    for (const file of listFiles(out("dist")).filter((f) => f.endsWith(".html"))) expect(read(out("dist"), file), file).not.toContain(draftMark);
    for (const pdf of ["1.0/all.pdf", "1.1/all.pdf"]) expect(read(out("dist"), "index.html")).toContain(`SHA-256 ${after[pdf]}`);
    expect(manifest(out("dist")).draft).toBe(false);
  });

  it("covers staged, untracked and ignored files in the content folder, and content outside git; not a clean clone", () => {
    const reason = (dir: string) => {
      const state = sourceState(dir);
      return state.draft ? state.reason : undefined;
    };
    repo.write({ ".gitignore": "*.bak\n" });
    repo.commit("ignore", "2026-01-03T00:00:00Z");
    expect(reason(content())).toBeUndefined();
    repo.write({ "measures/notiz.bak": "ignored, but toms would read it\n" });
    expect(reason(content())).toMatch(/measures has changes that are not committed \(measures\/notiz\.bak\)$/);
    repo.write({ "measures/notiz.bak": null, "measures/neu.md": "Neu.\n" });
    expect(reason(content())).toMatch(/\(measures\/neu\.md\)$/);
    repo.git("add", "measures/neu.md");
    expect(reason(content())).toMatch(/\(measures\/neu\.md\)$/);
    repo.git("rm", "-q", "--cached", "measures/neu.md");
    // Hidden files and node_modules are never read as content.
    repo.write({ "measures/neu.md": null, "measures/.DS_Store": "editor state", "measures/node_modules/x.yaml": "x: 1\n" });
    expect(reason(content())).toBeUndefined();
    repo.write({ "measures/.DS_Store": null, "measures/node_modules/x.yaml": null });
    const loose = path.join(outs.dir, "loose");
    fs.cpSync(content(), loose, { recursive: true });
    expect(reason(loose)).toMatch(/is not in a git repository$/);
    // `npx toms build` on a fresh clone of a clean checkout, as the README's first command.
    const clone = path.join(outs.dir, "clone");
    expect(spawnSync("git", ["clone", "-q", repo.dir, clone]).status).toBe(0);
    expect(reason(path.join(clone, "measures"))).toBeUndefined();
    const run = toms(clone, "build", "--no-pdf");
    expect(run.code).toBe(0);
    // Only the result: the steps are for a terminal (or --verbose), not for a CI log.
    expect(run.stdout).toMatch(/^✓ 3 annexes written to dist in \d+ ms\n$/);
    expect(run.stdout).not.toContain("draft");
  });
});

describe("the record of published versions, and a build from scratch as in the Pages workflow", () => {
  let clone: string;
  let published: Record<string, string>;
  beforeAll(async () => {
    fresh();
    ok(await html("deployed-1.0", true));
    // As an older toms rendered it: the record keeps these bytes, and no later build may replace them.
    fs.appendFileSync(path.join(out("deployed-1.0"), "1.0/all.html"), "<!-- rendered by an older toms -->\n");
    expect(record("deployed-1.0").code).toBe(0);
    repo.edit("measures/zutritt.yaml", "Alle Türen sind verschlossen.", "Alle Türen sind verschlossen und alarmgesichert.");
    bump("1.1", "Alarm.");
    repo.commit("1.1", "2026-01-02T00:00:00Z");
    const log: string[] = [];
    ok(await build({ content: content(), out: out("deployed-1.1"), pdf: true, log: (line) => log.push(line) }));
    expect(log.filter((l) => l.includes("1.0/"))).toEqual([]);
    const run = record("deployed-1.1");
    expect(run.stdout).toMatch(/^recorded version 1\.1 \(commit [0-9a-f]{12}, \d+ files\) on toms-published\nalready recorded, the same files: 1\.0\n/);
    published = hashes(out("deployed-1.1"));
    // CI's checkout: a fresh clone, the record only as origin/toms-published, an empty dist/.
    clone = path.join(outs.dir, "clone");
    expect(spawnSync("git", ["clone", "-q", repo.dir, clone]).status).toBe(0);
  });
  afterAll(() => {
    cleanup();
  });

  it("records one folder per version, with the source commit, toms's version and every file's SHA-256", () => {
    expect(repo.git("ls-tree", "--name-only", "toms-published").split("\n").filter(Boolean)).toEqual(["1.0", "1.1"]);
    const entry = JSON.parse(repo.git("show", "toms-published:1.1/toms-record.json"));
    expect(entry).toMatchObject({
      version: "1.1",
      valid_from: "2099-02-01",
      commit: repo.git("rev-parse", "HEAD").trim(),
      content: "measures",
      toms: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(Object.keys(entry.files).filter((f) => !f.startsWith("fonts/"))).toEqual([
      "all.html",
      "all.pdf",
      "aws.html",
      "aws.pdf",
      "berlin.html",
      "berlin.pdf",
      // Its changes page against 1.0 is published, and so recorded, with it.
      "changes.html",
      "changes.pdf",
      "style.css",
    ]);
    for (const [file, sha] of Object.entries(entry.files)) expect(published[`1.1/${file}`], file).toBe(sha);
    expect(repo.git("log", "--format=%s", "toms-published").split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^Record version 1\.1 \(commit [0-9a-f]{12}\) as published$/),
      expect.stringMatching(/^Record version 1\.0 \(commit [0-9a-f]{12}\) as published$/),
    ]);
  });

  it("serves every recorded file byte for byte in a fresh clone, prints nothing and re-renders nothing", async () => {
    const log: string[] = [];
    const result = ok(await build({ content: path.join(clone, "measures"), out: path.join(clone, "dist"), pdf: true, log: (line) => log.push(line) }));
    expect(result.recorded).toBe(repo.git("rev-parse", "HEAD").trim());
    expect(log.filter((l) => /\.pdf/.test(l))).toEqual([]);
    const fresh = hashes(path.join(clone, "dist"));
    for (const file of Object.keys(published).filter((f) => /^1\.[01]\//.test(f) || !f.includes("/"))) {
      if (file === "index.html" || file === "toms-manifest.json") continue;
      expect(fresh[file], file).toBe(published[file]);
    }
    expect(read(path.join(clone, "dist"), "1.0/all.html")).toContain("<!-- rendered by an older toms -->");
    expect(read(path.join(clone, "dist"), "index.html")).toBe(read(out("deployed-1.1"), "index.html"));
  });

  it("fails when a commit on the record changes a recorded file, naming it, and leaves the output as it was", async () => {
    const tampered = path.join(outs.dir, "tamper");
    spawnSync("git", ["-C", clone, "worktree", "add", "-q", tampered, "-b", "toms-published", "origin/toms-published"]);
    fs.appendFileSync(path.join(tampered, "1.0/berlin.pdf"), "%% changed\n");
    spawnSync("git", ["-C", tampered, "commit", "-qam", "tamper"], { env: { ...process.env, ...identity } });
    const before = hashes(path.join(clone, "dist"));
    const result = await build({ content: path.join(clone, "measures"), out: path.join(clone, "dist"), pdf: true });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(
      /^The record of published versions \(refs\/heads\/toms-published\) was changed after versions were recorded: 1\.0\/berlin\.pdf \(changed in commit [0-9a-f]{12}\)\./,
    );
    expect(hashes(path.join(clone, "dist"))).toEqual(before);
  });

  it("fails when the record's bytes differ from its hashes (history rewritten), naming the file", async () => {
    const tampered = path.join(outs.dir, "tamper");
    // Undo the tampering commit, then rewrite the last record commit itself (as a force-push would): its history
    // only adds files, but the bytes are not the recorded ones.
    spawnSync("git", ["-C", tampered, "reset", "-q", "--hard", "HEAD~1"]);
    fs.appendFileSync(path.join(tampered, "1.1/berlin.pdf"), "%% changed\n");
    spawnSync("git", ["-C", tampered, "commit", "-q", "--amend", "-a", "--no-edit"], { env: { ...process.env, ...identity } });
    const result = await build({ content: path.join(clone, "measures"), out: path.join(clone, "dist"), pdf: true });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(
      /^The record of version 1\.1 \(refs\/heads\/toms-published\) does not hold what was published: berlin\.pdf has not the SHA-256 recorded \([0-9a-f]{64}\)\./,
    );
  });

  it("fails with version-unchanged when the text changes without a new version, and leaves dist/ untouched", async () => {
    const before = hashes(out("deployed-1.1"));
    repo.edit("measures/zugang.yaml", "zwölf", "16");
    repo.commit("no version", "2026-01-03T00:00:00Z");
    const result = await html("deployed-1.1");
    expect(result.ok).toBe(false);
    expect(result.diagnostics.sorted().map((d) => [path.relative(repo.dir, d.file), d.line, d.column, d.rule, d.severity])).toEqual([
      ["measures/site.yaml", 5, 10, "version-unchanged", "error"],
    ]);
    expect(result.diagnostics.list[0]?.message).toMatch(
      /^Version "1\.1" was published on \d{4}-\d\d-\d\d from commit [0-9a-f]{12}, and its text has changed since \(changed: measure "passwort"\)\. A published version never changes: raise "version" \(e\.g\. to "1\.2"\), set "valid_from" and add an entry to "changes"\.$/,
    );
    expect(hashes(out("deployed-1.1"))).toEqual(before);
    repo.git("reset", "-q", "--hard", "HEAD~1");
  });

  it("counts an edited history entry of the published version as a change; a commit outside the content as none", async () => {
    repo.edit("measures/site.yaml", 'summary: "Erste Fassung."', 'summary: "Erste Fassung (berichtigt)."');
    repo.commit("history", "2026-01-03T00:00:00Z");
    const result = await html("history");
    expect(result.diagnostics.list.map((d) => d.rule)).toEqual(["version-unchanged"]);
    expect(result.diagnostics.list[0]?.message).toContain("(changed: changes.1.0)");
    repo.git("reset", "-q", "--hard", "HEAD~1");
    repo.write({ "README.md": "Notes.\n" });
    repo.commit("readme", "2026-01-04T00:00:00Z");
    expect(ok(await html("readme")).recorded).toBe(repo.git("rev-parse", "HEAD~1").trim());
  });

  it("warns a draft that changes the published text, and builds it (a draft is never published)", async () => {
    repo.edit("measures/zugang.yaml", "zwölf", "16");
    const result = ok(await html("draft"));
    expect(result.draft).toBeDefined();
    expect(result.diagnostics.list.map((d) => [d.rule, d.severity])).toEqual([["version-unchanged", "warning"]]);
    expect(result.diagnostics.list[0]?.message).toMatch(
      /^This draft changes the text of version "1\.1", which was published on .* Before you commit it, raise "version"/,
    );
    repo.git("checkout", "-q", "--", "measures");
  });
});

describe("toms record", () => {
  beforeEach(async () => {
    fresh();
    ok(await html("dist"));
  });
  afterEach(() => {
    cleanup();
  });

  it("uses git plumbing only: working tree, index, HEAD and the checked-out branch stay as they were", () => {
    repo.write({ "notes.txt": "staged\n" });
    repo.git("add", "notes.txt");
    repo.write({ "notes.txt": "edited after staging\n", "scratch.txt": "untracked\n" });
    const state = () => ({
      status: repo.git("--no-optional-locks", "status", "--porcelain=v1", "-uall"),
      head: repo.git("rev-parse", "HEAD"),
      branch: repo.git("symbolic-ref", "HEAD"),
      index: sha256File(path.join(repo.dir, ".git/index")),
      staged: repo.git("diff", "--cached"),
    });
    const before = state();
    const run = record("dist");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(state()).toEqual(before);
    expect(repo.git("rev-list", "--count", "toms-published").trim()).toBe("1");
    // No common history with the branch it records.
    expect(() => repo.git("merge-base", "main", "toms-published")).toThrow();
  });

  it("is idempotent and never rewrites a recorded version", () => {
    expect(record("dist").code).toBe(0);
    const tip = recordTip();
    const again = record("dist");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("already recorded, the same files: 1.0\nnothing new to record; toms-published is unchanged\n");
    expect(recordTip()).toBe(tip);
    fs.copyFileSync(path.join(out("dist"), "1.0/all.html"), path.join(out("dist"), "1.0/all.copy"));
    fs.rmSync(path.join(out("dist"), "1.0/all.html"));
    fs.writeFileSync(path.join(out("dist"), "1.0/all.html"), "<p>other bytes</p>\n");
    const rewrite = record("dist");
    expect(rewrite.code).toBe(1);
    expect(rewrite.stderr).toMatch(
      /^toms: Nothing was recorded: version 1\.0 is recorded \(from commit [0-9a-f]{12}, \d{4}-\d\d-\d\d\) with other files \(all\.copy, all\.html\): a published version never changes\.\n$/,
    );
    expect(recordTip()).toBe(tip);
  });

  it("takes a site of a toms that did not mark drafts only with --adopt, its commit from the first-parent history", () => {
    const old = manifest(out("dist"));
    delete old.draft;
    for (const v of old.versions) {
      delete v.commit;
      delete v.toms;
      delete v.recorded;
    }
    fs.writeFileSync(path.join(out("dist"), "toms-manifest.json"), JSON.stringify(old));
    const refused = record("dist");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "was built by a toms that did not mark drafts, so toms cannot tell whether it was published. If it is the site as it was deployed, record it with --adopt.",
    );
    expect(record("dist", "--adopt").code).toBe(0);
    expect(JSON.parse(repo.git("show", "toms-published:1.0/toms-record.json"))).toMatchObject({
      commit: repo.git("rev-parse", "HEAD").trim(),
      toms: "unknown",
    });
  });

  it("refuses an output that is no toms build; outside a repository it is wrong usage", () => {
    const empty = path.join(outs.dir, "empty");
    fs.mkdirSync(empty);
    expect(record("empty").code).toBe(1);
    expect(toms(outs.dir, "record", "--out", empty, "--content", empty).code).toBe(2);
    expect(toms(repo.dir, "record", "extra").code).toBe(2);
  });
});

describe("merges: what a build from scratch archives", () => {
  beforeEach(() => {
    fresh();
  });
  afterEach(() => {
    cleanup();
  });
  const versions = (dir: string) => manifest(dir).versions.map((v: { version: string; commit: string }) => [v.version, v.commit]);
  const sideBranch = () => {
    repo.git("checkout", "-q", "-b", "side");
    repo.edit("measures/zutritt.yaml", "Alle Türen", "SEITENZWEIG Alle Türen");
    const edit = repo.commit("edit, still 1.0", "2026-01-02T00:00:00Z");
    bump("1.1", "Seitenzweig.");
    const raised = repo.commit("1.1", "2026-01-03T00:00:00Z");
    repo.git("checkout", "-q", "main");
    return { edit, raised };
  };

  it("merge commit: the side branch's commits are never archived; 1.1 is the merge", async () => {
    const first = repo.git("rev-parse", "HEAD").trim();
    sideBranch();
    repo.git("merge", "-q", "--no-ff", "--no-commit", "side");
    const merge = repo.commit("Merge side", "2026-01-04T00:00:00Z");
    ok(await html("dist"));
    expect(read(out("dist"), "1.0/all.html")).not.toContain("SEITENZWEIG");
    expect(read(out("dist"), "1.1/all.html")).toContain("SEITENZWEIG");
    expect(versions(out("dist"))).toEqual([
      ["1.1", merge],
      ["1.0", first],
    ]);
  });

  it("squash merge: one commit on main; the side branch is never seen", async () => {
    const first = repo.git("rev-parse", "HEAD").trim();
    sideBranch();
    repo.git("merge", "-q", "--squash", "side");
    const squash = repo.commit("1.1 (squashed)", "2026-01-04T00:00:00Z");
    ok(await html("dist"));
    expect(read(out("dist"), "1.0/all.html")).not.toContain("SEITENZWEIG");
    expect(versions(out("dist"))).toEqual([
      ["1.1", squash],
      ["1.0", first],
    ]);
  });

  it("rebase merge: two commits carry the new version; only the deployed one is published, so the second builds", async () => {
    ok(await html("deployed"));
    expect(record("deployed").code).toBe(0);
    repo.git("checkout", "-q", "-b", "side");
    bump("1.1", "Zwei Schritte.");
    repo.edit("measures/zutritt.yaml", "Alle Türen", "SCHRITT-1 Alle Türen");
    repo.commit("1.1, step 1", "2026-01-02T00:00:00Z");
    repo.edit("measures/zugang.yaml", "zwölf", "SCHRITT-2 zwölf");
    repo.commit("1.1, step 2", "2026-01-03T00:00:00Z");
    repo.git("checkout", "-q", "main");
    repo.write({ "README.md": "main moved on\n" });
    repo.commit("readme", "2026-01-04T00:00:00Z");
    repo.git("checkout", "-q", "side");
    repo.git("rebase", "-q", "main");
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--ff-only", "side");
    const [step2, step1] = repo.git("log", "--format=%H", "-2").split("\n");
    // The Pages workflow runs once, for the pushed tip: step 1 was never built, so it is no earlier publication.
    ok(await html("deployed"));
    expect(record("deployed").code).toBe(0);
    expect(JSON.parse(repo.git("show", "toms-published:1.1/toms-record.json")).commit).toBe(step2);
    expect(read(out("deployed"), "1.1/all.html")).toContain("SCHRITT-2");
    // Had step 1 been deployed and recorded, step 2 would change a published text: then it is an error.
    repo.git("checkout", "-q", "--detach", step1 as string);
    repo.git("branch", "-q", "-D", "toms-published");
    ok(await html("step1"));
    expect(record("step1").code).toBe(0);
    repo.git("checkout", "-q", "main");
    const result = await html("step2");
    expect(result.diagnostics.list.map((d) => d.rule)).toEqual(["version-unchanged"]);
    expect(result.diagnostics.list[0]?.message).toContain(`from commit ${step1?.slice(0, 12)}, and its text has changed since (changed: measure "passwort")`);
  });
});

describe("what the history does not announce, and what git would change on checkout", () => {
  beforeAll(() => {
    fresh();
  });
  afterAll(() => {
    cleanup();
  });

  it("an intermediate version of a rebase-merged pull request, which no history entry names, is neither archived nor recorded", async () => {
    ok(await html("deployed"));
    expect(record("deployed").code).toBe(0);
    repo.git("checkout", "-q", "-b", "pr");
    bump("1.1", "Zwischenstand.");
    repo.edit("measures/zutritt.yaml", "Alle Türen", "ZWISCHENSTAND Alle Türen");
    repo.commit("1.1 (intermediate)", "2026-01-02T00:00:00Z");
    // The second commit raises again and rewrites the history: 1.1 is no longer announced anywhere.
    repo.edit("measures/site.yaml", 'version: "1.1"', 'version: "1.2"');
    repo.edit("measures/site.yaml", '- version: "1.1"', '- version: "1.2"');
    repo.edit("measures/zutritt.yaml", "ZWISCHENSTAND Alle Türen", "Alle Türen");
    repo.commit("1.2", "2026-01-03T00:00:00Z");
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--ff-only", "pr");
    ok(await html("after"));
    expect(fs.existsSync(path.join(out("after"), "1.1"))).toBe(false);
    expect(read(out("after"), "index.html")).not.toContain("1.1/");
    expect(record("after").code).toBe(0);
    expect(repo.git("ls-tree", "--name-only", "toms-published").split("\n").filter(Boolean)).toEqual(["1.0", "1.2"]);
  });

  it("builds committed content from git's objects: a checkout filter (.gitattributes) cannot change the text", async () => {
    // Committed with the content: a section file is checked out re-encoded as UTF-7 ("Türen" → "T+APw-ren").
    repo.write({ ".gitattributes": "measures/zutritt.yaml working-tree-encoding=UTF-7\n" });
    repo.git("add", ".gitattributes");
    repo.git("commit", "-q", "-m", "attributes");
    const clone = path.join(outs.dir, "clone");
    spawnSync("git", ["clone", "-q", repo.dir, clone]);
    expect(fs.readFileSync(path.join(clone, "measures/zutritt.yaml"), "utf8")).toContain("T+APw-ren");
    const result = await build({ content: path.join(clone, "measures"), out: path.join(clone, "dist"), pdf: false });
    expect(result.ok).toBe(true);
    expect(result.draft).toBeUndefined();
    const page = fs.readFileSync(path.join(clone, "dist/all.html"), "utf8");
    expect(page).toContain("Alle Türen sind verschlossen.");
    expect(page).not.toContain("+APw-");
    repo.git("rm", "-q", ".gitattributes");
    repo.git("commit", "-q", "-m", "no attributes");
  });
  it("a content folder moved away from its published versions is an error, not versions gone from the site", async () => {
    repo.git("mv", "measures", "inhalt");
    repo.commit("moved", "2026-01-05T00:00:00Z");
    const result = await build({ content: path.join(repo.dir, "inhalt"), out: out("moved"), pdf: false });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.list.map((d) => d.rule)).toEqual(["version-unbuildable"]);
    expect(result.diagnostics.list[0]?.message).toContain('versions 1.0, 1.2 of the content folder "measures", which no longer exists at HEAD');
  });
});

describe("a version name used again", () => {
  beforeAll(() => {
    fresh();
  });
  afterAll(() => {
    cleanup();
  });

  it("is an error in toms diff and in the build, not a new text under a name customers may have signed", async () => {
    bump("1.1", "Neu.");
    repo.edit("measures/zutritt.yaml", "Alle Türen", "Seit 1.1 alle Türen");
    repo.commit("1.1", "2026-01-02T00:00:00Z");
    // Back to "1.0" with another text (and its date earlier than 1.1's).
    repo.edit("measures/site.yaml", 'version: "1.1"', 'version: "1.0"');
    repo.edit(
      "measures/site.yaml",
      /^valid_from: .*$/m.exec(fs.readFileSync(path.join(repo.dir, "measures/site.yaml"), "utf8"))?.[0] as string,
      "valid_from: 2026-06-01",
    );
    repo.edit("measures/zutritt.yaml", "Seit 1.1 alle Türen", "Nur manche Türen");
    repo.commit("1.0 again", "2026-01-03T00:00:00Z");
    const diff = toms(repo.dir, "diff", "HEAD~1", "HEAD");
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain('error "version" is "1.0", a version this annex had before (the change history names it, dated ');
    expect(diff.stderr).toContain('warning "valid_from" is 2026-06-01, earlier than 2099-02-01, the date the previous version "1.1" took effect');
    const result = await html("reused");
    expect(result.ok).toBe(false);
    expect(result.diagnostics.list.map((d) => [d.rule, d.message.slice(0, 50)])).toEqual([
      ["version-unchanged", '"version" is "1.0", a version this annex had befor'],
    ]);
  });
});

describe("a published version that can no longer be rebuilt", () => {
  beforeAll(() => {
    fresh();
  });
  afterAll(() => {
    cleanup();
  });

  it("is an error naming the version, its commit and the way out, not a version gone from the site", async () => {
    // Deployed from the first commit; a later commit, still 1.0, no longer passes the checks; then 1.1.
    ok(await html("deployed-1.0"));
    repo.edit("measures/zugang.yaml", "order: 2", "order: 2\nunbekannt: 1");
    const broken = repo.commit("1.0, broken", "2026-01-02T00:00:00Z");
    repo.edit("measures/zugang.yaml", "order: 2\nunbekannt: 1", "order: 2");
    bump("1.1", "Neu.");
    repo.commit("1.1", "2026-01-03T00:00:00Z");
    const before = hashes(out("deployed-1.0"));
    const result = await html("deployed-1.0");
    expect(result.ok).toBe(false);
    expect(hashes(out("deployed-1.0"))).toEqual(before);
    const [problem] = result.diagnostics.sorted();
    // At the history entry of the version that is missing.
    expect([path.relative(repo.dir, problem!.file), problem!.line, problem!.column, problem!.rule]).toEqual([
      "measures/site.yaml",
      11,
      14,
      "version-unbuildable",
    ]);
    expect(problem!.message).toContain(
      `Version "1.0" was published, but nothing recorded what: its last commit ${broken.slice(0, 12)} no longer passes toms's checks (1 error, the first: `,
    );
    expect(problem!.message).toContain('run "toms record --adopt --out FOLDER"');
    expect(result.diagnostics.sorted()).toHaveLength(1);
  });

  it("builds once the files deployed as that version are recorded", async () => {
    expect(record("deployed-1.0", "--adopt").code).toBe(0);
    const result = ok(await html("dist"));
    expect(result.diagnostics.list).toEqual([]);
    expect(read(out("dist"), "1.0/all.html")).toBe(read(out("deployed-1.0"), "1.0/all.html"));
  });
});
