import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";

// The workflows cannot run here; these are the rules they must keep (the schema check is in the report).
const dir = path.resolve(".github/workflows");
const workflows = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".yml"))
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), "utf8") }));

test("there is a pull-request and a Pages workflow", () => {
  expect(workflows.map((w) => w.file).sort()).toEqual(["pages.yml", "pull-request.yml"]);
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
    // No configuration of the browser: npm ci downloads none (toms depends on puppeteer-core), toms finds Debian's.
    expect(Object.keys(job.env ?? {}).filter((name) => name.startsWith("PUPPETEER_"))).toEqual([]);
  }
});

type Job = {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  steps: { uses?: string; with?: Record<string, string>; run?: string; env?: Record<string, string> }[];
};
const pages = parse(workflows.find((w) => w.file === "pages.yml")?.text ?? "") as { jobs: Record<string, Job> };

test("pages.yml records what was deployed, after the deployment, in the only job that may write", () => {
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

test("every toms command the workflows run exists, with the options they give it", () => {
  const usageOf = (command: string) =>
    spawnSync(process.execPath, [path.resolve("bin/toms.js"), "help", command], { encoding: "utf8" })
      .stdout.split("\n")
      .find((line) => line.startsWith(`Usage: toms ${command} `));
  const calls = workflows.flatMap((w) =>
    [...w.text.matchAll(/npx --no toms (\w+)([^\n]*)/g)].map((m) => ({
      file: w.file,
      command: m[1] as string,
      options: [...(m[2] as string).matchAll(/--[\w-]+/g)].map((o) => o[0]),
    })),
  );
  expect(calls.map((c) => c.command).sort()).toEqual(["build", "build", "check", "check", "diff", "record"]);
  for (const call of calls) {
    const usage = usageOf(call.command);
    expect(usage, `${call.file}: toms ${call.command}`).toBeDefined();
    for (const option of call.options) expect(usage, `${call.file}: toms ${call.command} ${option}`).toContain(option);
  }
});
