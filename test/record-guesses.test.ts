// The first guess of the contents' page numbers where neither the previous output nor toms's cache has one (the
// publishing workflow's fresh container): the PDFs of the version published last. A new version whose pages did not
// move is printed once, byte for byte as two prints make it. Real git, real Chromium.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/commands/build.js";
import { completeGuess } from "../src/pdf/print-annex.js";
import { bump, cleanup, content, fresh, ok, out, outs, record, repo } from "./helpers/versions.js";

describe("a guess for every entry of the contents", () => {
  it("takes the numbers it knows, and for an entry it does not know the page of the entry before it", () => {
    const known = new Map([
      ["b", 2],
      ["d", 5],
      ["gone", 9],
    ]);
    expect([...completeGuess(["a", "b", "c", "d", "e"], known)]).toEqual([
      ["a", 2],
      ["b", 2],
      ["c", 2],
      ["d", 5],
      ["e", 5],
    ]);
  });

  it("is none when the earlier print knew none of the entries", () => {
    expect(completeGuess(["a", "b"], new Map([["x", 3]])).size).toBe(0);
    expect(completeGuess(["a", "b"], undefined).size).toBe(0);
    expect(completeGuess([], new Map([["x", 3]])).size).toBe(0);
  });
});

describe("a build with an empty cache and no previous output, of a repository with published versions", () => {
  const saved = process.env.TOMS_CACHE_DIR;
  let caches = 0;
  // Builds the latest version (only, unless `archive`), with a cache of its own (empty): how often each PDF was printed, and its bytes.
  async function buildFresh(name: string, archive = false) {
    process.env.TOMS_CACHE_DIR = path.join(outs.dir, `cache-${++caches}`);
    const log: string[] = [];
    ok(await build({ content: content(), out: out(name), pdf: true, archive, log: (line) => log.push(line) }));
    const prints = new Map<string, string>();
    for (const line of log) {
      const found = /^pdf {2}(\S+\.pdf) .* (\d) prints?/.exec(line);
      if (found) prints.set(found[1]!, found[2]!);
    }
    const pdfs = new Map([...prints.keys()].map((file) => [file, fs.readFileSync(path.join(out(name), file))]));
    return { prints, pdfs };
  }

  beforeAll(fresh);
  afterAll(() => {
    if (saved === undefined) delete process.env.TOMS_CACHE_DIR;
    else process.env.TOMS_CACHE_DIR = saved;
    cleanup();
  });

  it("prints each annex of a new version once when the last published version's page numbers still hold", async () => {
    // With its version folder, as the workflow publishes and records it.
    const first = await buildFresh("1.0", true);
    expect([...first.prints.values()]).toEqual(["2", "2", "2"]);
    expect(record("1.0").code).toBe(0);

    bump("1.1", "Längere Passwörter.");
    repo.edit("measures/zugang.yaml", "zwölf", "vierzehn");
    repo.commit("1.1", "2026-02-01T00:00:00Z");
    const guessed = await buildFresh("1.1");
    const annexes = [...guessed.prints.keys()].filter((file) => file !== "changes.pdf");
    expect(annexes.sort()).toEqual(["all.pdf", "aws.pdf", "berlin.pdf"]);
    for (const file of annexes) expect(guessed.prints.get(file), file).toBe("1");

    // Without the record, the same commit's annexes take two prints each, and come out the same.
    repo.git("branch", "-D", "toms-published");
    const unguessed = await buildFresh("1.1-no-record");
    for (const file of annexes) {
      expect(unguessed.prints.get(file), file).toBe("2");
      expect(unguessed.pdfs.get(file)?.equals(guessed.pdfs.get(file) as Buffer), file).toBe(true);
    }
  }, 240_000);
});
