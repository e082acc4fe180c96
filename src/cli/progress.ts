import stringWidth from "string-width";
import { interactive, printable } from "../util/terminal.js";

/** Receives the steps of a long command (the build's log lines) and puts them where they help. */
export interface Steps {
  step(line: string): void;
  /** Ends the display: the lines that follow are the result. */
  done(): void;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/**
 * Steps as a person at a terminal wants them: one line that each step overwrites (the PDF being printed, the
 * browser starting), gone when the result comes. A CI log or a pipe gets none of them, only the result; with
 * `verbose`, every step as a line of its own, wherever the output goes.
 */
export function steps(stream: Pick<NodeJS.WriteStream, "write" | "isTTY" | "columns">, options: { verbose: boolean; env?: NodeJS.ProcessEnv }): Steps {
  if (options.verbose) return { step: (line) => stream.write(`${printable(line)}\n`), done: () => {} };
  if (!interactive(stream, options.env)) return { step: () => {}, done: () => {} };
  let shown = false;
  const clear = () => {
    if (shown) stream.write("\r\u001b[2K");
    shown = false;
  };
  // Stopped with Ctrl-C, the build says so on stderr: on a line of its own, not after the half-updated one. When
  // nothing else listens (the build's own handler is gone), the signal is raised again to end the process.
  const onSignal = (signal: NodeJS.Signals) => {
    clear();
    if (process.listenerCount(signal) === 1) {
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    }
  };
  for (const signal of signals) process.prependListener(signal, onSignal);
  return {
    step(line) {
      // Cut to the terminal's width: a line that wraps cannot be overwritten.
      stream.write(`\r\u001b[2K${fit(`… ${printable(line).replace(/\s+/g, " ")}`, (stream.columns || 80) - 1)}`);
      shown = true;
    },
    done() {
      clear();
      for (const signal of signals) process.removeListener(signal, onSignal);
    },
  };
}

function fit(text: string, columns: number): string {
  const kept: string[] = [];
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    width += stringWidth(segment);
    if (width > columns) return `${kept.slice(0, -1).join("")}…`;
    kept.push(segment);
  }
  return text;
}
