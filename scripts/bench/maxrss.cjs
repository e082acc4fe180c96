// Preload for the benchmark where GNU time is missing: writes the process's peak resident set size (KB) to
// the file named by BENCH_MAXRSS_FILE when it exits, with its CPU time.
const fs = require("node:fs");

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    // Peak RSS in KB and CPU time in ms (resourceUsage gives microseconds).
    fs.writeFileSync(file, `${usage.maxRSS} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}`);
  });
}
