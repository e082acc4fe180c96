import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { copyInto, makeRepo, type TestRepo } from "./diff-helpers.js";

// The "done when" of `toms diff`: the shipped example (meetyoo's annex), one Berlin-only sentence changed.
const bin = path.resolve("bin/toms.js");
const toms = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8" });
const file = "measures/1-vertraulichkeit/zutrittskontrolle.yaml";
const sentence = "Die meetyoo Serverschränke sind einzeln verschließbar.";

describe("the shipped example (meetyoo)", () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = makeRepo();
    copyInto(repo, path.resolve("measures"), "measures");
    repo.commit("shipped content");
    repo.edit(file, sentence, "Die meetyoo Serverschränke sind einzeln verschließbar und alarmgesichert.");
  });
  afterAll(() => repo.remove());

  test("without a version bump the diff fails at the version line of site.yaml", () => {
    const run = toms(repo.dir, "diff", "main");
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(
      'measures/site.yaml:11:10 error The annexes changed, but "version" is still "2026.1". Customers sign the DPA against a version: raise it (e.g. to "2026.2"), set "valid_from" and add an entry to "changes". [version-unchanged]',
    );
    expect(run.stdout).toContain("> `measures/site.yaml:11:10` [version-unchanged]");
  });

  test("with the bump the sentence shows in the Berlin and the combined annex and nothing in the AWS one", () => {
    repo.edit("measures/site.yaml", 'version: "2026.1"', 'version: "2026.2"');
    repo.edit("measures/site.yaml", "valid_from: 2026-12-01", "valid_from: 2027-01-01");
    repo.edit("measures/site.yaml", "changes:\n", 'changes:\n  - { version: "2026.2", date: 2027-01-01, summary: "Serverschränke alarmgesichert." }\n');
    const run = toms(repo.dir, "diff", "main", "--format", "json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    const changes = (location: string) =>
      report.annexes.find((a: { location: string }) => a.location === location).changes.map((c: { kind: string; measure: string }) => `${c.kind} ${c.measure}`);
    expect([changes("all"), changes("berlin"), changes("aws")]).toEqual([
      ["changed zutritt-rechenzentrum-meetyoo"],
      ["changed zutritt-rechenzentrum-meetyoo"],
      [],
    ]);
    // The German annex gets a German report; the change is shown once, with the two annexes it is in.
    const markdown = toms(repo.dir, "diff", "main").stdout;
    const line = "Die meetyoo Serverschränke sind einzeln ~~verschließbar.~~ **verschließbar und alarmgesichert.**";
    expect(markdown.split(line)).toHaveLength(2);
    expect(markdown).toMatch(/- \*\*geändert\*\* `zutritt-rechenzentrum-meetyoo` .* — in: Gesamtfassung, Rechenzentrum Berlin \(`berlin`\)\n/);
    expect(markdown).toContain("| AWS Frankfurt/Paris (`aws`) |  |  |  |  |  |\n");
  });
});
