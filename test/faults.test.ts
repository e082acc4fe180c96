// Faults injected into `toms build` (issue 5): a content error, an unwritable --out, SIGINT/SIGTERM at a spread
// of moments (also while PDFs print), a browser killed or hung mid-print, and a build killed between the two
// renames of its commit. Real processes, Chromium and file system. After each fault --out must hold exactly the
// old site or exactly a complete new one (a fresh reference build), no staging folder may be left, and no
// process of the build (helpers/build-process.ts finds them).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserOf, leftBehind, type Run, startBuild, tree } from "./helpers/build-process.js";
import { tempDir } from "./helpers/tmp.js";

const fixture = path.join(import.meta.dirname, "fixtures/pdf/zwei-standorte");
const tmp = tempDir("toms-faults-");
const content = path.join(tmp.dir, "content");
const oldContent = path.join(tmp.dir, "old-content");
const broken = path.join(tmp.dir, "broken");
const oldSite = path.join(tmp.dir, "old-site");
const reference = path.join(tmp.dir, "reference");
let oldTree: Record<string, string>;
let referenceTree: Record<string, string>;
let runs = 0;

// `toms build` of the new content (or the given one) into `out`.
const start = (out: string, options: { content?: string; env?: Record<string, string>; args?: string[] } = {}): Run =>
  startBuild({ content, out, scratch: tmp.dir, ...options });

/** A fresh --out holding the old site, alone in its parent folder (so leftovers next to it are seen). */
function oldOut(name: string): string {
  const out = path.join(tmp.dir, name, "site");
  fs.cpSync(oldSite, out, { recursive: true });
  return out;
}

// What a run left in its TMPDIR: the browser's profile must go with it. Chromium's own temporary entries
// ([.]org.chromium.Chromium.*: its singleton socket's folder, shared memory files) stay when it is killed.
// Chromium's own temporary files included (it is given its profile as TMPDIR).
const tempLeft = (run: Run) => fs.readdirSync(run.tmpdir);
const besides = (out: string) => fs.readdirSync(path.dirname(out)).filter((e) => e !== "site");
const noStack = /^\s+at /m;

beforeAll(async () => {
  fs.cpSync(fixture, content, { recursive: true });
  fs.cpSync(fixture, oldContent, { recursive: true });
  // The old site differs in one München measure: koeln.pdf is taken over (hard-linked) by a new build, the other
  // two are printed, so a build on top of it both links into the old site and prints.
  const measures = path.join(oldContent, "abschnitte/eingabe.yaml");
  fs.writeFileSync(measures, fs.readFileSync(measures, "utf8").replace("MASSNAHME-MUENCHEN-22", "MASSNAHME-MUENCHEN-21"));
  // A content error: a measure for a location the site does not have.
  fs.cpSync(fixture, broken, { recursive: true });
  const brokenMeasures = path.join(broken, "abschnitte/eingabe.yaml");
  fs.writeFileSync(brokenMeasures, fs.readFileSync(brokenMeasures, "utf8").replace("locations: [muenchen]", "locations: [hamburg]"));
  const built = await Promise.all([start(oldSite, { content: oldContent }).ended, start(reference).ended]);
  expect(built).toEqual([
    { code: 0, signal: null },
    { code: 0, signal: null },
  ]);
  oldTree = tree(oldSite);
  referenceTree = tree(reference);
  expect(oldTree["koeln.pdf"]).toBe(referenceTree["koeln.pdf"]);
  expect(oldTree["muenchen.pdf"]).not.toBe(referenceTree["muenchen.pdf"]);
}, 60_000);

afterAll(tmp.cleanup);

describe("a build that fails", () => {
  it("on a content error leaves --out byte for byte as it was", async () => {
    const out = oldOut("content-error");
    const run = start(out, { content: broken });
    expect(await run.ended).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toContain("eingabe.yaml:");
    expect(run.stderr()).not.toMatch(noStack);
    expect(tree(out)).toEqual(oldTree);
    expect(besides(out)).toEqual([]);
  });

  it("on a file system error says so in one line, no stack trace", async () => {
    const file = path.join(tmp.dir, "a-file");
    fs.writeFileSync(file, "");
    const run = start(path.join(file, "site"), { args: ["--no-pdf"] });
    expect(await run.ended).toEqual({ code: 1, signal: null });
    const out = path.join(file, "site");
    expect(run.stderr()).toBe(
      `toms: cannot write the site to ${out} (EEXIST: file already exists, mkdir '${file}').\ntoms: nothing was written; ${out} is unchanged.\n`,
    );
  });
});

describe("SIGINT and SIGTERM", () => {
  const started = /^pdf .* started in \d+ ms$/;
  const printed = /\.pdf\s+\d+ pages\s+[12] prints?\s+\d+ ms$/;
  const moments: { signal: NodeJS.Signals; at: number | RegExp; expect: "old" | "new" | "either" }[] = [
    // Timed: node starting, the content being checked, the annexes rendered, the browser starting.
    { signal: "SIGTERM", at: 0, expect: "either" },
    { signal: "SIGINT", at: 150, expect: "either" },
    { signal: "SIGTERM", at: 300, expect: "either" },
    { signal: "SIGINT", at: 450, expect: "either" },
    { signal: "SIGTERM", at: 600, expect: "either" },
    { signal: "SIGINT", at: 800, expect: "either" },
    // On what the build prints: the browser started (prints begin), one annex printed (the others printing). After
    // the first annex the rest takes a few hundred milliseconds: on a loaded machine the build may commit before the
    // signal lands, so the site is the old one or the new one, and what the build says must match it.
    { signal: "SIGINT", at: started, expect: "old" },
    { signal: "SIGTERM", at: started, expect: "old" },
    { signal: "SIGINT", at: printed, expect: "either" },
    { signal: "SIGTERM", at: printed, expect: "either" },
    // Printing is over: the commit follows without a pause, so the signal meets the browser being closed (or
    // the process ending).
    { signal: "SIGINT", at: /annexes printed/, expect: "new" },
  ];

  it.each(moments)("$signal at $at leaves the $expect site, no staging folder, no process", async ({ signal, at, expect: survivor }) => {
    const out = oldOut(`signal-${++runs}`);
    const run = start(out);
    if (typeof at === "number") await new Promise((resolve) => setTimeout(resolve, at));
    else await run.line(at);
    process.kill(run.pid, signal);
    const ended = await run.ended;
    const code = signal === "SIGINT" ? 130 : 143;
    // Before the build installs its handler (and after it removed it) the signal ends node by default.
    if (survivor !== "old") expect([`code ${code}`, `signal ${signal}`]).toContain(ended.signal ? `signal ${ended.signal}` : `code ${ended.code}`);
    else expect(ended).toEqual({ code, signal: null });
    const after = tree(out);
    if (survivor === "old") expect(after).toEqual(oldTree);
    else if (survivor === "new") expect(after).toEqual(referenceTree);
    else expect([oldTree, referenceTree]).toContainEqual(after);
    if (ended.code === code) {
      const kept = JSON.stringify(after) === JSON.stringify(oldTree);
      const outcome = kept ? `nothing was written; ${out} is unchanged` : `${out} holds the new site`;
      expect(run.stderr()).toBe(`toms: stopped by ${signal}; ${outcome}.\n`);
    }
    expect(besides(out)).toEqual([]);
    expect(await leftBehind(run)).toEqual([]);
    expect(tempLeft(run)).toEqual([]);
  });
});

describe("a browser that fails mid-print", () => {
  it("killed: the build stops with one clear line, the old site intact, no process left", async () => {
    const out = oldOut("browser-killed");
    const run = start(out);
    await run.line(/^pdf .* started in \d+ ms$/);
    process.kill(browserOf(run), "SIGKILL");
    expect(await run.ended).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toMatch(
      new RegExp(`^toms: The browser quit unexpectedly while printing (all|muenchen)\\.pdf\\.\ntoms: nothing was written; ${out} is unchanged\\.\n$`),
    );
    expect(tree(out)).toEqual(oldTree);
    expect(besides(out)).toEqual([]);
    expect(await leftBehind(run)).toEqual([]);
    expect(tempLeft(run)).toEqual([]);
  });

  it("hung (SIGSTOP): the timeout stops the build, the old site intact, the stopped browser killed", async () => {
    const out = oldOut("browser-hung");
    const run = start(out, { env: { TOMS_PDF_TIMEOUT_MS: "2000" } });
    await run.line(/^pdf .* started in \d+ ms$/);
    process.kill(browserOf(run), "SIGSTOP");
    expect(await run.ended).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toMatch(
      new RegExp(
        `^toms: Printing (all|muenchen)\\.pdf took longer than 2 s and was stopped: the browser hangs or the annex is very large\\. .*\ntoms: nothing was written; ${out} is unchanged\\.\n$`,
      ),
    );
    expect(tree(out)).toEqual(oldTree);
    expect(besides(out)).toEqual([]);
    expect(await leftBehind(run)).toEqual([]);
    expect(tempLeft(run)).toEqual([]);
  });
});

describe("a build killed between the two renames of its commit", () => {
  // A pid above pid_max belongs to no process: the build that left these folders is dead.
  const dead = Number(fs.readFileSync("/proc/sys/kernel/pid_max", "utf8")) + 1;

  it("after the first rename (no --out): the next build, even a failing one, puts the old site back", async () => {
    const out = path.join(tmp.dir, "killed-mid-commit", "site");
    fs.cpSync(oldSite, path.join(path.dirname(out), `.site.toms-old-${dead}`), { recursive: true });
    fs.cpSync(reference, path.join(path.dirname(out), `.site.toms-new-${dead}-AbC123`), { recursive: true });
    const run = start(out, { content: broken });
    expect(await run.ended).toEqual({ code: 1, signal: null });
    expect(tree(out)).toEqual(oldTree);
    expect(besides(out)).toEqual([]);
  });

  it("after the second rename: the next build removes the old site and keeps the new one", async () => {
    const out = path.join(tmp.dir, "killed-after-commit", "site");
    fs.cpSync(reference, out, { recursive: true });
    fs.cpSync(oldSite, path.join(path.dirname(out), `.site.toms-old-${dead}`), { recursive: true });
    // A staging folder of a build still running (this test's own process) is left alone.
    const live = path.join(path.dirname(out), `.site.toms-new-${process.pid}-XyZ789`);
    fs.mkdirSync(live);
    const run = start(out, { content: broken });
    expect(await run.ended).toEqual({ code: 1, signal: null });
    expect(tree(out)).toEqual(referenceTree);
    expect(besides(out)).toEqual([path.basename(live)]);
  });
});

describe("two builds of the same content", () => {
  it("give byte-identical output trees, PDFs included", async () => {
    const again = path.join(tmp.dir, "again");
    expect(await start(again).ended).toEqual({ code: 0, signal: null });
    expect(tree(again)).toEqual(referenceTree);
    // The content is not in git, so these are drafts: three annexes, no <version>/ copies.
    expect(Object.keys(referenceTree).filter((f) => f.endsWith(".pdf"))).toEqual(["all.pdf", "koeln.pdf", "muenchen.pdf"]);
  });
});
