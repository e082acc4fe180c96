import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { locateBrowser } from "../src/pdf/launch.js";
import { leftBehind, processesOf, tree } from "./helpers/build-process.js";
import { type DevRun, type EventClient, get, listenTo, startDev } from "./helpers/dev-process.js";
import { tempDir } from "./helpers/tmp.js";

// `toms dev` as a user runs it: a real process on a copy of the shipped content, real file edits (written in place,
// by rename as vim and JetBrains save, deleted, new folders), its event stream read as a browser reads it, a real
// browser page that reloads by itself and shows the problems, and PDFs printed by real Chromium and read back with
// poppler.
const repo = path.join(import.meta.dirname, "..");
const tmp = tempDir("toms-dev-");
afterAll(tmp.cleanup);

/** A fresh copy of the shipped content in its own folder, with a dist/ beside it as a build left it. */
function copyContent(name: string): { content: string; dist: string } {
  const dir = path.join(tmp.dir, name);
  const content = path.join(dir, "measures");
  fs.cpSync(path.join(repo, "measures"), content, { recursive: true });
  const dist = path.join(dir, "dist");
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>built</title>\n");
  return { content, dist };
}

const zutritt = "1-vertraulichkeit/zutrittskontrolle.yaml";
const berlinTitle = "Zutrittskontrollsystem Rechenzentrum meetyoo";

describe("toms dev on the shipped content", () => {
  const { content, dist } = copyContent("main");
  const original = tree(content);
  const distBefore = tree(dist);
  let run: DevRun;
  let url: string;
  let events: EventClient;
  const file = (rel: string) => path.join(content, rel);
  const edit = (rel: string, from: string | RegExp, to: string) => {
    const text = fs.readFileSync(file(rel), "utf8");
    const changed = text.replace(from, to);
    expect(changed).not.toBe(text);
    fs.writeFileSync(file(rel), changed);
  };
  const reload = (from: number) => events.next("reload", { from });

  // Each test starts from the shipped text: what a test changed is written back, and the server's answer awaited.
  afterEach(async () => {
    const now = tree(content);
    if (JSON.stringify(now) === JSON.stringify(original)) return;
    const from = events.mark();
    for (const rel of Object.keys(now)
      .filter((rel) => !(rel in original))
      .reverse())
      fs.rmSync(file(rel), { recursive: true, force: true });
    for (const [rel, hash] of Object.entries(original)) {
      if (hash !== "folder" && now[rel] !== hash) fs.cpSync(path.join(repo, "measures", rel), file(rel));
    }
    await events.next("reload", { from, where: (d) => (d as { pages: string[] }).pages.length > 0 });
    // The server may take a second look (a change the watcher dropped): the next test starts once it is quiet.
    for (let seen = -1; seen !== events.mark(); ) {
      seen = events.mark();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(tree(content)).toEqual(original);
  });

  beforeAll(async () => {
    run = startDev({ content, scratch: tmp.dir });
    url = await run.url;
    events = await listenTo(url);
  });
  afterAll(async () => {
    events?.close();
    await run?.stop();
    if (process.env.TOMS_DEV_DEBUG) console.log(run.lines.join("\n"), run.stderr());
  });

  it("prints its address first and serves the annexes as a preview: banner, script and policy only there", async () => {
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const index = await get(url);
    expect(index.status).toBe(200);
    expect(index.text).toContain("Vorschau – nicht veröffentlicht");
    for (const name of ["all", "berlin", "aws"]) expect(index.text).toContain(`href="${name}.html"`);
    const berlin = await get(`${url}berlin.html`);
    expect(berlin.status).toBe(200);
    expect(berlin.headers["cache-control"]).toBe("no-store");
    expect(berlin.text).toContain('<p class="draft-banner" role="note"><strong>Vorschau – nicht veröffentlicht</strong></p>');
    expect(berlin.text).toContain('<script type="module" src="/__toms/client.js"></script>');
    expect(berlin.text).toContain('<meta name="toms-page" content="berlin.html">');
    // The published policy, plus exactly the preview's own script and event stream; no inline script.
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(berlin.text)?.[1]?.replaceAll("&#x27;", "'");
    expect(policy).toBe(
      "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; script-src 'self'; connect-src 'self'",
    );
    expect(berlin.text.match(/<script/g)).toHaveLength(1);
    expect(berlin.text).toContain('href="berlin.pdf"');
    const client = await get(`${url}__toms/client.js`);
    expect(client.status).toBe(200);
    expect(client.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(client.text).toContain('new EventSource("/__toms/events")');
    expect((await get(`${url}style.css`)).text).toContain("@font-face");
    expect((await get(`${url}nowhere.html`)).status).toBe(404);
    // Valid HTML5 as the published pages are (html-quality.test.ts), the server's own pages too.
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "no-inline-style": "error", "long-title": "off", "doctype-style": "off" },
    });
    for (const [name, html] of [
      ["index", index.text],
      ["berlin", berlin.text],
      ["not found", (await get(`${url}nowhere.html`)).text],
    ]) {
      const report = await validator.validateString(html as string, name);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    }
    // Another site's name pointed at this machine (DNS rebinding) gets nothing.
    expect((await get(url, { Host: "evil.example:80" })).status).toBe(403);
  });

  it("sends reload with exactly the pages a save changed", async () => {
    let from = events.mark();
    edit(zutritt, berlinTitle, "Zutrittskontrollsystem RZ meetyoo Berlin");
    expect((await reload(from)).data).toEqual({ pages: ["all.html", "berlin.html"] });
    // The page as served now says it.
    expect((await get(`${url}berlin.html`)).text).toContain("Zutrittskontrollsystem RZ meetyoo Berlin");
    expect((await get(`${url}aws.html`)).text).not.toContain("RZ meetyoo Berlin");

    // A comment changes no page.
    from = events.mark();
    fs.appendFileSync(file(zutritt), "# a comment\n");
    expect((await reload(from)).data).toEqual({ pages: [] });

    // The version shows on every page, the index included.
    from = events.mark();
    edit("site.yaml", 'version: "2026.1"', 'version: "2026.2"');
    expect((await reload(from)).data).toEqual({ pages: ["all.html", "aws.html", "berlin.html", "index.html"] });
  });

  it("shows the problems of a broken save (with the source lines), on the terminal too, until it is fixed", async () => {
    let from = events.mark();
    // Half-typed YAML: an unclosed quote.
    edit(zutritt, `title: "Zutrittskontrollsystem Büroflächen Friedrichstrasse"`, `title: "Zutrittskontrollsystem Büroflächen`);
    const problems = (await events.next("problems", { from })).data as Record<string, unknown>[];
    expect(problems.length).toBeGreaterThan(0);
    const first = problems[0] as { file: string; line: number; rule: string; severity: string; hint: string; frame: string[] };
    expect(first.file).toBe(path.relative(repo, file(zutritt)));
    expect(first.severity).toBe("error");
    expect(first.rule).toBe("yaml-syntax");
    expect(first.hint).not.toBe("");
    // The frame: the line before, the problem's line marked with ">", and the caret.
    expect(first.frame.some((l) => l.startsWith(`> ${first.line} |`))).toBe(true);
    expect(first.frame.at(-1)).toMatch(/\^/);
    // The data is what `toms check --format json` says, plus the frames.
    const json = spawnSync(process.execPath, ["bin/toms.js", "check", "--content", content, "--format", "json"], { cwd: repo, encoding: "utf8" });
    expect(problems.map(({ frame: _, ...row }) => row)).toEqual(JSON.parse(json.stdout));
    // The terminal: as `toms check` prints it.
    await expect.poll(() => run.stderr(), { timeout: 5_000 }).toContain(`${first.file}:${first.line}:`);
    expect(run.stderr()).toContain("hint:");
    // The pages still show the last text without errors; a PDF would be taken for the current text and is refused.
    expect((await get(`${url}berlin.html`)).status).toBe(200);
    expect((await get(`${url}berlin.pdf`)).status).toBe(503);
    // A page that connects now is told at once.
    const late = await listenTo(url);
    await late.next("problems", { from: 0 });
    late.close();

    from = events.mark();
    edit(zutritt, `title: "Zutrittskontrollsystem Büroflächen`, `title: "Zutrittskontrollsystem Büroflächen Friedrichstrasse"`);
    // Back to the last text without errors: the pages are as they were.
    expect((await reload(from)).data).toEqual({ pages: [] });
  });

  it("catches up with saves by rename, deleted and re-created files, and new folders", async () => {
    // vim / JetBrains: the new text goes into another file, which is renamed over the old one.
    let from = events.mark();
    const text = fs.readFileSync(file(zutritt), "utf8");
    fs.writeFileSync(file(`${zutritt}.tmp~`), text.replace(berlinTitle, "Zutrittskontrollsystem RZ meetyoo (Berlin)"));
    fs.renameSync(file(`${zutritt}.tmp~`), file(zutritt));
    // On a busy machine the temporary file may come in a burst of its own, before the rename: a reload of no page.
    const renamed = await events.next("reload", { from, where: (d) => (d as { pages: string[] }).pages.length > 0 });
    expect(renamed.data).toEqual({ pages: ["all.html", "berlin.html"] });
    expect((await get(`${url}berlin.html`)).text).toContain("RZ meetyoo (Berlin)");

    // A section deleted, then written again.
    const separation = fs.readFileSync(file("1-vertraulichkeit/trennungskontrolle.yaml"));
    from = events.mark();
    fs.rmSync(file("1-vertraulichkeit/trennungskontrolle.yaml"));
    expect((await reload(from)).data).toEqual({ pages: ["all.html", "aws.html", "berlin.html"] });
    expect((await get(`${url}aws.html`)).text).not.toContain("Trennungskontrolle");
    from = events.mark();
    fs.writeFileSync(file("1-vertraulichkeit/trennungskontrolle.yaml"), separation);
    expect((await reload(from)).data).toEqual({ pages: ["all.html", "aws.html", "berlin.html"] });
    expect((await get(`${url}aws.html`)).text).toContain("Trennungskontrolle");

    // A new folder with a section file in it.
    from = events.mark();
    fs.mkdirSync(file("10-neu"));
    fs.writeFileSync(
      file("10-neu/notfall.yaml"),
      'id: notfall\ngroup: vertraulichkeit\ntitle: "Notfallübungen"\norder: 5\nmeasures:\n  - id: notfall-uebung\n    locations: [aws]\n    text: "Jährliche Notfallübung im Rechenzentrum."\n',
    );
    // Every annex shows every section (berlin's says nothing of it applies there).
    const added = await events.next("reload", { from, where: (d) => (d as { pages: string[] }).pages.includes("aws.html") });
    expect(added.data).toEqual({ pages: ["all.html", "aws.html", "berlin.html"] });
    expect((await get(`${url}aws.html`)).text).toContain("Jährliche Notfallübung im Rechenzentrum.");
    expect((await get(`${url}berlin.html`)).text).not.toContain("Jährliche Notfallübung im Rechenzentrum.");
    from = events.mark();
    fs.rmSync(file("10-neu"), { recursive: true });
    expect((await reload(from)).data).toEqual({ pages: ["all.html", "aws.html", "berlin.html"] });
  });

  describe("in a real browser", () => {
    let browser: Browser;
    let page: Page;
    const console: string[] = [];
    beforeAll(async () => {
      browser = await puppeteer.launch({
        executablePath: (await locateBrowser()).executable,
        args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
      });
      page = await browser.newPage();
      page.on("console", (m) => console.push(`${m.type()}: ${m.text()}`));
      page.on("pageerror", (e) => console.push(`pageerror: ${e.message}`));
    });
    afterAll(async () => browser?.close());

    it("reloads the page by itself after a save and shows the new text", async () => {
      // The page listens once its script ran and the server answered its request for the events.
      const listening = page.waitForResponse((r) => r.url().endsWith("/__toms/events"));
      await page.goto(`${url}berlin.html`);
      await listening;
      // Reading further down the page: the reload keeps the place.
      await page.evaluate(() => window.scrollTo(0, 1500));
      const navigated = page.waitForNavigation({ timeout: 15_000 });
      edit(zutritt, berlinTitle, "Zutrittskontrollsystem RZ meetyoo Friedrichstraße");
      await navigated;
      expect(await page.evaluate(() => document.body.innerText)).toContain("Zutrittskontrollsystem RZ meetyoo Friedrichstraße");
      await page.waitForFunction(() => window.scrollY === 1500, { timeout: 5_000 });
      // A save elsewhere does not reload this page.
      await page.evaluate(() => {
        (window as unknown as { kept: boolean }).kept = true;
      });
      const from = events.mark();
      edit("1-vertraulichkeit/zutrittskontrolle.yaml", "Zutrittskontrollsystem Rechenzentrum AWS", "Zutrittskontrollsystem RZ AWS");
      await reload(from);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    });

    it("shows the problems over the page with their source lines, and takes them away when fixed", async () => {
      edit(zutritt, "locations: [berlin]", "locations: [berlinn]");
      await page.waitForSelector("toms-problems", { timeout: 15_000 });
      const shown = await page.$eval("toms-problems", (host) => {
        const root = host.shadowRoot as ShadowRoot;
        const dialog = root.querySelector("[role=alertdialog]") as HTMLElement;
        return {
          heading: root.querySelector("h2")?.textContent,
          labelled: dialog.getAttribute("aria-labelledby") === root.querySelector("h2")?.id,
          where: root.querySelector(".where")?.textContent,
          message: root.querySelector(".message")?.textContent,
          frame: root.querySelector(".frame")?.textContent,
          hint: root.querySelector(".hint")?.textContent,
          // The constructed style sheet applies under the page's policy.
          position: getComputedStyle(host).position,
          focused: root.activeElement === dialog,
        };
      });
      expect(shown.heading).toBe("The content has errors");
      expect(shown.labelled).toBe(true);
      expect(shown.where).toBe(`${path.relative(repo, file(zutritt))}:10:17`);
      expect(shown.message).toBe('Unknown location "berlinn" (did you mean "berlin"?).');
      expect(shown.frame).toBe([`   9 |     title: "${berlinTitle}"`, "> 10 |     locations: [berlinn]", "     |                 ^^^^^^^"].join("\n"));
      expect(shown.hint).toBe("hint: Use the id of a location listed in site.yaml.");
      expect(shown.position).toBe("fixed");
      expect(shown.focused).toBe(true);
      // Content is text, never markup: a problem quoting HTML shows it as written.
      edit(zutritt, "locations: [berlinn]", "locations: [berlinn, <b>x</b>]");
      await page.waitForFunction(() => document.querySelector("toms-problems")?.shadowRoot?.textContent?.includes("<b>x</b>"), { timeout: 15_000 });
      expect(await page.$eval("toms-problems", (host) => host.shadowRoot?.querySelectorAll("b").length)).toBe(0);

      // Dismissed with Escape, shown again with the next problems.
      await page.keyboard.press("Escape");
      expect(await page.$("toms-problems")).toBeNull();
      edit(zutritt, "locations: [berlinn, <b>x</b>]", "locations: [berlinn]");
      await page.waitForSelector("toms-problems", { timeout: 15_000 });

      edit(zutritt, "locations: [berlinn]", "locations: [berlin]");
      await page.waitForFunction(() => document.querySelector("toms-problems") === null, { timeout: 15_000 });
      expect(console.filter((m) => /Content Security Policy|pageerror|Refused/i.test(m))).toEqual([]);
    });
  });

  it("prints /<annex>.pdf from the current text, marked as a preview, with a warm browser", async () => {
    const pdf = path.join(tmp.dir, "berlin.pdf");
    const first = await get(`${url}berlin.pdf`);
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toBe("application/pdf");
    fs.writeFileSync(pdf, first.body);
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(text).toContain(berlinTitle);
    // In the page and in every page's running header.
    expect(text.split("Vorschau – nicht veröffentlicht").length - 1).toBeGreaterThan(
      Number(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)?.[1]),
    );
    // Asked again without a save: the same PDF.
    expect((await get(`${url}berlin.pdf`)).body.equals(first.body)).toBe(true);

    const from = events.mark();
    edit(zutritt, berlinTitle, "Zutrittskontrollsystem RZ meetyoo Spree");
    await reload(from);
    const second = await get(`${url}berlin.pdf`);
    fs.writeFileSync(pdf, second.body);
    const after = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(after).toContain("Zutrittskontrollsystem RZ meetyoo Spree");
    expect(after).not.toContain(berlinTitle);
    expect((await get(`${url}nowhere.pdf`)).status).toBe(404);
  });

  it("writes nothing into the content folder or dist/", async () => {
    const before = tree(content);
    for (const name of ["", "all.html", "aws.html", "berlin.html", "all.pdf", "style.css"]) expect((await get(`${url}${name}`)).status).toBe(200);
    expect(tree(content)).toEqual(before);
    expect(tree(dist)).toEqual(distBefore);
    // Byte for byte as copied (each test writes back what it changed): nothing added, nothing removed.
    expect(tree(content)).toEqual(original);
  });

  it("ends at once on Ctrl-C, leaving no browser", async () => {
    // The browser is running (it printed above).
    expect(processesOf(run).filter((p) => /chrom/i.test(p.cmd)).length).toBeGreaterThan(0);
    const started = performance.now();
    const ended = await run.stop("SIGINT");
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(ended.code).toBe(0);
    expect(await leftBehind(run)).toEqual([]);
    expect(run.stderr()).toContain("toms: preview stopped (SIGINT).");
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe("toms dev, other ways to start it", () => {
  it("--no-pdf: no PDF links, no PDFs, no browser, puppeteer not even loaded", async () => {
    const { content } = copyContent("no-pdf");
    const run = startDev({ content, scratch: tmp.dir, args: ["--no-pdf"], node: ["--import", path.join(repo, "test/helpers/trace-imports.mjs")] });
    try {
      const url = await run.url;
      const page = await get(`${url}all.html`);
      expect(page.text).not.toContain(".pdf");
      expect((await get(url)).text).not.toContain(".pdf");
      expect((await get(`${url}all.pdf`)).status).toBe(404);
      expect(processesOf(run).filter((p) => /chrom/i.test(p.cmd))).toEqual([]);
    } finally {
      await run.stop("SIGTERM");
    }
    expect(await leftBehind(run)).toEqual([]);
    // The command is a chunk of its own, loaded only for `toms dev`.
    const imports = run
      .stderr()
      .split("\n")
      .filter((l) => l.startsWith("import "));
    expect(imports.some((l) => /\.\/dev-[\w-]+\.js$/.test(l))).toBe(true);
    expect(imports).not.toContain("import puppeteer");
  });

  it("--host: listens where it is told, says that others can reach it, and answers any name", async () => {
    const { content } = copyContent("host");
    const loopback = startDev({ content, scratch: tmp.dir, args: ["--no-pdf", "--host", "127.0.0.1"] });
    try {
      const url = await loopback.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect((await get(url)).status).toBe(200);
      // Still only this machine: still only its names.
      expect((await get(url, { Host: "evil.example" })).status).toBe(403);
      expect(loopback.stderr()).not.toContain("anyone");
    } finally {
      await loopback.stop();
    }
    const everywhere = startDev({ content, scratch: tmp.dir, args: ["--no-pdf", "--host", "0.0.0.0"] });
    try {
      const url = await everywhere.url;
      await expect.poll(() => everywhere.stderr()).toContain("toms: listening on 0.0.0.0: anyone who can reach this machine there can read the preview.");
      expect((await get(url, { Host: "toms-preview.example" })).status).toBe(200);
    } finally {
      await everywhere.stop();
    }
  });

  it("answers a PDF that cannot be printed with 500 and why, and goes on serving", async () => {
    const { content } = copyContent("no-browser");
    const missing = path.join(tmp.dir, "no-such-chromium");
    const run = startDev({ content, scratch: tmp.dir, env: { PUPPETEER_EXECUTABLE_PATH: missing } });
    try {
      const url = await run.url;
      const pdf = await get(`${url}all.pdf`);
      expect(pdf.status).toBe(500);
      expect(pdf.text).toContain(`PUPPETEER_EXECUTABLE_PATH is set to ${missing}, which is not a file.`);
      expect((await get(`${url}all.html`)).status).toBe(200);
      await expect.poll(() => run.stderr()).toContain("/all.pdf failed: PUPPETEER_EXECUTABLE_PATH is set to");
      expect(run.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      await run.stop();
    }
  });

  it("takes the next port when the one asked for is taken", async () => {
    const { content } = copyContent("port");
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "localhost", resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const run = startDev({ content, scratch: tmp.dir, args: ["--port", String(taken), "--no-pdf"] });
    try {
      const url = await run.url;
      expect(url).not.toBe(`http://localhost:${taken}/`);
      expect(Number(new URL(url).port)).toBeGreaterThan(taken);
      expect((await get(url)).status).toBe(200);
      expect(run.stderr()).toContain(`port ${taken} is in use`);
    } finally {
      blocker.close();
      await run.stop();
    }
  });

  it("starts on content with errors, and shows the annexes once they are fixed", async () => {
    const { content } = copyContent("broken");
    const site = path.join(content, "site.yaml");
    const good = fs.readFileSync(site, "utf8");
    fs.writeFileSync(site, good.replace("lang: de", "lang: [de"));
    const run = startDev({ content, scratch: tmp.dir, args: ["--no-pdf"] });
    try {
      const url = await run.url;
      const waiting = await get(url);
      expect(waiting.status).toBe(503);
      expect(waiting.text).toContain('<script type="module" src="/__toms/client.js"></script>');
      const events = await listenTo(url);
      await events.next("problems", { from: 0 });
      fs.writeFileSync(site, good);
      expect((await events.next("reload")).data).toEqual({ pages: ["all.html", "aws.html", "berlin.html", "index.html"] });
      expect((await get(url)).status).toBe(200);
      events.close();
    } finally {
      await run.stop();
    }
  });

  it("refuses wrong usage with exit 2, and has help", () => {
    const toms = (...args: string[]) => spawnSync(process.execPath, ["bin/toms.js", ...args], { cwd: repo, encoding: "utf8", timeout: 30_000 });
    for (const args of [
      ["dev", "--port", "http"],
      ["dev", "--port", "70000"],
      ["dev", "extra"],
      ["dev", "--content", path.join(tmp.dir, "none")],
    ]) {
      const run = toms(...args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
    }
    expect(toms("dev", "--port", "http").stderr).toContain('toms: --port must be a whole number from 0 to 65535, not "http"');
    const help = toms("help", "dev");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: toms dev [--content DIR] [--port N] [--host HOST] [--no-pdf]");
    expect(toms("dev", "--help").stdout).toBe(help.stdout);
  });
});
