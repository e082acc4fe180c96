import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "./helpers/tmp.js";

// bin/toms.js runs the bundle of lib/bundle/ (`npm test` compiles first). Each command loads only what it needs:
// checking and building HTML never load puppeteer-core (and the browser behind it), a PDF build does. Seen through a
// resolve hook that lists the modules a run asks for.
const repo = path.join(import.meta.dirname, "..");
const tmp = tempDir("toms-lazy-");
afterAll(tmp.cleanup);

function imported(args: string[]): { code: number | null; modules: string[] } {
  const run = spawnSync(process.execPath, ["--import", "./test/helpers/trace-imports.mjs", "bin/toms.js", ...args], {
    cwd: repo,
    encoding: "utf8",
    timeout: 60_000,
  });
  const modules = run.stderr.split("\n").flatMap((line) => (line.startsWith("import ") ? [line.slice("import ".length)] : []));
  return { code: run.status, modules };
}

describe("what a command loads", () => {
  it("runs the bundle: a handful of files, not the package tree", () => {
    const { code, modules } = imported(["check"]);
    expect(code).toBe(0);
    expect(modules).toContain("../lib/bundle/main.js");
    expect(modules.filter((m) => !m.startsWith("./chunk-") && !m.startsWith("./check-"))).toEqual([
      expect.stringMatching(/bin\/toms\.js$/),
      "../lib/bundle/main.js",
    ]);
  });

  it("never loads puppeteer to check or to build HTML only", () => {
    expect(imported(["check"]).modules).not.toContain("puppeteer-core");
    const html = imported(["build", "--no-pdf", "--no-archive", "--out", path.join(tmp.dir, "html")]);
    expect(html.code).toBe(0);
    expect(html.modules).not.toContain("puppeteer-core");
  });

  it("loads the theme's parsers (XML, HTML, CSS) only for content with a logo or templates/", () => {
    const run = (content: string) =>
      spawnSync(process.execPath, ["bin/toms.js", "check", "--content", content], {
        cwd: repo,
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, NODE_DEBUG: "module" },
      });
    const plain = run("measures");
    expect(plain.status).toBe(0);
    expect(plain.stderr).not.toContain("theme-tools.cjs");
    const themed = run("test/fixtures/build/leuchtturm/content");
    expect(themed.status).toBe(0);
    expect(themed.stdout).toContain("no problems found");
    expect(themed.stderr).toMatch(/load "[^"]*lib\/bundle\/theme-tools\.cjs"/);
  });

  it("loads puppeteer to print", () => {
    const full = imported(["build", "--no-archive", "--out", path.join(tmp.dir, "pdf")]);
    expect(full.code).toBe(0);
    expect(full.modules).toContain("puppeteer-core");
  });
});
