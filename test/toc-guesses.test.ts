// The contents' page numbers of the last print, kept in toms's cache between builds: a build into a new output folder
// prints each annex once when they still hold, and the PDF is byte for byte the one two prints make; a wrong or broken
// cache costs a print, never a wrong number. Real Chromium.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { tempDir } from "./helpers/tmp.js";

const tmp = tempDir("toms-toc-guesses-");
const content = path.join(tmp.dir, "content");
const cache = path.join(tmp.dir, "cache");
const cacheFile = path.join(cache, "toc-guesses.json");
const saved = process.env.TOMS_CACHE_DIR;

// Builds into a new folder; returns the verbose lines about printed PDFs and the PDFs' bytes.
async function buildInto(name: string) {
  const log: string[] = [];
  const out = path.join(tmp.dir, name);
  const result = await build({ content, out, pdf: true, archive: false, log: (line) => log.push(line) });
  expect(result.failure).toBeUndefined();
  expect(result.ok).toBe(true);
  const pdfs = fs.readdirSync(out).filter((f) => f.endsWith(".pdf"));
  return {
    prints: log.filter((l) => /^pdf {2}\S+\.pdf /.test(l)).map((l) => /(\d) prints?/.exec(l)?.[1]),
    pdfs: new Map(pdfs.map((f) => [f, fs.readFileSync(path.join(out, f))])),
  };
}

beforeAll(() => {
  fs.cpSync(path.join(import.meta.dirname, "fixtures/build/leuchtturm/content"), content, { recursive: true });
  process.env.TOMS_CACHE_DIR = cache;
});
afterAll(() => {
  if (saved === undefined) delete process.env.TOMS_CACHE_DIR;
  else process.env.TOMS_CACHE_DIR = saved;
  tmp.cleanup();
});

describe("the contents' page numbers kept between builds", () => {
  it("let a build into a new folder print each annex once, with the same PDFs; a wrong or broken cache costs a print", async () => {
    const cold = await buildInto("cold");
    expect(cold.prints.length).toBe(3);
    expect(cold.prints.every((n) => n === "2")).toBe(true);
    const stored = JSON.parse(fs.readFileSync(cacheFile, "utf8"));
    expect(Object.keys(stored)).toEqual([path.resolve(content)]);

    const warm = await buildInto("warm");
    expect(warm.prints).toEqual(["1", "1", "1"]);
    for (const [file, bytes] of cold.pdfs) expect(warm.pdfs.get(file)?.equals(bytes), file).toBe(true);

    // Every number off by one page: each annex is printed again with the right ones.
    const wrong = JSON.parse(fs.readFileSync(cacheFile, "utf8"));
    for (const toc of Object.values(wrong[path.resolve(content)]) as Record<string, number>[])
      for (const id of Object.keys(toc)) toc[id] = (toc[id] as number) + 1;
    fs.writeFileSync(cacheFile, JSON.stringify(wrong));
    const corrected = await buildInto("wrong");
    expect(corrected.prints.every((n) => n === "2")).toBe(true);
    for (const [file, bytes] of cold.pdfs) expect(corrected.pdfs.get(file)?.equals(bytes), file).toBe(true);

    // A cache that is no JSON at all is ignored (and written anew).
    fs.writeFileSync(cacheFile, "{ nicht json");
    const broken = await buildInto("broken");
    expect(broken.prints.every((n) => n === "2")).toBe(true);
    expect(JSON.parse(fs.readFileSync(cacheFile, "utf8"))).toHaveProperty([path.resolve(content)]);
  }, 180_000);
});
