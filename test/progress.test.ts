import { describe, expect, it } from "vitest";
import { steps } from "../src/cli/progress.js";

// A stream as toms build writes to: a terminal of 40 columns, or not.
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, columns: 40, write: (chunk: string) => written.push(chunk) > 0 };
}
const clear = "\r\u001b[2K";

describe("the steps of toms build", () => {
  it("on a terminal: one line that each step overwrites, cut to the width, gone before the result", () => {
    const out = stream(true);
    const progress = steps(out, { verbose: false, env: {} });
    progress.step("pdf  /usr/bin/chromium (Chrome/150.0) started in 600 ms");
    progress.step("pdf  berlin.pdf    6 pages   1628 ms");
    progress.done();
    expect(out.written).toEqual([`${clear}… pdf /usr/bin/chromium (Chrome/150.0)…`, `${clear}… pdf berlin.pdf 6 pages 1628 ms`, clear]);
  });

  it("in a CI log or a pipe: nothing (only the result follows)", () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: "true" }],
      [true, { TERM: "dumb" }],
    ] as const) {
      const out = stream(isTTY);
      const progress = steps(out, { verbose: false, env });
      progress.step("pdf  berlin.pdf    6 pages   1628 ms");
      progress.done();
      expect(out.written).toEqual([]);
    }
  });

  it("with --verbose: every step as a line, escaped like content", () => {
    const out = stream(false);
    const progress = steps(out, { verbose: true, env: {} });
    progress.step("pdf  berlin.pdf    6 pages   1628 ms");
    progress.step("pdf  b\u001b[2Jx.pdf unchanged, reused");
    progress.done();
    expect(out.written).toEqual(["pdf  berlin.pdf    6 pages   1628 ms\n", "pdf  b\\u{1B}[2Jx.pdf unchanged, reused\n"]);
  });
});
