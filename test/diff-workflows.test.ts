import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";

// The workflows cannot run here; these are the rules they must keep (the schema check is in the report).
const dir = path.resolve(".github/workflows");
const workflows = fs.readdirSync(dir).filter((f) => f.endsWith(".yml")).map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), "utf8") }));

test("there is a pull-request and a Pages workflow", () => {
  expect(workflows.map((w) => w.file).sort()).toEqual(["pages.yml", "pull-request.yml"]);
});

test.each(workflows)("$file pins every action to a commit with its version in a comment", ({ text }) => {
  const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)].map((m) => `${m[1]}${m[2]}`);
  expect(uses.length).toBeGreaterThan(0);
  for (const use of uses) expect(use).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
});

test.each(workflows)("$file grants no permission by default and each job only what it names", ({ text }) => {
  const doc = parse(text) as { permissions: unknown; jobs: Record<string, { permissions?: Record<string, string>; env?: Record<string, string>; steps: { run?: string }[] }> };
  expect(doc.permissions).toEqual({});
  for (const job of Object.values(doc.jobs)) {
    expect(job.permissions).toBeDefined();
    for (const level of Object.values(job.permissions ?? {})) expect(["read", "write"]).toContain(level);
    // npm ci must not try to download a browser: CI uses Debian's chromium.
    if (job.steps.some((s) => s.run?.includes("npm ci"))) expect(job.env?.PUPPETEER_SKIP_DOWNLOAD).toBe("true");
  }
});
