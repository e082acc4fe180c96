import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listFiles, tempDir } from "./helpers/tmp.js";

// toms as a company gets it: `npm pack` of this repository, installed with real npm into an empty folder on a machine
// with a system Chromium and no PUPPETEER_ variables, then `npx toms init`, `npx toms check` and `npx toms build`.
// The pack skips npm's scripts: `npm test` compiled lib/, schemas/ and fonts/ just before, and compiling again here
// would rewrite the bundle under the tests running beside this one (`npm pack` by hand compiles, see "prepare").
const repo = path.join(import.meta.dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as {
  version: string;
  scripts: Record<string, string>;
  files: string[];
};
const tmp = tempDir("toms-package-");
afterAll(tmp.cleanup);

// The environment of a fresh shell: none of the npm_* variables `npm test` hands down (they would configure the
// inner npm), no PUPPETEER_* (the browser is found without them), a fixed git identity.
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|PUPPETEER_|GIT_|INIT_CWD$)/i.test(key))),
  GIT_AUTHOR_NAME: "Alpenwerk",
  GIT_AUTHOR_EMAIL: "annex@alpenwerk.example",
  GIT_COMMITTER_NAME: "Alpenwerk",
  GIT_COMMITTER_EMAIL: "annex@alpenwerk.example",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};
function run(cwd: string, command: string, ...args: string[]): { code: number | null; stdout: string; stderr: string; ms: number } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 240_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Math.round(performance.now() - started) };
}

const packDir = path.join(tmp.dir, "pack");
fs.mkdirSync(packDir);
const packed = run(repo, "npm", "pack", "--ignore-scripts", "--json", "--pack-destination", packDir);
const pack = (JSON.parse(packed.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[])[0];
const tarball = path.join(packDir, pack?.filename ?? "");
const company = path.join(tmp.dir, "alpenwerk-annex");
fs.mkdirSync(company);

describe("npm pack", () => {
  it("holds only what runs: the launcher, the bundle, templates, schemas, fonts with their licences, the catalogues, the workflows", () => {
    expect(packed.code).toBe(0);
    const files = (pack?.files ?? []).map((f) => f.path).sort();
    const top = [...new Set(files.map((f) => (f.includes("/") ? `${f.split("/")[0]}/` : f)))];
    expect(top.sort()).toEqual([".github/", "README.md", "bin/", "catalogues/", "fonts/", "lib/", "package.json", "schemas/", "templates/"]);
    expect(files.filter((f) => f.startsWith("lib/") && !f.startsWith("lib/bundle/"))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        "bin/toms.js",
        "lib/bundle/main.js",
        "schemas/site.schema.json",
        "schemas/section.schema.json",
        "schemas/validators.cjs",
        "schemas/catalogue.schema.json",
        "catalogues/art32.yaml",
        "catalogues/bdsg-9.yaml",
        "catalogues/bdsg-64.yaml",
        "catalogues/scc-annex-iii.yaml",
        "templates/page.html",
        "templates/style.css",
        "templates/fonts.css",
        "fonts/fonts.json",
        "fonts/LICENSE-source-serif-4.txt",
        "fonts/LICENSE-dejavu-sans.txt",
        ".github/workflows/pages.yml",
        ".github/workflows/pull-request.yml",
        ".github/workflows/review.yml",
      ]),
    );
    expect(files.filter((f) => /^(src|test|measures|scripts)\//.test(f) || f.endsWith(".ts"))).toEqual([]);
    // The shipped annex is the repository's example, not part of toms: only the README speaks of it.
    const unpacked = path.join(tmp.dir, "unpacked");
    fs.mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
    const naming = listFiles(path.join(unpacked, "package")).filter((f) => fs.readFileSync(path.join(unpacked, "package", f)).includes("meetyoo"));
    expect(naming).toEqual(["README.md"]);
    // About 2.7 MB, nearly all of it fonts.
    expect(pack?.size).toBeLessThan(4_000_000);
    // The compile step is the maintainer's (npm pack and npm ci in this repository), never the installer's.
    expect(manifest.scripts.prepare).toBe("npm run compile");
    expect(Object.keys(manifest.scripts)).not.toContain("install");
    expect(Object.keys(manifest.scripts)).not.toContain("postinstall");
  });
});

describe("a company, from nothing to a published annex with the installed toms", () => {
  it("npm install <tarball> installs toms without compiling or downloading a browser", () => {
    const install = run(company, "npm", "install", "--no-audit", "--no-fund", "--prefer-offline", tarball);
    expect(install.code, install.stderr).toBe(0);
    console.log(`npm install of the tarball: ${install.ms} ms`);
    const modules = fs.readdirSync(path.join(company, "node_modules"));
    expect(modules).toContain("toms");
    expect(modules).toContain("puppeteer-core");
    // No puppeteer (whose install script downloads Chrome), no compiler: nothing was built or fetched on install.
    expect(modules).not.toContain("puppeteer");
    expect(modules).not.toContain("typescript");
    expect(fs.existsSync(path.join(company, "node_modules/toms/src"))).toBe(false);
    expect(run(company, "npx", "toms", "--version").stdout).toBe(`toms ${manifest.version}\n`);
  });

  it("npx toms init … writes the repository", () => {
    const init = run(
      company,
      "npx",
      "toms",
      "init",
      ".",
      "--lang",
      "en",
      "--organisation",
      "Alpenwerk Cloud GmbH",
      "--location",
      "falkenstein=Hetzner Falkenstein",
      "--location",
      "azure=Azure West Europe",
    );
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    // The installed toms knows its place: npm install already ran, so only the commands that follow are named.
    expect(init.stdout).toContain("Next:\n  npx toms check  # 16 placeholders to replace");
    expect(init.stdout).toContain("package.json installs toms from file:../pack/");
    const pkg = JSON.parse(fs.readFileSync(path.join(company, "package.json"), "utf8"));
    expect(pkg.scripts).toEqual({ check: "toms check", build: "toms build", dev: "toms dev" });
    expect(pkg.dependencies.toms).toMatch(/^file:.*toms-.*\.tgz$/);
  });

  it("npx toms check exits 0 with one warning per placeholder and nothing else", () => {
    const check = run(company, "npx", "toms", "check");
    expect(check.code).toBe(0);
    const firstLines = check.stderr.split("\n").filter((line) => /^\S+:\d+:\d+ (error|warning) /.test(line));
    expect(firstLines.length).toBe(16);
    expect(firstLines.filter((line) => !/ warning The measure "[a-z-]+" is still a placeholder; .* \[placeholder\]$/.test(line))).toEqual([]);
    expect(check.stderr).toContain("⚠ 0 errors, 16 warnings");
  });

  it("npx toms build, once committed, writes HTML and PDF annexes with the company's name and the placeholders marked", () => {
    for (const args of [
      ["init", "-q", "-b", "main"],
      ["add", "-A"],
      ["commit", "-q", "-m", "Annex 1 from toms init"],
    ]) {
      execFileSync("git", args, { cwd: company, env });
    }
    // node_modules/ and dist/ stay out of git.
    expect(run(company, "git", "status", "--porcelain", "--ignored").stdout).toBe("!! node_modules/\n");
    const build = run(company, "npx", "toms", "build");
    expect(build.stderr).toContain("⚠ 0 errors, 16 warnings");
    expect(build.code).toBe(0);
    console.log(`npx toms build: ${build.ms} ms`);
    expect(build.stdout).toMatch(/^✓ 3 annexes written to dist in \d+ ms\n$/);
    const site = listFiles(path.join(company, "dist"));
    expect(site).toEqual(
      expect.arrayContaining(["all.pdf", "falkenstein.pdf", "azure.pdf", "all.html", "index.html", `${new Date().getFullYear()}.1/all.pdf`]),
    );
    for (const name of ["all", "falkenstein", "azure"]) {
      const text = execFileSync("pdftotext", ["-layout", path.join(company, "dist", `${name}.pdf`), "-"], { encoding: "utf8" });
      expect(text, name).toContain("Alpenwerk Cloud GmbH");
      expect(text, name).toContain("Placeholder – not yet written");
      expect(text, name).not.toContain("Draft");
      expect(fs.readFileSync(path.join(company, "dist", `${name}.html`), "utf8"), name).toContain("Alpenwerk Cloud GmbH");
    }
    expect(execFileSync("pdftotext", [path.join(company, "dist/azure.pdf"), "-"], { encoding: "utf8" })).toContain("Azure West Europe");
  });
});

describe("toms init run by a toms installed from the package file (npx --package does the same in its cache)", () => {
  it("copies the package file into vendor/ and installs toms from there, so npm install works here and in CI", () => {
    const fresh = path.join(tmp.dir, "kranich");
    const installed = path.join(company, "node_modules/toms/bin/toms.js");
    const init = run(
      tmp.dir,
      process.execPath,
      installed,
      "init",
      "kranich",
      "--lang",
      "de",
      "--organisation",
      "Kranich GmbH",
      "--location",
      "hamburg=Serverraum Hamburg",
    );
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const vendored = `vendor/${path.basename(tarball)}`;
    expect(init.stdout).toContain(`  ${vendored}\n`);
    expect(init.stdout).toMatch(/\n  npm install +# installs toms\n/);
    expect(init.stdout).not.toContain("outside this repository");
    expect(fs.readFileSync(path.join(fresh, vendored))).toEqual(fs.readFileSync(tarball));
    const pkg = JSON.parse(fs.readFileSync(path.join(fresh, "package.json"), "utf8"));
    // Never a version number: toms is not on the registry, and a name there could be anybody's package.
    expect(pkg.devDependencies.toms).toBe(`file:${vendored}`);
  });
});

describe("toms import of a Word annex with the installed toms", () => {
  it("drafts a content folder that checks without errors and builds HTML and PDF annexes", async () => {
    const installed = path.join(company, "node_modules/toms/bin/toms.js");
    const word = path.join(tmp.dir, "anlage-1.docx");
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Anlage 1 – Technische und organisatorische Maßnahmen", heading: HeadingLevel.TITLE }),
            new Paragraph({ text: "(1) Maßnahmen zur Sicherstellung der Vertraulichkeit", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: "a) Zutrittskontrolle", heading: HeadingLevel.HEADING_2 }),
            new Paragraph("Das Rechenzentrum ist rund um die Uhr bewacht."),
            new Paragraph({ text: "b) Zugangskontrolle", heading: HeadingLevel.HEADING_2 }),
            new Paragraph("Jede Anmeldung verlangt einen zweiten Faktor."),
          ],
        },
      ],
    });
    fs.writeFileSync(word, await Packer.toBuffer(document));
    const folder = path.join(tmp.dir, "imported");
    const drafted = run(tmp.dir, process.execPath, installed, "import", word, "--out", path.join(folder, "measures"));
    expect(drafted.code, drafted.stderr).toBe(0);
    const check = run(folder, process.execPath, installed, "check");
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain(" 0 errors");
    const build = run(folder, process.execPath, installed, "build");
    expect(build.code, build.stderr).toBe(0);
    const files = listFiles(path.join(folder, "dist"));
    expect(files).toEqual(expect.arrayContaining(["all.html", "all.pdf", "index.html"]));
    const text = execFileSync("pdftotext", [path.join(folder, "dist/all.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain("Das Rechenzentrum ist rund um die Uhr bewacht.");
  }, 120_000);
});
