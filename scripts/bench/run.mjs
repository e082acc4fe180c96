// Runs one measurement as a whole child process and reports its wall time and peak memory.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const preload = fileURLToPath(new URL("./maxrss.cjs", import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "toms-bench-rss-"));
let counter = 0;

// GNU time reports the child's maximum resident set size (of the largest process in its tree) with -f %M;
// BENCH_NO_GNU_TIME=1 forces the fallback (a preload reporting Node's own maxRSS at exit).
const gnuTime =
  process.env.BENCH_NO_GNU_TIME !== "1" &&
  fs.existsSync("/usr/bin/time") &&
  spawnSync("/usr/bin/time", ["-f", "%M", "-o", path.join(scratch, "probe"), "true"]).status === 0;

/** How peak memory is measured on this machine, for the report. */
export const rssMethod = gnuTime ? "GNU time %M (largest single process of the tree)" : "process.resourceUsage().maxRSS of the node process (preload)";

/**
 * Runs `node ...args` and resolves to { ms, rssKB, cpuMs, code, output }. Wall time is taken around the whole
 * process (start-up included); CPU time (user + system) is the tree's with GNU time, else the node
 * process's own; output is collected so that a failing row can show why.
 */
export function runNode(args, { env = {}, cwd = process.cwd() } = {}) {
  const rssFile = path.join(scratch, `rss-${counter++}`);
  const [command, argv, extraEnv] = gnuTime
    ? ["/usr/bin/time", ["-f", "%M %U %S", "-o", rssFile, process.execPath, ...args], {}]
    : [process.execPath, ["--require", preload, ...args], { BENCH_MAXRSS_FILE: rssFile }];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd, env: { ...process.env, ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => out.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      let rssKB;
      let cpuMs;
      try {
        // GNU time writes "Command exited with non-zero status N" before the numbers when the child fails.
        // GNU time: "KB user-seconds system-seconds"; the preload: "KB cpu-milliseconds".
        const [rss, a, b] = fs.readFileSync(rssFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
        [rssKB, cpuMs] = [rss, gnuTime ? (a + b) * 1000 : a];
        fs.rmSync(rssFile, { force: true });
      } catch {
        rssKB = undefined;
      }
      resolve({ ms, rssKB, cpuMs, code, output: Buffer.concat(out).toString("utf8") });
    });
  });
}

/** Removes the scratch folder of the memory reports. */
export function cleanUp() {
  fs.rmSync(scratch, { recursive: true, force: true });
}

/** Median, min and max of a list of numbers. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
