import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { status } from "../src/commands/status.js";
import { tempDir } from "./helpers/tmp.js";

// test/fixtures/status/content has a measure in every review state on 2026-12-01 (overdue by a day through its
// section's date, due in 19 days, up to date, without a date, and planned without one), owners with characters
// Markdown would act on, and art32 with a gap everywhere, gaps at one location and a control not applicable there.
// expected.* are the exact outputs of `toms status --today 2026-12-01` in each format.
const fixture = path.join(import.meta.dirname, "fixtures/status");
const content = path.join(fixture, "content");
const toms = (...args: string[]) =>
  spawnSync(process.execPath, [path.resolve("bin/toms.js"), ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe("toms status", () => {
  it.each([
    ["text", "expected.txt"],
    ["json", "expected.json"],
    ["markdown", "expected.md"],
  ])("--format %s prints exactly %s", async (format, file) => {
    const run = toms("status", "--content", content, "--today", "2026-12-01", "--format", format);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(path.join(fixture, file));
  });

  it("gives each measure the state its dates give it on the day asked", () => {
    const on = (today: string) => Object.fromEntries((status(content, today).status?.measures ?? []).map((m) => [m.id, m.state]));
    expect(on("2026-12-01")).toEqual({
      schliessanlage: "overdue",
      besucher: "ok",
      videoueberwachung: "ok",
      hausordnung: "ok",
      verschluesselung: "ok",
      sicherung: "due",
      notfallplan: "missing",
      audit: "missing",
    });
    // Due within 30 days: on the day itself still due, the day after overdue; 31 days before, not yet due.
    expect(on("2026-12-20").sicherung).toBe("due");
    expect(on("2026-12-21").sicherung).toBe("overdue");
    expect(on("2026-11-19").sicherung).toBe("ok");
    expect(on("2026-11-20").sicherung).toBe("due");
  });

  it("counts months as people do: a review on 31 January is due on the last day of February", () => {
    const { dir, cleanup } = tempDir();
    try {
      fs.cpSync(content, dir, { recursive: true });
      const file = path.join(dir, "betrieb.yaml");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("reviewed: 2026-01-10", "reviewed: 2027-01-31").replace("review_interval_months: 12", ""));
      const site = path.join(dir, "site.yaml");
      fs.writeFileSync(site, fs.readFileSync(site, "utf8").replace("review_interval_months: 12", "review_interval_months: 1"));
      const measure = status(dir, "2027-02-01").status?.measures.find((m) => m.id === "verschluesselung");
      expect(measure).toMatchObject({ reviewed: "2027-01-31", due: "2027-02-28", state: "due" });
    } finally {
      cleanup();
    }
  });

  it("without review_interval_months nothing is due: a date is ok, no date is missing", () => {
    const { dir, cleanup } = tempDir();
    try {
      fs.cpSync(content, dir, { recursive: true });
      const site = path.join(dir, "site.yaml");
      fs.writeFileSync(site, fs.readFileSync(site, "utf8").replace("review_interval_months: 12\n", ""));
      const report = status(dir, "2030-01-01").status;
      expect(report?.review_interval_months).toBeNull();
      expect(new Set(report?.measures.map((m) => `${m.state} ${m.due}`))).toEqual(new Set(["ok null", "missing null"]));
      expect(toms("status", "--content", dir, "--today", "2030-01-01").stdout).toContain("no review_interval_months");
    } finally {
      cleanup();
    }
  });

  it("takes today from SOURCE_DATE_EPOCH when --today is not given", () => {
    const run = spawnSync(process.execPath, [path.resolve("bin/toms.js"), "status", "--content", content, "--format", "json"], {
      encoding: "utf8",
      env: { ...process.env, SOURCE_DATE_EPOCH: String(Date.UTC(2026, 11, 21) / 1000) },
    });
    expect(JSON.parse(run.stdout)).toMatchObject({ today: "2026-12-21" });
  });

  it("refuses a --today that is not a date (exit 2) and prints no status for content with errors (exit 1)", () => {
    const wrong = toms("status", "--content", content, "--today", "1.12.2026");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--today must be a date written YYYY-MM-DD, such as 2026-12-01, not "1.12.2026"');
    expect(toms("check", "--content", content, "--today", "2026-02-30").status).toBe(2);
    const { dir, cleanup } = tempDir();
    try {
      fs.cpSync(content, dir, { recursive: true });
      const file = path.join(dir, "betrieb.yaml");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("art32:integrity", "art32:integritaet"));
      const broken = toms("status", "--content", dir, "--today", "2026-12-01");
      expect(broken.status).toBe(1);
      expect(broken.stdout).toBe("");
      expect(broken.stderr).toContain('The catalogue "art32" has no control "integritaet" (did you mean "integrity"?)');
    } finally {
      cleanup();
    }
  });

  it("the JSON has the fields of the command line contract", () => {
    const json = JSON.parse(fs.readFileSync(path.join(fixture, "expected.json"), "utf8")) as { measures: object[]; catalogues: object[] };
    for (const m of json.measures) expect(Object.keys(m)).toEqual(expect.arrayContaining(["id", "section", "owner", "reviewed", "due", "state"]));
    expect(json.catalogues.length).toBe(1);
  });

  it("the built-in catalogues have the shape of catalogue.schema.json and the controls the format names", async () => {
    const { Ajv2020 } = await import("ajv/dist/2020.js");
    const addFormats = (await import("ajv-formats")).default;
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv, ["date", "uri"]);
    const validate = ajv.compile(JSON.parse(fs.readFileSync("schemas/catalogue.schema.json", "utf8")));
    const counts: Record<string, number> = {};
    for (const file of fs.readdirSync("catalogues")) {
      const data = parse(fs.readFileSync(path.join("catalogues", file), "utf8")) as { id: string; controls: { id: string; title: Record<string, string> }[] };
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(`${data.id}.yaml`).toBe(file);
      for (const control of data.controls) expect(Object.keys(control.title).sort()).toEqual(["de", "en"]);
      counts[data.id] = data.controls.length;
    }
    expect(counts).toEqual({ art32: 7, "bdsg-9": 8, "bdsg-64": 14, "scc-annex-iii": 17 });
    const bdsg9 = parse(fs.readFileSync("catalogues/bdsg-9.yaml", "utf8")) as { controls: { id: string }[] };
    expect(bdsg9.controls.map((c) => c.id)).toEqual([
      "zutrittskontrolle",
      "zugangskontrolle",
      "zugriffskontrolle",
      "weitergabekontrolle",
      "eingabekontrolle",
      "auftragskontrolle",
      "verfuegbarkeitskontrolle",
      "trennungsgebot",
    ]);
  });
});
