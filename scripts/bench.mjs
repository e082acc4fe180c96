// `npm run bench`: how long toms takes as whole processes, against the Chromium floor and pandoc + WeasyPrint,
// and how it grows with synthetic content. Prints a table (medians of several runs); never fails on a target.
// Options: --runs N (default 5), --quick (1 run per row), --no-compile (measure lib/ as it is).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { devFigures } from "./bench/dev.mjs";
import { growthReport } from "./bench/growth.mjs";
import { writeMarkdownAnnexes } from "./bench/markdown-annex.mjs";
import { cleanUp, rssMethod, runNode, stats } from "./bench/run.mjs";
import { browser, ensureCompiled, machine, version } from "./bench/setup.mjs";
import { mark, mb, ms, ratio, table } from "./bench/table.mjs";
import { writeSynthetic } from "./synthetic.mjs";

const { values } = parseArgs({
  options: { runs: { type: "string" }, quick: { type: "boolean" }, "no-compile": { type: "boolean" }, help: { type: "boolean", short: "h" } },
});
if (values.help) {
  process.stdout.write("Usage: npm run bench -- [--runs N] [--quick] [--no-compile]\n");
  process.exit(0);
}
const runs = values.quick ? 1 : Number(values.runs ?? 5);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not "${values.runs}"`);

const root = fileURLToPath(new URL("../", import.meta.url));
const toms = path.join(root, "bin/toms.js");
const here = (name) => path.join(root, "scripts/bench", name);
// A fixed build date: the PDFs are the same bytes on every run, so "nothing changed" really is nothing.
const env = { SOURCE_DATE_EPOCH: "1767225600" };
const sizes = [
  [100, 2],
  [500, 5],
  [1000, 10],
  [2000, 10],
];
const started = performance.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "toms-bench-"));
// toms's cache (the contents' page numbers of the last prints) of its own, warmed by the reference build below; the
// cold row gives each run an empty one.
env.TOMS_CACHE_DIR = path.join(tmp, "cache");
let colds = 0;
let outs = 0;
// A new, not yet existing output folder per run (the previous one is removed first, outside the timing).
const freshOut = () => {
  fs.rmSync(path.join(tmp, `out-${outs}`), { recursive: true, force: true });
  return path.join(tmp, `out-${++outs}`);
};

try {
  const compiled = values["no-compile"] ? "not checked (--no-compile)" : ensureCompiled();
  const loadAtStart = os.loadavg()[0];
  const found = await browser();
  process.stdout.write(`${machine(found.executable).join("\n")}\nlib       ${compiled}\n`);

  // Every row: a label and the node arguments of one run; `skip` says why a row cannot run on this machine.
  const build = (...extra) => [toms, "build", "--content", "measures", ...extra];
  const ref = path.join(tmp, "ref");
  const prepared = found.executable !== undefined && (await runNode(build("--out", ref), { env, cwd: root })).code === 0;
  const pages = prepared ? annexPages(ref) : [];
  if (prepared) fs.cpSync(ref, path.join(tmp, "again"), { recursive: true });
  const noPdf = prepared ? undefined : found.missing ? "no browser" : "reference build failed";
  if (found.missing) process.stderr.write(`PDF rows skipped: ${found.missing}\n`);
  const floorDir = path.join(tmp, "floor");
  fs.mkdirSync(floorDir);
  const floor = (passes) => ({
    label: `Chromium floor, ${passes} pass${passes > 1 ? "es" : ""} per page`,
    skip: noPdf,
    args: () => [here("floor.mjs"), found.executable, String(passes), floorDir, ...pages],
  });
  const mdDir = path.join(tmp, "markdown");
  let ids = [];
  let noTools = version("pandoc") && version("weasyprint") ? undefined : "not installed";
  try {
    if (!noTools) ids = await writeMarkdownAnnexes(path.join(root, "measures"), mdDir);
  } catch (error) {
    noTools = "no Markdown";
    process.stderr.write(`pandoc row skipped: ${error.message}\n`);
  }
  const rows = {
    full: { label: "full build (HTML + PDF), fresh --out", skip: noPdf, args: () => build("--out", freshOut()) },
    cold: {
      label: "  the same, with an empty cache",
      skip: noPdf,
      args: () => build("--out", freshOut()),
      env: () => ({ TOMS_CACHE_DIR: path.join(tmp, `cold-cache-${++colds}`) }),
    },
    html: { label: "HTML only (--no-pdf), fresh --out", args: () => build("--no-pdf", "--out", freshOut()) },
    check: { label: "toms check", args: () => [toms, "check", "--content", "measures"] },
    rebuild: { label: "rebuild, nothing changed", skip: noPdf, args: () => build("--out", path.join(tmp, "again")) },
    floor1: floor(1),
    floor2: floor(2),
    pandoc: { label: "pandoc -s + weasyprint", skip: noTools, args: () => [here("pandoc-weasyprint.mjs"), mdDir, ...ids] },
  };
  for (const [m, l] of sizes) {
    const dir = path.join(tmp, `synthetic-${m}x${l}`);
    writeSynthetic(dir, m, l);
    rows[`html-${m}x${l}`] = { label: `${m}×${l} HTML-only build`, args: () => [toms, "build", "--no-pdf", "--content", dir, "--out", freshOut()] };
    rows[`check-${m}x${l}`] = { label: `${m}×${l} check`, args: () => [toms, "check", "--content", dir] };
  }

  // Round robin: run 1 of every row, then run 2 …, so a burst of load from elsewhere spreads over all rows.
  const result = await measureAll(Object.values(rows));
  // The live preview: one server per content, many saves each (its rows are per save, not per process).
  process.stderr.write("toms dev ");
  const devDir = path.join(tmp, "dev");
  fs.cpSync(path.join(root, "measures"), path.join(devDir, "measures"), { recursive: true });
  writeSynthetic(path.join(devDir, "synthetic"), 2000, 10);
  const dev = await devFigures({
    toms,
    cwd: root,
    env,
    content: path.join(devDir, "measures"),
    synthetic: path.join(devDir, "synthetic"),
    saves: 12,
    pdfs: values.quick ? 3 : 6,
    pdf: found.executable !== undefined,
  });
  process.stderr.write("done\n");
  // Other work on the machine makes wall times unreliable: a 1-minute load above the cores before the bench,
  // or more than a core above them after it (the bench itself keeps up to all cores busy).
  const cores = os.availableParallelism();
  const busy = loadAtStart > cores ? loadAtStart.toFixed(2) : os.loadavg()[0] > cores + 1 ? os.loadavg()[0].toFixed(2) : undefined;
  const r = Object.fromEntries(Object.keys(rows).map((key, i) => [key, result[i]]));
  const line = (m, target = "", ok = undefined) =>
    m.failed
      ? [`  ${m.label}`, "", m.failed, "", "", "", "", target, ""]
      : [`  ${m.label}`, String(m.runs), ms(m.median), ms(m.min), ms(m.max), ms(m.cpu), mb(m.rssKB), target, mark(ok)];
  const vs = (a, b) => r[a].median / r[b].median;
  const within = (value, limit) => (Number.isFinite(value) ? value <= limit : undefined);
  const largest = r["html-2000x10"];
  const table1 = [
    "shipped content (measures/)",
    line(r.full, `≤ 1.1× floor (1 pass): ${ratio(vs("full", "floor1"))}`, within(vs("full", "floor1"), 1.1)),
    line(r.cold, `${ratio(vs("cold", "floor1"))} floor (1 pass)`),
    line(r.html),
    line(r.check, "≤ 400 ms", within(r.check.median, 400)),
    line(r.rebuild, "≤ 500 ms", within(r.rebuild.median, 500)),
    "the same annexes without toms",
    line(r.floor1, `full build = ${ratio(vs("full", "floor1"))} this`),
    line(r.floor2, `full build = ${ratio(vs("full", "floor2"))} this`),
    line(r.pandoc, `full build faster than this: ${ratio(vs("full", "pandoc"))}`, within(vs("full", "pandoc"), 0.9999)),
    "synthetic content (measures × locations)",
    ...sizes.flatMap(([m, l]) => {
      const big = m === 2000 && l === 10;
      return [
        line(r[`html-${m}x${l}`], big ? "≤ 1500 ms, ≤ 600 MB" : "", big ? within(largest.median, 1500) && within(largest.rssKB, 600 * 1024) : undefined),
        line(r[`check-${m}x${l}`]),
      ];
    }),
  ];
  const devLine = (d) =>
    d.failed
      ? [`  ${d.label}`, "", d.failed, "", "", "", "", "", ""]
      : [`  ${d.label}`, String(d.runs), ms(d.median), ms(d.min), ms(d.max), "", "", d.target, mark(d.ok)];
  table1.push("live preview (toms dev), per save: from writing the file", ...dev.map(devLine));
  const growth = growthReport(sizes.map(([m, l]) => ({ m, l, html: r[`html-${m}x${l}`], check: r[`check-${m}x${l}`] })));
  const lines = [
    "",
    table(["", "runs", "median", "min", "max", "CPU", "peak RSS", "target", ""], table1, [0, 7]),
    "",
    "growth with measures × locations (medians; ms per 1,000 measure-locations; marginal = from the size above)",
    "",
    growth.text,
    "",
    growth.verdict,
    "",
    "notes",
    "- Every number is one whole process (node start-up included); median/min/max of wall time; CPU = median user + system",
    `  time; peak RSS = highest of the runs, by ${rssMethod}.`,
    "- toms prints an annex once when the page numbers of its contents from the last print (in its cache, TOMS_CACHE_DIR,",
    "  or the previous output) still hold, else twice (the second print shows the numbers the first found). The full-build",
    "  row starts from the cache the reference build left (as a second build on a machine does); the empty-cache row is",
    "  a first build (as in CI), whose like-for-like floor is the 2-pass row. Every build also checks each PDF against",
    "  its page (every word there, nothing added, nothing cut off) and makes it PDF/UA: work the floor does not do.",
    "- The floor starts Chromium when it needs it, as a script would; toms starts it first thing, before the check.",
    "- The floor prints toms's own HTML pages (same style sheet, @page A4, header/footer templates, outline, tagged PDF) with",
    "  puppeteer alone: same browser, same flags, one tab per page, as many at once as there are cores.",
    "- pandoc + WeasyPrint make the same annexes from Markdown generated from the same content (default pandoc styling).",
    "- toms dev rows: one server each, runs = saves; reload = until the event reaches a client of /__toms/events (watch,",
    "  debounce, read, check, fingerprints); PDF = until the last byte of berlin.pdf asked for right after that event.",
    ...(r.floor1.median && r.pandoc.median
      ? [
          `  The 1-pass Chromium floor alone is ${ratio(vs("floor1", "pandoc"))} of pandoc + WeasyPrint: a build that prints with Chromium is faster than it only where the floor is.`,
        ]
      : []),
    `- load at end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}; the bench took ${Math.round((performance.now() - started) / 1000)} s.`,
    ...(busy
      ? [`- ⚠ the machine was busy (load ${busy} on ${os.availableParallelism()} cores): wall times are inflated; min and CPU are the steadier columns.`]
      : []),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
  cleanUp();
}

/** Runs every row `runs` times in rounds; per row the wall time stats, median CPU, highest peak RSS, or why it failed. */
async function measureAll(rows) {
  const samples = rows.map(() => []);
  const failed = rows.map((row) => row.skip);
  for (let run = 1; run <= runs; run++) {
    process.stderr.write(`run ${run}/${runs} `);
    for (const [i, row] of rows.entries()) {
      if (failed[i] !== undefined) continue;
      const result = await runNode(row.args(), { env: { ...env, ...row.env?.() }, cwd: root });
      if (result.code === 0) samples[i].push(result);
      else {
        failed[i] = `failed, exit ${result.code}`;
        process.stderr.write(`\n${row.label} failed:\n${result.output.trim().split("\n").slice(-8).join("\n")}\n`);
      }
      process.stderr.write(".");
    }
    process.stderr.write("\n");
  }
  return rows.map((row, i) => {
    if (failed[i] !== undefined) return { label: row.label, failed: failed[i] };
    const s = samples[i];
    return {
      label: row.label,
      runs: s.length,
      ...stats(s.map((x) => x.ms)),
      cpu: stats(s.map((x) => x.cpuMs ?? Number.NaN)).median,
      rssKB: Math.max(...s.map((x) => x.rssKB ?? Number.NaN)),
    };
  });
}

/** The HTML pages of the annexes (not the index) a build wrote into `out`, per its manifest. */
function annexPages(out) {
  const manifest = JSON.parse(fs.readFileSync(path.join(out, "toms-manifest.json"), "utf8"));
  return Object.keys(manifest.pdfs)
    .filter((f) => !f.includes("/"))
    .map((f) => path.join(out, f.replace(/\.pdf$/, ".html")));
}
