// `toms dev` on the bilingual example (a real process, real file edits, PDFs printed by real Chromium): the English
// pages under en/ as the build has them, their PDF in English, and a save of one language's text reloads that
// language's pages alone.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leftBehind } from "./helpers/build-process.js";
import { type DevRun, type EventClient, get, listenTo, startDev } from "./helpers/dev-process.js";
import { tempDir } from "./helpers/tmp.js";

const repo = path.join(import.meta.dirname, "..");
const tmp = tempDir("toms-languages-dev-");
const content = path.join(tmp.dir, "measures");
fs.cpSync(path.join(repo, "examples/zweisprachig"), content, { recursive: true });
const zutritt = path.join(content, "1-vertraulichkeit/zutrittskontrolle.yaml");

let run: DevRun;
let url: string;
let events: EventClient;
beforeAll(async () => {
  run = startDev({ content, scratch: tmp.dir });
  url = await run.url;
  events = await listenTo(url);
}, 60_000);
afterAll(async () => {
  events?.close();
  await run?.stop("SIGTERM");
  expect(await leftBehind(run)).toEqual([]);
  tmp.cleanup();
});

describe("toms dev on a site in two languages", () => {
  it("serves the translation's pages under en/ and lists them on the index", async () => {
    const index = await get(url);
    for (const href of ["all.html", "en/all.html", "en/leipzig.html", "en/frankfurt.pdf"]) expect(index.text).toContain(`href="${href}"`);
    const english = await get(`${url}en/leipzig.html`);
    expect(english.status).toBe(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain("Preview – not published");
    expect(english.text).toContain("Physical access control");
    expect(english.text).toContain('<meta name="toms-page" content="en/leipzig.html">');
    expect(english.text).toContain('hreflang="de" href="../leipzig.html"');
    expect((await get(`${url}en/nowhere.html`)).status).toBe(404);
    expect((await get(`${url}fr/all.html`)).status).toBe(404);
  });

  it("prints the English PDF in English", async () => {
    const got = await get(`${url}en/frankfurt.pdf`);
    expect(got.status).toBe(200);
    const pdf = path.join(tmp.dir, "frankfurt-en.pdf");
    fs.writeFileSync(pdf, got.body);
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(text).toContain("Frankfurt am Main colocation");
    expect(text).toContain("Preview – not published");
    expect(text).toContain("Page 1 of");
    expect(text).not.toContain("Seite 1");
  }, 60_000);

  it("reloads the English pages alone when only an English text was saved", async () => {
    const from = events.mark();
    const text = fs.readFileSync(zutritt, "utf8");
    fs.writeFileSync(zutritt, text.replace("Visitors are registered at reception", "Visitors sign in at reception"));
    const reload = await events.next("reload", { from });
    expect(reload.data).toEqual({ pages: ["en/all.html", "en/frankfurt.html", "en/leipzig.html"] });
    expect((await get(`${url}en/all.html`)).text).toContain("Visitors sign in at reception");
  });
});
