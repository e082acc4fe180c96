import type { ChildProcessWithoutNullStreams } from "node:child_process";

/** A child process's stdout as lines, its stderr, its end, and a wait for the first line that matches. */
export interface ChildLines {
  lines: string[];
  stderr: () => string;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The first line from now on that matches (rejected, with what was printed, when the process ends first). */
  line: (pattern: RegExp) => Promise<string>;
}

/** Reads a toms process (`what` names it in the message when it ends before a line matched). */
export function childLines(child: ChildProcessWithoutNullStreams, what: string): ChildLines {
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  let stderr = "";
  let rest = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const l of parts) {
      lines.push(l);
      for (const w of waiting.filter((w) => w.pattern.test(l))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  void ended.then(() => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${what} ended before a line matched ${w.pattern}:\n${lines.join("\n")}\n${stderr}`));
  });
  return { lines, stderr: () => stderr, ended, line: (pattern) => new Promise((resolve, reject) => waiting.push({ pattern, resolve, reject })) };
}
