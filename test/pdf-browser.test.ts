// Finding the browser, failing cleanly without one or on a hung print, the build date, and printing offline
// with no script: the PDF stage's edges, with real Chromium, git and file system.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import type { Site } from "../src/model.js";
import { buildDate } from "../src/pdf/build-date.js";
import { noBrowserMessage, PdfError } from "../src/pdf/errors.js";
import { findBrowser, puppeteerCacheDir, testedChromeBuild } from "../src/pdf/find-browser.js";
import puppeteer from "puppeteer-core";
import { browserArguments, browserEnvironment, locateBrowser, locateSystemBrowser, startBrowser, tomsFlags } from "../src/pdf/launch.js";
import { printAnnex } from "../src/pdf/print-annex.js";
import { fontFaceCss, siteFontFiles } from "../src/render/fonts.js";
import type { AnnexPage } from "../src/render/pages.js";
import { listFiles, tempDir } from "./helpers/tmp.js";
import { pageTexts, siteFiles } from "./pdf-tools.js";

const root = path.join(import.meta.dirname, "..");
const fixture = path.join(import.meta.dirname, "fixtures/pdf/zwei-standorte");
const tmp = tempDir("toms-pdf-edge-");
afterAll(tmp.cleanup);

// An output folder holding an earlier build, to see that a failed build leaves it alone.
function earlierOutput(name: string): string {
  const out = path.join(tmp.dir, name);
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, "earlier.html"), "earlier build");
  // An earlier toms output (toms refuses to replace folders it did not write).
  fs.writeFileSync(path.join(out, "toms-manifest.json"), '{ "pdfs": {}, "versions": [] }\n');
  return out;
}

describe("finding the browser", () => {
  const none = { env: {}, system: [], bundled: () => undefined, exists: () => false };

  it("takes PUPPETEER_EXECUTABLE_PATH first, then the system's browser, then a Chrome in puppeteer's cache", () => {
    const exists = (f: string) => ["/x/chrome", "/usr/bin/chromium", "/cache/chrome"].includes(f);
    const search = { env: {}, system: ["/usr/bin/google-chrome", "/usr/bin/chromium"], bundled: () => "/cache/chrome", exists };
    expect(findBrowser({ ...search, env: { PUPPETEER_EXECUTABLE_PATH: "/x/chrome" } })).toEqual({
      executable: "/x/chrome",
      source: "PUPPETEER_EXECUTABLE_PATH",
    });
    expect(findBrowser(search)).toEqual({ executable: "/usr/bin/chromium", source: "system" });
    expect(findBrowser({ ...search, system: [] })).toEqual({ executable: "/cache/chrome", source: "puppeteer" });
    expect(findBrowser({ ...search, env: { PUPPETEER_EXECUTABLE_PATH: "/gone" } })).toEqual({ missing: "/gone" });
    expect(findBrowser(none)).toBeUndefined();
  });

  it("says in one paragraph the command that gets puppeteer's Chrome, the other ways, and how to go on without PDFs", () => {
    const message = noBrowserMessage({ build: "148.0.7778.97", cacheDir: "/home/a/.cache/puppeteer" });
    expect(message).not.toContain("\n");
    expect(message).toContain("`npx @puppeteer/browsers install chrome@148.0.7778.97 --path /home/a/.cache/puppeteer`");
    expect(message).toContain("apt-get install chromium");
    expect(message).toContain("PUPPETEER_EXECUTABLE_PATH");
    expect(message).toContain("toms build --no-pdf");
    // A path a shell would split is quoted, so the command can be copied as it is.
    expect(noBrowserMessage({ build: "1", cacheDir: "/Users/Ann O'Neil/.cache/puppeteer" })).toContain("--path '/Users/Ann O'\\''Neil/.cache/puppeteer'`");
  });

  it("looks for puppeteer's downloads where puppeteer keeps them", () => {
    expect(puppeteerCacheDir({}, "/home/a")).toBe("/home/a/.cache/puppeteer");
    expect(puppeteerCacheDir({ PUPPETEER_CACHE_DIR: "/cache" }, "/home/a")).toBe("/cache");
  });

  // A machine without Chrome or Chromium, as far as toms can tell: no system browser to look at, an empty cache. The
  // command its message names is then run as it stands (only pointed at a local server in place of Google's
  // download host, which this machine cannot reach): what it installs, toms finds and prints with.
  it("without any browser, names a command that gets one where toms finds it", async () => {
    const system = locateSystemBrowser();
    expect(system, "the tests need a Chrome or Chromium (apt-get install chromium)").toBeDefined();
    const cacheDir = path.join(tmp.dir, "puppeteer cache");
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, PUPPETEER_CACHE_DIR: cacheDir };
    const error = await locateBrowser(env, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    const build = await testedChromeBuild();
    expect((error as PdfError).message).toBe(noBrowserMessage({ build, cacheDir }));
    const command = /Run `(npx @puppeteer\/browsers install chrome@[^ ]+ --path '[^']+')`/.exec((error as PdfError).message)?.[1];
    expect(command).toBe(`npx @puppeteer/browsers install chrome@${build} --path '${cacheDir}'`);

    // Chrome for Testing's archive, whose chrome is this machine's browser.
    const archive = path.join(tmp.dir, "download", build, "linux64");
    fs.mkdirSync(path.join(archive, "chrome-linux64"), { recursive: true });
    fs.writeFileSync(path.join(archive, "chrome-linux64/chrome"), `#!/bin/sh\nexec '${system?.executable}' "$@"\n`, { mode: 0o755 });
    execFileSync("zip", ["-qr", "chrome-linux64.zip", "chrome-linux64"], { cwd: archive });
    const server = http.createServer((req, res) => {
      const file = path.join(tmp.dir, "download", decodeURIComponent(req.url ?? ""));
      if (fs.existsSync(file) && fs.statSync(file).isFile()) res.end(fs.readFileSync(file));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const install = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn("sh", ["-c", `${command} --base-url ${baseUrl}`], { cwd: root, env });
        let out = "";
        child.stdout.on("data", (c: Buffer) => (out += c));
        child.stderr.on("data", (c: Buffer) => (out += c));
        child.on("close", (code) => resolve({ code, out }));
      });
      expect(install.code, install.out).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    const found = await locateBrowser(env, []);
    expect(found).toEqual({ executable: path.join(cacheDir, "chrome", `linux-${build}`, "chrome-linux64", "chrome"), source: "puppeteer" });
    const started = startBrowser(found);
    try {
      expect(await (await started.connect()).version()).toMatch(/Chrome/);
    } finally {
      await started.close();
    }
  });

  it("stops the command with that message, no stack trace, and the output as it was", () => {
    const out = earlierOutput("no-browser");
    const run = spawnSync(process.execPath, ["bin/toms.js", "build", "--content", fixture, "--out", out], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chrome" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "toms: PUPPETEER_EXECUTABLE_PATH is set to /nonexistent/chrome, which is not a file. Point it at a Chrome or Chromium executable, or unset it to use the one installed. To build without PDFs, run `toms build --no-pdf`.\n" +
        `toms: nothing was written; ${out} is unchanged.\n`,
    );
    expect(listFiles(out)).toEqual(["earlier.html", "toms-manifest.json"]);
  });
});

describe("starting the browser", () => {
  // toms starts Chromium itself (early, on another core) and hands it to puppeteer: with the command line
  // puppeteer.launch would give it, so an update of puppeteer that changes its flags shows here.
  it("gives it the flags puppeteer.launch would (headless, on a pipe), plus toms's own", () => {
    for (const asRoot of [false, true]) {
      const ours = [...tomsFlags, ...(asRoot ? ["--no-sandbox"] : [])];
      const launch = [...puppeteer.defaultArgs({ headless: true, userDataDir: "/tmp/profile", args: ours }), "--remote-debugging-pipe"];
      expect([...browserArguments("/tmp/profile", asRoot)].sort()).toEqual(launch.sort());
    }
  });

  it("that quits at once: the build says why, in one line, and leaves no profile behind", () => {
    const out = earlierOutput("browser-quits");
    const fake = path.join(tmp.dir, "fake-chrome");
    // Much said before the last words: the message must still end with them.
    fs.writeFileSync(
      fake,
      "#!/bin/sh\nhead -c 300000 /dev/zero | tr '\\0' x >&2\necho >&2\necho 'error while loading shared libraries: libnss3.so' >&2\nexit 127\n",
      { mode: 0o755 },
    );
    const temp = path.join(tmp.dir, "browser-quits-tmp");
    fs.mkdirSync(temp);
    const run = spawnSync(process.execPath, ["bin/toms.js", "build", "--content", fixture, "--out", out], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: fake, TMPDIR: temp },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `toms: The browser at ${fake} did not start (exit code 127: error while loading shared libraries: libnss3.so). Check that it runs on this machine, or point PUPPETEER_EXECUTABLE_PATH at another Chrome or Chromium. To build without PDFs, run \`toms build --no-pdf\`.\n` +
        `toms: nothing was written; ${out} is unchanged.\n`,
    );
    expect(listFiles(out)).toEqual(["earlier.html", "toms-manifest.json"]);
    expect(fs.readdirSync(temp)).toEqual([]);
  });
});

describe("a long temporary folder", () => {
  // Chromium's singleton socket lives 45 characters below TMPDIR, and Chromium quits when the socket's path is longer
  // than a Unix socket path may be (107): toms gives the browser its profile as TMPDIR only where that fits, else
  // the temporary folder as it is (macOS's has ~50 characters), else /tmp.
  it.each([
    ["as long as macOS's (50 characters)", "temporary-folder-as-macos"],
    ["too long for Chromium itself (81)", "a-temporary-folder-with-quite-a-long-name-for-chromium"],
  ])("%s: the build still prints, and leaves nothing behind", (_, name) => {
    const temp = path.join(tmp.dir, name);
    fs.mkdirSync(temp);
    const out = path.join(tmp.dir, `out-${name}`);
    const run = spawnSync(process.execPath, ["bin/toms.js", "build", "--content", fixture, "--out", out, "--no-archive"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, TMPDIR: temp },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(listFiles(out).filter((f) => f.endsWith(".pdf")).length).toBeGreaterThan(0);
    expect(fs.readdirSync(temp)).toEqual([]);
  });

  it("picks the browser's TMPDIR by the length of the paths", () => {
    const short = "/tmp/toms-chromium-abcdef";
    expect(browserEnvironment(short, {}, "/tmp").TMPDIR).toBe(short);
    expect(browserEnvironment(`/var/folders/xy/${"z".repeat(30)}/T/toms-chromium-abcdef`, {}, `/var/folders/xy/${"z".repeat(30)}/T`).TMPDIR).toBeUndefined();
    expect(browserEnvironment(`/${"x".repeat(70)}/toms-chromium-abcdef`, {}, `/${"x".repeat(70)}`).TMPDIR).toBe("/tmp");
  });
});

describe("a print that hangs", () => {
  it("is stopped by the timeout and fails the build with a message, leaving --out as it was", async () => {
    const out = earlierOutput("timeout");
    process.env.TOMS_PDF_TIMEOUT_MS = "1";
    try {
      const result = await build({ content: fixture, out, pdf: true, archive: false });
      expect(result.ok).toBe(false);
      expect(result.failure).toMatch(
        /^Printing (all|koeln|muenchen)\.pdf took longer than 0\.001 s and was stopped: the browser hangs or the annex is very large\./,
      );
    } finally {
      delete process.env.TOMS_PDF_TIMEOUT_MS;
    }
    expect(listFiles(out)).toEqual(["earlier.html", "toms-manifest.json"]);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes("toms-new"))).toEqual([]);
  });
});

describe("the date stamped into the PDFs", () => {
  const site = (file: string) => ({ file, validFrom: "2026-05-01" }) as Site;

  it("is SOURCE_DATE_EPOCH when set, and refuses one that is not a number", () => {
    expect(buildDate(site("/nowhere/site.yaml"), { SOURCE_DATE_EPOCH: "1700000000" }).toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(() => buildDate(site("/nowhere/site.yaml"), { SOURCE_DATE_EPOCH: "yesterday" })).toThrow(
      new PdfError('SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not "yesterday".'),
    );
  });

  it("is else the last commit of the content folder, or valid_from outside git", () => {
    const repo = path.join(tmp.dir, "repo");
    fs.mkdirSync(path.join(repo, "content"), { recursive: true });
    fs.writeFileSync(path.join(repo, "content/site.yaml"), "title: x\n");
    expect(buildDate(site(path.join(repo, "content/site.yaml")), {}).toISOString()).toBe("2026-05-01T00:00:00.000Z");
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], {
        cwd: repo,
        env: { ...process.env, GIT_COMMITTER_DATE: "2024-02-03T04:05:06Z", GIT_AUTHOR_DATE: "2024-02-03T04:05:06Z" },
      });
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "content");
    expect(buildDate(site(path.join(repo, "content/site.yaml")), {}).toISOString()).toBe("2024-02-03T04:05:06.000Z");
  });
});

describe("printing", () => {
  it("runs no script of the page and fetches nothing but the build's own files", async () => {
    const fetched: string[] = [];
    const server = http.createServer((req, res) => {
      fetched.push(req.url ?? "");
      res.end("body { color: red }");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const remote = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = path.join(tmp.dir, "site");
    fs.mkdirSync(dir);
    // Set in the bundled fonts, as the real pages are (printing refuses a PDF in the machine's fonts).
    fs.writeFileSync(path.join(dir, "style.css"), `${fontFaceCss()}\nhtml { font-family: var(--toms-serif) }\np { color: rgb(1, 2, 3) }`);
    for (const [file, bytes] of siteFontFiles()) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), bytes);
    }
    // No content security policy here (the real pages have one): the interception alone must hold.
    const source = `<!doctype html><html lang="de"><head><title>T</title><link rel="stylesheet" href="style.css"><link rel="stylesheet" href="${remote}/remote.css"></head>
<body><main><h1>Überschrift</h1><p id="text">Statischer Text</p><img src="${remote}/logo.png" alt=""><iframe src="${remote}/frame"></iframe>
<script>document.getElementById("text").textContent = "SKRIPT LIEF"; fetch("${remote}/fetch");</script></main></body></html>`;
    fs.writeFileSync(path.join(dir, "seite.html"), source);
    const siteData = { title: "T", lang: "de", version: "1", organisation: { name: "O", address: [] }, locations: [] } as unknown as Site;
    const page = {
      annex: { id: "seite", location: undefined, groups: [] },
      html: "seite.html",
      pdf: "seite.pdf",
      download: "s.pdf",
      source,
      title: "T",
    } as AnnexPage;
    const started = startBrowser(await locateBrowser());
    const browser = await started.connect();
    try {
      const tab = await browser.newPage();
      const printed = await printAnnex(tab, { site: siteData, page, files: siteFiles(dir), date: new Date(0), timeoutMs: 20_000 });
      const file = path.join(dir, "seite.pdf");
      fs.writeFileSync(file, printed.pdf);
      const text = pageTexts(file).join("");
      expect(text).toContain("Statischer Text");
      expect(text).not.toContain("SKRIPT LIEF");
      expect(fetched).toEqual([]);
      expect(printed.refused).toEqual(expect.arrayContaining([`${remote}/remote.css`, `${remote}/logo.png`, `${remote}/frame`]));
      expect(printed.refused.filter((u) => u.startsWith("https://toms.invalid/"))).toEqual([]);
    } finally {
      await started.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
