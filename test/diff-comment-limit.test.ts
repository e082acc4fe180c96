import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { parse } from "yaml";
import type { Said } from "../src/diagnostics/say.js";
import { diffContent } from "../src/diff/diff.js";
import { commentBudget, commentLimit, markdownReport } from "../src/diff/report-markdown.js";
import { makeRepo, smallContent, type TestRepo } from "./diff-helpers.js";

// The whole pull-request comment as the workflow posts it: its diff step (bash, running the compiled toms) and its
// github-script step, run here as written in .github/workflows/pull-request.yml. Only GitHub's API is a stand-in,
// which keeps the body it is given.
const bin = path.resolve("bin/toms.js");
const workflow = parse(fs.readFileSync(".github/workflows/pull-request.yml", "utf8")) as {
  jobs: { annexes: { steps: { id?: string; uses?: string; run?: string; with?: { script?: string } }[] } };
};
const steps = workflow.jobs.annexes.steps;
const diffStep = steps.find((s) => s.id === "diff")?.run as string;
const postScript = steps.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script as string;
// The longest link GitHub could give: owner 39 characters, repository 100, run and artifact ids of 20 digits.
const artifactUrl = `https://github.com/${"o".repeat(39)}/${"r".repeat(100)}/actions/runs/${"9".repeat(20)}/artifacts/${"9".repeat(20)}`;

function postedComment(repo: TestRepo, base: string): { body: string; code: string } {
  const gh = fs.mkdtempSync(path.join(repo.dir, ".gh-"));
  const env = { ...process.env, BASE_SHA: base, GITHUB_OUTPUT: path.join(gh, "output"), GITHUB_STEP_SUMMARY: path.join(gh, "summary") };
  // The workflow runs the toms its npm ci installed; here that is this checkout's.
  expect(diffStep).toContain("npx --no toms diff");
  const script = diffStep.replaceAll("npx --no toms", `node ${JSON.stringify(bin)}`);
  const step = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd: repo.dir, env, encoding: "utf8", maxBuffer: 1 << 28 });
  expect(step.status).toBe(0);
  const runner = `
    let posted;
    const keep = async (args) => { posted = args.body; };
    const github = { paginate: async () => [], rest: { issues: { listComments() {}, createComment: keep, updateComment: keep } } };
    const context = { repo: { owner: "o", repo: "r" }, issue: { number: 1 } };
    (async () => {\n${postScript}\n})().then(() => process.stdout.write(posted));
  `;
  const post = spawnSync(process.execPath, ["-e", runner], {
    cwd: repo.dir,
    env: { ...process.env, ARTIFACT_URL: artifactUrl },
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  expect(post.stderr).toBe("");
  return { body: post.stdout, code: fs.readFileSync(env.GITHUB_OUTPUT, "utf8") };
}

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write(smallContent);
});
afterEach(() => repo.remove());

const longTitle = (i: number) => `Maßnahme ${i}: ${"Zutrittskontrolle mit Chipkarte, PIN und Protokoll ".repeat(3)}`;
// 3,000 measures in 10 section files (a content file holds at most 256 KB).
const sections = (text: (i: number) => string, locations = "[berlin]") =>
  Object.fromEntries(
    Array.from({ length: 10 }, (_, f) => {
      const list = Array.from({ length: 300 }, (_, j) => f * 300 + j).map(
        (i) => `  - id: m-${i}\n    title: "${longTitle(i)}"\n    locations: ${locations}\n    text: "${text(i)}"\n`,
      );
      return [`measures/viele-${f}.yaml`, `id: viele-${f}\ngroup: vertraulichkeit\ntitle: "Viele ${f}"\nmeasures:\n${list.join("")}`];
    }),
  );

test("thousands of changed measures, 150 locations with long names, a long suggested entry: the comment fits", () => {
  repo.write(sections((i) => `Die Regel ${i} gilt täglich für alle Räume.`));
  const base = repo.commit("base");
  repo.write(sections((i) => `Die Regel ${i} gilt stündlich für alle Räume.`));
  const places = Array.from({ length: 150 }, (_, i) => `  - id: ort-${i}\n    name: "${`Rechenzentrum Nummer ${i} `.repeat(8)}"\n`).join("");
  repo.edit("measures/site.yaml", "locations:\n", `locations:\n${places}`);
  const { body, code } = postedComment(repo, base);
  expect(code).toBe("code=1\n");
  expect(body.length).toBeLessThanOrEqual(commentLimit);
  expect(body.length).toBeGreaterThan(commentLimit - 10_000);
  expect(body.startsWith("<!-- toms-diff -->\n## toms diff:")).toBe(true);
  expect(body).toContain('The annexes changed, but "version" is still');
  expect(body).toContain('summary: "Geändert: Maßnahme 0:');
  expect(body).toContain("und 2990 weitere");
  expect(body).toMatch(/\| … und \d+ weitere Anlagen \(siehe den vollständigen Bericht\) \|/);
  expect(body).toMatch(/> Der Bericht endet hier: \d+ weitere Änderungen werden nicht gezeigt/);
  expect(body.endsWith(`[Full report and built annexes (HTML, PDF)](${artifactUrl})\n`)).toBe(true);
  // The full report has every change.
  expect(fs.readFileSync(path.join(repo.dir, "toms-diff.md"), "utf8").length).toBeGreaterThan(10 * commentLimit);
});

test("thousands of errors with long messages at HEAD: the comment fits", () => {
  const base = repo.commit("base");
  const unknown = `[${"unbekannter-standort-".repeat(4)}x]`;
  repo.write(sections((i) => `Regel ${i}.`, unknown));
  const { body, code } = postedComment(repo, base);
  expect(code).toBe("code=1\n");
  expect(body.length).toBeLessThanOrEqual(commentLimit);
  expect(body).toContain("Arbeitskopie: Der Inhalt hat 3000 Fehler, daher wurde nichts verglichen.");
  expect(body).toContain("… und 2980 weitere (alle zeigt `toms check`, Stand Arbeitskopie).");
});

test("a head that outgrows the comment by itself (problems, suggestion, overview) is cut too", () => {
  const base = repo.commit("base");
  repo.edit("measures/zugang.yaml", "zwölf", "16");
  const result = diffContent({ content: "measures", base, cwd: repo.dir, today: "2026-01-01" });
  // Far beyond what toms produces today: 5,000 problems of 5,000 characters, a 200,000-character suggestion,
  // 5,000 annexes with 1,000-character names.
  // Messages no template makes, so the test forges them.
  for (let i = 0; i < 5000; i++)
    result.diagnostics.add({ rule: "version-unchanged", message: `Problem ${i} `.repeat(500) } as Said, {
      file: path.join(repo.dir, "measures/site.yaml"),
      line: i + 1,
      column: 1,
    });
  if (result.suggestion) result.suggestion.yaml = `changes:\n${"  - summary: lang\n".repeat(12_000)}`;
  // Each with a measure of its own: 5,000 distinct changes, each named with its 1,000-character annex.
  for (let i = 0; i < 5000; i++)
    result.annexes.push({
      location: `ort-${i}`,
      name: "N".repeat(1000),
      changes: [{ kind: "added", measure: `m-${i}`, section: "zugang", place: "(1) b) Zugangskontrolle", after: `Maßnahme ${i}.` }],
    });
  const { text, truncated } = markdownReport(result, { reportFile: `${"r".repeat(5000)}.md`, cwd: repo.dir });
  expect(text.length).toBeLessThanOrEqual(commentBudget);
  expect(truncated).toBe(true);
  expect(text).toContain("… und 4981 weitere Probleme (siehe den vollständigen Bericht).");
  expect(text).toMatch(/> Der Bericht endet hier: \d+ weitere Änderungen? (wird|werden) nicht gezeigt/);
  // The full report leaves nothing out.
  expect(markdownReport(result, { limit: Number.POSITIVE_INFINITY, cwd: repo.dir }).text.length).toBeGreaterThan(25_000_000);
});
