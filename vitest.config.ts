import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // At least two files at a time, also on two cores (vitest's default would run one): most of a file's time is
    // spent waiting for Chromium and git, which run beside it. The slowest files are split (versions*.test.ts).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    outputFile: { json: "node_modules/.cache/toms/vitest.json" },
    // toms's cache (the contents' page numbers of the last prints) of the test run's own, not the user's.
    env: { TOMS_CACHE_DIR: path.join(os.tmpdir(), `toms-test-cache-${process.pid}`) },
  },
});
