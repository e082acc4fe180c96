import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { tempDir } from "./helpers/tmp.js";

// The workflows cannot run here; these are the rules they must keep, for this repository's own and for those
// `toms init` writes into a company's repository (run here as a company runs it, through bin/toms.js).
const bin = path.resolve("bin/toms.js");
const tmp = tempDir("toms-workflows-");
afterAll(tmp.cleanup);
const company = path.join(tmp.dir, "company");
const init = spawnSync(process.execPath, [bin, "init", company, "--organisation", "Beispiel GmbH", "--location", "berlin=Berlin"], { encoding: "utf8" });

const sets = [
  { name: "this repository's", dir: path.resolve(".github/workflows") },
  { name: "toms init's", dir: path.join(company, ".github/workflows") },
];

test("toms init wrote its workflows", () => {
  expect(init.stderr).toBe("");
  expect(init.status).toBe(0);
});

describe.each(sets)("$name workflows", ({ dir }) => {
  const workflows = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yml"))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), "utf8") }));

  test("are a pull-request, a Pages and a review workflow", () => {
    expect(workflows.map((w) => w.file).sort()).toEqual(["pages.yml", "pull-request.yml", "review.yml"]);
  });

  // SchemaStore's schema of GitHub workflows, as action-validator bundles it.
  test.each(workflows)("$file is a valid GitHub workflow", ({ text }) => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  test.each(workflows)("$file pins every action to a commit with its version in a comment", ({ text }) => {
    const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)].map((m) => `${m[1]}${m[2]}`);
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test.each(workflows)("$file grants no permission by default and each job only what it names", ({ text }) => {
    const doc = parse(text) as {
      permissions: unknown;
      jobs: Record<string, { permissions?: Record<string, string>; env?: Record<string, string>; steps: { run?: string }[] }>;
    };
    expect(doc.permissions).toEqual({});
    for (const job of Object.values(doc.jobs)) {
      expect(job.permissions).toBeDefined();
      for (const level of Object.values(job.permissions ?? {})) expect(["read", "write"]).toContain(level);
    }
  });

  // They run the toms that npm ci installs, so they work in any repository that depends on toms, and configure no
  // browser: npm ci downloads none (toms depends on puppeteer-core), toms finds Debian's chromium by itself.
  test.each(workflows)("$file runs the installed toms and sets no PUPPETEER_ variable", ({ text }) => {
    expect(text).not.toContain("bin/toms.js");
    expect(text).not.toContain("PUPPETEER_");
    expect(text).toMatch(/run: npm ci\n/);
    expect(text).toContain("npx --no toms ");
  });

  type Job = {
    needs?: string | string[];
    if?: string;
    permissions?: Record<string, string>;
    steps: { uses?: string; with?: Record<string, string>; run?: string; env?: Record<string, string> }[];
  };

  test("pages.yml records what was deployed, after the deployment, in the only job that may write", () => {
    const pages = parse(workflows.find((w) => w.file === "pages.yml")?.text ?? "") as { jobs: Record<string, Job> };
    const record = pages.jobs.record as Job;
    expect(record.needs).toBe("deploy");
    expect(record.if).toBe("github.ref == 'refs/heads/main'");
    expect(record.permissions).toEqual({ contents: "write" });
    for (const [name, job] of Object.entries(pages.jobs)) if (name !== "record") expect(job.permissions?.contents, name).not.toBe("write");
    const steps = record.steps;
    const at = (test: (s: Job["steps"][number]) => boolean) => steps.findIndex(test);
    // The deployed artifact, not a build of its own: the bytes that were published.
    const download = at((s) => s.uses?.startsWith("actions/download-artifact@") === true);
    expect(steps[download]?.with).toMatchObject({ name: "github-pages" });
    const unpack = at((s) => s.run?.includes("tar -xf deployed-artifact/artifact.tar -C deployed-site") === true);
    const run = at((s) => s.run?.trim() === "npx --no toms record --out deployed-site");
    const push = at((s) => s.run?.includes("push origin refs/heads/toms-published:refs/heads/toms-published") === true);
    expect([download, unpack, run, push].every((i, n, all) => i >= 0 && (n === 0 || i > (all[n - 1] as number)))).toBe(true);
    expect(steps[run]?.env?.GIT_COMMITTER_EMAIL).toBeDefined();
    // The token reaches the push only: no checkout credentials for npm ci's install scripts.
    expect(steps[0]?.with?.["persist-credentials"]).toBe(false);
    expect(steps.filter((s) => JSON.stringify(s).includes("github.token"))).toEqual([steps[push]]);
    // The build reads the record as origin/toms-published: it needs every branch.
    expect((pages.jobs.build as Job).steps[0]?.with?.["fetch-depth"]).toBe(0);
  });

  test("every toms command they run exists, with the options they give it", () => {
    const usageOf = (command: string) =>
      spawnSync(process.execPath, [bin, "help", command], { encoding: "utf8" })
        .stdout.split("\n")
        .find((line) => line.startsWith(`Usage: toms ${command} `));
    const calls = workflows.flatMap((w) =>
      [...w.text.matchAll(/npx --no toms (\w+)([^\n]*)/g)].map((m) => ({
        file: w.file,
        command: m[1] as string,
        options: [...(m[2] as string).matchAll(/--[\w-]+/g)].map((o) => o[0]),
      })),
    );
    expect(calls.map((c) => c.command).sort()).toEqual(["build", "build", "check", "check", "diff", "record", "status", "status"]);
    for (const call of calls) {
      const usage = usageOf(call.command);
      expect(usage, `${call.file}: toms ${call.command}`).toBeDefined();
      for (const option of call.options) expect(usage, `${call.file}: toms ${call.command} ${option}`).toContain(option);
    }
  });

  test("review.yml runs weekly, may write issues only, and feeds the issue from toms status", () => {
    const review = parse(workflows.find((w) => w.file === "review.yml")?.text ?? "") as { on: Record<string, unknown>; jobs: Record<string, Job> };
    expect(review.on).toHaveProperty("schedule");
    expect(review.on).toHaveProperty("workflow_dispatch");
    const job = review.jobs.status as Job;
    expect(job.permissions).toEqual({ contents: "read", issues: "write" });
    const run = job.steps.map((s) => s.run ?? "").join("\n");
    expect(run).toContain('npx --no toms status --today "$day" --format markdown > toms-status.md');
    expect(run).toContain('npx --no toms status --today "$day" --format json > toms-status.json');
  });

  // The GitHub API cannot be reached from here: the workflow's script runs against a stand-in that keeps issues in
  // memory, on the real output of toms status for content with something due and then with nothing due.
  test("review.yml's script opens one issue, updates it on the next run and closes it when nothing is due", async () => {
    const review = parse(workflows.find((w) => w.file === "review.yml")?.text ?? "") as { jobs: Record<string, Job> };
    const script = (review.jobs.status as Job).steps.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script as string;
    const fixtures = path.resolve("test/fixtures/check");
    const content = fs.mkdtempSync(path.join(tmp.dir, "review-"));
    fs.cpSync(path.join(fixtures, "_base/content"), content, { recursive: true });
    fs.cpSync(path.join(fixtures, "review-overdue/content"), content, { recursive: true });
    const issues: { number: number; title: string; body: string; state: string; labels: string[] }[] = [];
    const github = {
      paginate: async (_: unknown, query: { state: string; labels: string }) =>
        issues.filter((i) => i.state === query.state && i.labels.includes(query.labels)),
      rest: {
        issues: {
          listForRepo: {},
          create: async (p: { title: string; body: string; labels: string[] }) => void issues.push({ number: issues.length + 1, state: "open", ...p }),
          update: async (p: { issue_number: number; title?: string; body: string; state?: string }) => {
            const issue = issues.find((i) => i.number === p.issue_number);
            Object.assign(issue ?? {}, { body: p.body, ...(p.title && { title: p.title }), ...(p.state && { state: p.state }) });
          },
        },
      },
    };
    const runOnce = async (today: string) => {
      const out = (format: string) =>
        spawnSync(process.execPath, [bin, "status", "--content", content, "--today", today, "--format", format], { encoding: "utf8" }).stdout;
      const files: Record<string, string> = { "toms-status.md": out("markdown"), "toms-status.json": out("json") };
      const require = () => ({ readFileSync: (name: string) => files[name] });
      const body = new Function("require", "github", "context", `return (async () => {\n${script}\n})();`);
      await body(require, github, { repo: { owner: "o", repo: "r" } });
    };
    // Without review_interval_months nothing is ever due: measures without a review date open no issue.
    const site = fs.readFileSync(path.join(content, "site.yaml"), "utf8");
    fs.writeFileSync(path.join(content, "site.yaml"), site.replace(/^review_interval_months:.*\n/m, ""));
    await runOnce("2026-12-01");
    expect(issues).toEqual([]);
    fs.writeFileSync(path.join(content, "site.yaml"), site);
    await runOnce("2026-12-01");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ state: "open", title: "TOMs review: 2 measures to review", labels: ["toms-review"] });
    expect(issues[0]?.body).toContain("`verschluesselung`");
    await runOnce("2026-12-02");
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toContain("## TOMs review status on 2026-12-02");
    // Everything reviewed: the issue is closed with the final status.
    for (const file of ["zutritt.yaml", "weitergabe.yaml"]) {
      const yaml = fs.readFileSync(path.join(content, file), "utf8").replace(/reviewed: \d{4}-\d\d-\d\d/g, "reviewed: 2026-12-01");
      fs.writeFileSync(path.join(content, file), yaml);
    }
    await runOnce("2026-12-03");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ state: "closed" });
    expect(issues[0]?.body).toContain("Every measure is up to date.");
  });
});

// The scripts of the company's package.json name toms commands too (dev is another command's, added beside init).
test.each(["check", "build", "dev"])("the %s script of toms init's package.json runs a toms command that exists", (script) => {
  const scripts = JSON.parse(fs.readFileSync(path.join(company, "package.json"), "utf8")).scripts as Record<string, string>;
  const [tool, command] = (scripts[script] ?? "").split(" ");
  expect(tool).toBe("toms");
  const help = spawnSync(process.execPath, [bin, "help", command ?? ""], { encoding: "utf8" });
  if (command === "dev" && help.status !== 0) return expect(help.stderr).toContain('unknown command "dev"');
  expect(help.status, help.stderr).toBe(0);
});
