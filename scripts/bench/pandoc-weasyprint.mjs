// The pandoc + WeasyPrint comparison of the benchmark: for every annex, `pandoc -s x.md -o x.html` then
// `weasyprint x.html x.pdf`, as many annexes at once as there are cores (as toms prints).
// node scripts/bench/pandoc-weasyprint.mjs DIR ANNEX_ID...
import { execFile } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const [dir, ...ids] = process.argv.slice(2);

let next = 0;
const worker = async () => {
  while (next < ids.length) {
    const base = path.join(dir, ids[next++]);
    await run("pandoc", ["-s", `${base}.md`, "-o", `${base}.html`]);
    await run("weasyprint", [`${base}.html`, `${base}.pdf`]);
  }
};
await Promise.all(Array.from({ length: Math.min(os.availableParallelism(), ids.length) }, worker));
