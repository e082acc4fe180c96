// Published versions are immutable (issue 10), continued from versions.test.ts: version folders added to the record
// by hand, and a pull request merged by rebase; each in a real git repository.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sha256File } from "../src/publish/manifest.js";
import { listFiles } from "./helpers/tmp.js";
import { bump, cleanup, fresh, html, identity, ok, out, outs, read, record, recordTip, repo } from "./helpers/versions.js";

// Review 2, F5: anyone who can push to toms-published can add a folder (the history check only refuses changes).
// A forged folder carries a toms-record.json with recomputed hashes, as a hand-made record would.
describe("a version folder added to toms-published by hand", () => {
  let pr: string;
  const forge = (version: string, commit: string, change: (dir: string) => void, from = "1.1", toms?: string) => {
    const work = path.join(outs.dir, `forge-${version}-${Math.random().toString(36).slice(2, 8)}`);
    repo.git("worktree", "add", "-q", work, "toms-published");
    try {
      if (version !== from || !fs.existsSync(path.join(work, version)))
        fs.cpSync(path.join(out("pr-build"), from), path.join(work, version), { recursive: true });
      const dir = path.join(work, version);
      change(dir);
      const entry = JSON.parse(fs.readFileSync(path.join(work, "1.0/toms-record.json"), "utf8"));
      const files = Object.fromEntries(
        listFiles(dir)
          .filter((f) => f !== "toms-record.json")
          .map((f) => [f, sha256File(path.join(dir, f))]),
      );
      fs.writeFileSync(
        path.join(dir, "toms-record.json"),
        JSON.stringify(
          {
            ...entry,
            version,
            commit,
            files,
            ...(toms && { toms }),
            ...(files["changes.html"] && { changes: { html: "changes.html", pdf: "changes.pdf", since: "1.0" } }),
          },
          null,
          2,
        ),
      );
      spawnSync("git", ["-C", work, "add", "-A"]);
      expect(spawnSync("git", ["-C", work, "commit", "-qm", `Record version ${version}`], { env: { ...process.env, ...identity } }).status).toBe(0);
    } finally {
      repo.git("worktree", "remove", "--force", work);
    }
  };
  let honest: string;
  beforeEach(async () => {
    fresh();
    ok(await html("deployed-1.0", true));
    expect(record("deployed-1.0").code).toBe(0);
    honest = recordTip();
    // The pull request the reviewer approves, merged by fast-forward; the forger builds it to copy its files.
    repo.git("checkout", "-qb", "pr");
    repo.edit("measures/zugang.yaml", "zwölf", "sechzehn");
    bump("1.1", "Längere Passwörter.");
    pr = repo.commit("1.1", "2026-01-02T00:00:00Z");
    ok(await html("pr-build", true));
    repo.git("checkout", "-q", "main");
  }, 120_000);
  afterEach(() => {
    cleanup();
  });

  it("is refused when its page says other words than its commit renders, hashes and all", async () => {
    forge("1.1", pr, (dir) => fs.writeFileSync(path.join(dir, "all.html"), read(dir, "all.html").replaceAll("sechzehn", "acht")));
    repo.git("merge", "-q", "--ff-only", "pr");
    const result = await html("dist");
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(
      /^The record of published versions \(refs\/heads\/toms-published\) holds what the reviewed history does not: version 1\.1: all\.html says "…[^"]*acht[^"]*…" where commit [0-9a-f]{12} renders "…[^"]*sechzehn[^"]*…"/,
    );
    expect(result.failure).toContain("toms does not serve it as published");
    expect(fs.existsSync(out("dist"))).toBe(false);
  });

  it("is refused when its changes page says other words than its commit renders", async () => {
    forge("1.1", pr, (dir) => fs.writeFileSync(path.join(dir, "changes.html"), read(dir, "changes.html").replaceAll("sechzehn", "acht")));
    repo.git("merge", "-q", "--ff-only", "pr");
    const result = await html("dist");
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(/version 1\.1: changes\.html says "…[^"]*acht[^"]*…" where commit [0-9a-f]{12} renders "…[^"]*sechzehn[^"]*…"/);
  });

  it("is refused when its style sheet is not the one its commit makes (a rule could hide or replace words)", async () => {
    forge("1.1", pr, (dir) => fs.appendFileSync(path.join(dir, "style.css"), "\n#measure-passwort p { display: none }\n"));
    repo.git("merge", "-q", "--ff-only", "pr");
    const result = await html("dist");
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(/version 1\.1: style\.css is not the file commit [0-9a-f]{12} makes/);
  });

  it("is refused when its PDF lacks words of its commit's text (another version's PDF put in its place)", async () => {
    forge("1.1", pr, (dir) => fs.copyFileSync(path.join(out("deployed-1.0"), "berlin.pdf"), path.join(dir, "berlin.pdf")));
    repo.git("merge", "-q", "--ff-only", "pr");
    const result = await html("dist");
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(/version 1\.1: berlin\.pdf lacks "[^"]+".* of the text of commit [0-9a-f]{12}/);
  });

  it("is refused when its PDF adds words to its commit's text (the PDF of a text with one more sentence)", async () => {
    // Every word of the commit's text is in such a PDF: only the converse finds the sentence it adds.
    repo.git("checkout", "-qb", "forger", pr);
    repo.edit("measures/zugang.yaml", "sechzehn", "sechzehn Zeichen. Der Auftragnehmer haftet nicht für Verluste, und");
    repo.commit("forged", "2026-01-03T00:00:00Z");
    ok(await html("forged-build", true));
    repo.git("checkout", "-q", "main");
    forge("1.1", pr, (dir) => fs.copyFileSync(path.join(out("forged-build"), "berlin.pdf"), path.join(dir, "berlin.pdf")));
    repo.git("merge", "-q", "--ff-only", "pr");
    const result = await html("dist");
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(/version 1\.1: berlin\.pdf holds "[^"]+".*, which commit [0-9a-f]{12} does not render/);
    expect(result.failure).toContain('"Auftragnehmer"');
  }, 120_000);

  it("is refused when its PDF has its commit's words in another order (the fifth review: numbers swapped, a 'nicht' moved)", async () => {
    repo.git("checkout", "-qb", "reorder", pr);
    repo.edit("measures/zugang.yaml", "Passwörter haben mindestens sechzehn Zeichen.", "Mindestens sechzehn Passwörter haben Zeichen.");
    repo.edit("measures/zugang.yaml", "Mindestens", "mindestens");
    repo.commit("reordered", "2026-01-03T00:00:00Z");
    ok(await html("reordered-build", true));
    repo.git("checkout", "-q", "main");
    forge("1.1", pr, (dir) => fs.copyFileSync(path.join(out("reordered-build"), "berlin.pdf"), path.join(dir, "berlin.pdf")));
    repo.git("merge", "-q", "--ff-only", "pr");
    const result = await html("dist");
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(
      /version 1\.1: berlin\.pdf shows the words of "Passwörter haben mindestens sechzehn Zeichen\." in another order than commit [0-9a-f]{12} renders them/,
    );
  }, 120_000);

  it("is refused for a version no commit of the branch carries, or a commit off its first-parent line", async () => {
    forge("0.9", repo.git("rev-parse", "HEAD").trim(), () => {}, "1.1");
    const never = await html("dist");
    expect(never.ok).toBe(false);
    expect(never.failure).toMatch(/version 0\.9 names commit [0-9a-f]{12}, whose site\.yaml has version 1\.0/);
    // The record as toms wrote it again; then 1.1 recorded from the pull request's commit, never merged.
    repo.git("update-ref", "refs/heads/toms-published", honest);
    forge("1.1", pr, () => {});
    const off = await html("dist");
    expect(off.ok).toBe(false);
    expect(off.failure).toMatch(/version 1\.1 names commit [0-9a-f]{12}, which is not on the first-parent history of the commit being built/);
  });

  it("claiming another toms, is compared by the words the authors wrote", async () => {
    // Another toms may label and lay out differently, so only the measures' own words are compared: a changed one is refused.
    forge("1.1", pr, (dir) => fs.writeFileSync(path.join(dir, "all.html"), read(dir, "all.html").replaceAll("sechzehn", "acht")), "1.1", "0.0.1");
    repo.git("merge", "-q", "--ff-only", "pr");
    const result = await html("dist");
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(/version 1\.1: all\.html lacks "sechzehn" of the text of commit [0-9a-f]{12}/);
    // A label of toms's own that reads differently is no refusal.
    repo.git("update-ref", "refs/heads/toms-published", honest);
    forge(
      "1.1",
      pr,
      (dir) => fs.writeFileSync(path.join(dir, "all.html"), read(dir, "all.html").replaceAll("Gesamtfassung", "Alle Standorte")),
      "1.1",
      "0.0.1",
    );
    ok(await html("dist"));
  });

  it("is served when it is what its commit renders (the same files toms would have recorded)", async () => {
    forge("1.1", pr, () => {});
    repo.git("merge", "-q", "--ff-only", "pr");
    const result = ok(await html("dist"));
    expect(result.recorded).toBe(pr);
  });
});

describe("a pull request merged by rebase: its first commit changed the text, a later one raised the version", () => {
  beforeAll(() => {
    fresh();
    // Nothing recorded 1.0 (a local build, a failed record job): toms must rebuild it from git.
    repo.edit("measures/zutritt.yaml", "Alle Türen sind verschlossen.", "Alle Türen sind verschlossen und alarmgesichert.");
    repo.commit("the text, version still 1.0", "2026-01-02T00:00:00Z");
    bump("1.1", "Türen alarmgesichert.");
    repo.commit("raised to 1.1", "2026-01-03T00:00:00Z");
  });
  afterAll(() => {
    cleanup();
  });

  it("archives 1.0 with the text it had, says it chose, and the changes page of 1.1 shows the change", async () => {
    const result = ok(await html("rebased"));
    expect(result.diagnostics.list.map((d) => [d.rule, d.severity])).toEqual([["version-texts", "warning"]]);
    expect(result.diagnostics.list[0]?.message).toMatch(
      /^Version "1\.0" was never recorded, and its commits on this branch hold different texts \([0-9a-f]{12}, [0-9a-f]{12}, newest first\)\. The commit that raised the version changed no text, so the newer texts belong to the next version: toms archives [0-9a-f]{12} as version 1\.0\.$/,
    );
    expect(read(out("rebased"), "1.0/all.html")).toContain("Alle Türen sind verschlossen.</p>");
    expect(read(out("rebased"), "1.0/all.html")).not.toContain("alarmgesichert");
    expect(read(out("rebased"), "all.html")).toContain("alarmgesichert");
    const changes = read(out("rebased"), "changes.html");
    expect(changes).toContain("alarmgesichert");
  });
});
